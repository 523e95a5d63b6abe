using System.Runtime;
using Microsoft.AspNetCore.SignalR;

namespace MeetingBoard.Web.Live;

/// <summary>
/// Benchmark-only, mapped at /hubs/bench when MeetingBoard:Benchmarks:Enabled is true (off by
/// default). It is the floor a live patch is measured against: the same connections receive a
/// message of the same size and shape as a patch, with no store, decision or rendering in between.
/// It has no authorisation on purpose, so it must never be enabled on a server people use.
/// </summary>
public sealed class BenchHub(IHubContext<BenchHub> context) : Hub
{
    const string Listeners = "bench";
    const int MaxChars = 8 * 1024 * 1024;

    /// <summary>Puts this connection among those that receive <see cref="Broadcast"/>.</summary>
    public Task Listen() => Groups.AddToGroupAsync(Context.ConnectionId, Listeners);

    /// <summary>
    /// Sends every listener a "Patch" of one region whose markup is <paramref name="chars"/> characters.
    /// It answers before sending, as a command endpoint answers before the broadcaster renders, so
    /// the caller's "accepted" moment means the same in both measurements.
    /// </summary>
    public void Broadcast(long version, int chars)
    {
        if (chars is < 0 or > MaxChars) throw new HubException($"chars must be between 0 and {MaxChars}.");
        var patch = new Patch(version, [new Region("mb-board", new string('x', chars))]);
        _ = Task.Run(() => context.Clients.Group(Listeners).SendAsync("Patch", patch));
    }

    /// <summary>A full, compacting collection, then what the process holds: for memory per connection.</summary>
    public BenchMemory Memory()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        var info = GC.GetGCMemoryInfo();
        // Generations 3 and 4 are the large and the pinned object heaps; Kestrel's buffer pools live in the pinned one.
        return new BenchMemory(GC.GetTotalMemory(false), info.HeapSizeBytes, info.TotalCommittedBytes,
            info.GenerationInfo[3].SizeAfterBytes, info.GenerationInfo[4].SizeAfterBytes,
            Environment.WorkingSet, GCSettings.IsServerGC, Environment.ProcessorCount);
    }
}

public sealed record BenchMemory(long ManagedBytes, long HeapSizeBytes, long CommittedBytes, long LargeObjectBytes, long PinnedObjectBytes,
    long WorkingSetBytes, bool ServerGc, int Processors);
