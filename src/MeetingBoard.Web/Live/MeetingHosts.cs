using System.Collections.Concurrent;
using MeetingBoard.Meetings;
using MeetingBoard.Web.Storage;

namespace MeetingBoard.Web.Live;

/// <summary>The meetings this node has loaded, each with its host. A meeting is loaded from the store on first use.</summary>
public sealed class MeetingHosts(IEventStore store, IMeetingBus bus, MeetingBoardMetrics metrics, TimeProvider time, ILoggerFactory logs)
{
    readonly ConcurrentDictionary<string, Lazy<Task<MeetingHost>>> hosts = new();
    readonly ILogger log = logs.CreateLogger<MeetingHost>();

    /// <summary>The host of an existing meeting, caught up with the store; null when there is no such meeting.</summary>
    public async Task<MeetingHost?> FindAsync(string meetingId, CancellationToken ct = default)
    {
        if (!IsWellFormedId(meetingId)) return null;
        var loading = hosts.GetOrAdd(meetingId, id => new Lazy<Task<MeetingHost>>(() => LoadAsync(id)));
        MeetingHost host;
        try
        {
            host = await loading.Value;
        }
        catch
        {
            // The store did not answer: forget the failed load so the next request tries again.
            hosts.TryRemove(KeyValuePair.Create(meetingId, loading));
            throw;
        }
        if (host.State.Exists)
        {
            host.Touch(time.GetUtcNow());
            return host;
        }
        // Not found now; another node may create it later, so do not remember the miss.
        hosts.TryRemove(meetingId, out _);
        return null;
    }

    async Task<MeetingHost> LoadAsync(string meetingId)
    {
        var host = new MeetingHost(meetingId, store, bus, metrics, log);
        await host.CatchUpAsync();
        return host;
    }

    /// <summary>Creates a meeting, choosing a new join code until one is free.</summary>
    public async Task<CommandOutcome> CreateAsync(Func<string, CreateMeeting> command, string? commandId, CancellationToken ct = default)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var create = command(JoinCode.New());
            var decision = Meeting.Decide(MeetingState.Empty, create);
            if (decision.Refusal is { } refusal)
                return new CommandOutcome(OutcomeKind.Refused, MeetingState.Empty, refusal);
            var events = decision.Events!;
            var entry = new MeetingIndexEntry(create.MeetingId, create.JoinCode, create.By.Id, create.At);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            if (!await store.CreateAsync(entry, events, commandId, ct)) continue;
            metrics.CommandRan(create, "applied", started);

            var state = Meeting.Fold(events);
            var host = new MeetingHost(create.MeetingId, store, bus, metrics, log);
            host.Seed(state, commandId);
            host.Touch(time.GetUtcNow());
            hosts[create.MeetingId] = new Lazy<Task<MeetingHost>>(Task.FromResult(host));
            log.LogInformation("Meeting {MeetingId}: created", create.MeetingId);
            return new CommandOutcome(OutcomeKind.Applied, state);
        }
        throw new InvalidOperationException("Could not find a free join code after five attempts");
    }

    /// <summary>
    /// Deletes a meeting from the store (tombstone kept) and forgets its host on this node, so the next
    /// lookup finds nothing. Viewers are sent away by <see cref="Broadcaster.MeetingDeletedAsync"/>.
    /// </summary>
    public async Task PurgeAsync(string meetingId, DateTimeOffset deletedAt, CancellationToken ct = default)
    {
        if (hosts.TryGetValue(meetingId, out var loaded) && await loaded.Value is { } host)
            await host.PurgeAsync(deletedAt, ct);
        else
            await store.PurgeAsync(meetingId, deletedAt, ct);
        hosts.TryRemove(meetingId, out _);
        log.LogInformation("Meeting {MeetingId}: purged", meetingId);
    }

    /// <summary>How many meetings this node holds in memory now.</summary>
    public int LoadedCount => hosts.Count;

    public bool IsLoaded(string meetingId) => hosts.ContainsKey(meetingId);

    /// <summary>
    /// Lets go of every meeting that no circuit here watches and nothing here has used since
    /// <paramref name="idleSince"/>; a watched meeting counts as used now. An unloaded meeting is read
    /// again from the store on its next use. Whoever still holds an unloaded host may finish a command
    /// on it: the store's version key orders it against the new host, as it would against another node.
    /// </summary>
    public int UnloadIdle(DateTimeOffset now, DateTimeOffset idleSince, Func<string, bool> isWatched)
    {
        var unloaded = 0;
        foreach (var (meetingId, loading) in hosts)
        {
            if (!loading.IsValueCreated || !loading.Value.IsCompletedSuccessfully) continue;
            var host = loading.Value.Result;
            if (isWatched(meetingId))
            {
                host.Touch(now);
                continue;
            }
            if (host.LastUsed > idleSince || !hosts.TryRemove(KeyValuePair.Create(meetingId, loading))) continue;
            unloaded++;
            metrics.MeetingUnloaded();
            log.LogInformation("Meeting {MeetingId}: unloaded from memory (unwatched since {LastUsed:u})", meetingId, host.LastUsed);
        }
        return unloaded;
    }

    public static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Ids are 32 lowercase hex characters; anything else is refused before touching the store.</summary>
    public static bool IsWellFormedId(string? id) =>
        id is { Length: 32 } && id.All(ch => ch is >= '0' and <= '9' or >= 'a' and <= 'f');
}
