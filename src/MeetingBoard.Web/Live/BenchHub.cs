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
    /// the caller's "accepted" moment means the same in both measurements. Returns the moment it
    /// accepted the broadcast on the <see cref="BenchClock"/>.
    /// </summary>
    public double Broadcast(long version, int chars)
    {
        if (chars is < 0 or > MaxChars) throw new HubException($"chars must be between 0 and {MaxChars}.");
        var patch = new Patch(version, [new Region("mb-board", new string('x', chars))]);
        _ = Task.Run(() => context.Clients.Group(Listeners).SendAsync("Patch", patch));
        return BenchClock.Milliseconds;
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

/// <summary>
/// Benchmark-only: the moment the server answered, on the machine's monotonic clock, which the load
/// generator on the same machine also reads (<c>process.hrtime</c>). Latency can then be measured
/// from when the server accepted a change, not from when its answer reached the client: an answer
/// races the fan-out it started, and loses by more when the fan-out starts at once (the floor) than
/// after a render (a live patch), which made the floor look faster than it is (docs/benchmarks.md).
/// </summary>
public static class BenchClock
{
    public const string Header = "X-MeetingBoard-Bench-Answered-At";

    public static double Milliseconds => System.Diagnostics.Stopwatch.GetTimestamp() * 1000.0 / System.Diagnostics.Stopwatch.Frequency;

    /// <summary>Stamps every response with <see cref="Header"/> as it starts.</summary>
    public static IApplicationBuilder UseBenchClock(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            http.Response.Headers[Header] = Milliseconds.ToString("F3", System.Globalization.CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        });
        return next(http);
    });
}
