using System.Collections.Concurrent;
using System.Collections.Immutable;
using MeetingBoard.Meetings;

namespace MeetingBoard.Web.Live;

/// <summary>
/// This node's feed of meeting changes for the circuits watching them. A bus notice (or the catch-up
/// sweep) brings the meeting's host up to date from the store, then every watcher on this node is told
/// once per version. Renders coalesce: while one delivery of a meeting runs, further notices collapse
/// into one more delivery of the latest state, so a burst of changes costs a few renders, not one each.
/// </summary>
public sealed class MeetingFeed(MeetingHosts hosts, Presence presence, MeetingBoardMetrics metrics, ILogger<MeetingFeed> log,
    IEnumerable<MeetingFeed.IPrepare> prepare)
{
    /// <summary>
    /// Makes, once and before any circuit is told, something every circuit of an audience will ask for at the
    /// same moment (a revealed round's results): otherwise the first circuit makes it while the others wait.
    /// </summary>
    public interface IPrepare
    {
        void Prepare(MeetingState state);
    }

    /// <summary>One circuit's interest in a meeting: told the state and who is connected.</summary>
    public interface IWatcher
    {
        Task ChangedAsync(MeetingState state, IReadOnlySet<string> connected);
        /// <summary>The meeting was deleted while it was open.</summary>
        Task GoneAsync();
    }

    sealed class Meeting
    {
        public ImmutableList<IWatcher> Watchers = [];
        public int Pending; // 1 while a delivery is queued
        public readonly SemaphoreSlim Gate = new(1, 1);
        public long Delivered;
    }

    readonly ConcurrentDictionary<string, Meeting> meetings = new();

    public IDisposable Watch(string meetingId, IWatcher watcher)
    {
        var m = meetings.GetOrAdd(meetingId, _ => new Meeting());
        ImmutableInterlocked.Update(ref m.Watchers, w => w.Add(watcher));
        return new Unwatch(this, meetingId, watcher);
    }

    sealed class Unwatch(MeetingFeed feed, string meetingId, IWatcher watcher) : IDisposable
    {
        int done;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref done, 1) == 1) return;
            if (!feed.meetings.TryGetValue(meetingId, out var m)) return;
            ImmutableInterlocked.Update(ref m.Watchers, w => w.Remove(watcher));
            // Forget the meeting when nobody here watches it; a racing Watch re-adds it through GetOrAdd.
            if (m.Watchers.IsEmpty) feed.meetings.TryRemove(KeyValuePair.Create(meetingId, m));
        }
    }

    public bool IsWatched(string meetingId) => meetings.TryGetValue(meetingId, out var m) && !m.Watchers.IsEmpty;

    public IReadOnlyList<string> WatchedMeetings() => [.. meetings.Where(m => !m.Value.Watchers.IsEmpty).Select(m => m.Key)];

    /// <summary>The version this node's watchers of a meeting were last told, so the sweep can tell a missed notice.</summary>
    public long DeliveredVersion(string meetingId) => meetings.TryGetValue(meetingId, out var m) ? Volatile.Read(ref m.Delivered) : 0;

    /// <summary>A bus notice: something changed (here or on another node).</summary>
    public Task OnChangedAsync(MeetingChanged notice)
    {
        Schedule(notice.MeetingId);
        return Task.CompletedTask;
    }

    /// <summary>Someone connected or left: the facilitators' lists show it.</summary>
    public void PresenceChanged(string meetingId) => Schedule(meetingId);

    void Schedule(string meetingId)
    {
        if (!meetings.TryGetValue(meetingId, out var m) || m.Watchers.IsEmpty) return;
        if (Interlocked.Exchange(ref m.Pending, 1) == 1) return; // a delivery is queued and will read the latest state
        _ = Task.Run(() => DeliverAsync(meetingId, m));
    }

    async Task DeliverAsync(string meetingId, Meeting m)
    {
        await m.Gate.WaitAsync();
        try
        {
            Interlocked.Exchange(ref m.Pending, 0);
            var host = await hosts.FindAsync(meetingId);
            if (host is null)
            {
                foreach (var w in m.Watchers) await SafelyAsync(w.GoneAsync);
                return;
            }
            var state = await host.CatchUpAsync();
            Volatile.Write(ref m.Delivered, Math.Max(m.Delivered, state.Version));
            var connected = presence.ConnectedKeys(meetingId);
            if (!m.Watchers.IsEmpty)
                foreach (var p in prepare)
                {
                    try
                    {
                        p.Prepare(state);
                    }
                    catch (Exception e)
                    {
                        // Only a head start: each circuit still makes what it needs itself.
                        log.LogWarning("Meeting {MeetingId}: preparing the version failed ({Error})", meetingId, e.GetType().Name);
                    }
                }
            await TellAllAsync(m.Watchers, w => w.ChangedAsync(state, connected), log);
        }
        catch (Exception e)
        {
            if (Storage.StoreUnavailable.IsStoreFailure(e)) metrics.StoreError("delivery");
            log.LogWarning("Meeting {MeetingId}: bringing watchers up to date failed ({Error})", meetingId, e.GetType().Name);
        }
        finally
        {
            m.Gate.Release();
        }
    }

    /// <summary>The meeting was deleted on this node: every circuit watching it says so at once.</summary>
    public async Task MeetingDeletedAsync(string meetingId)
    {
        if (!meetings.TryGetValue(meetingId, out var m)) return;
        await TellAllAsync(m.Watchers, w => w.GoneAsync(), log);
    }

    /// <summary>
    /// Tells every watcher, in turn from this thread: a circuit whose dispatcher is free renders inline, so the
    /// first are told before the last are rendered. One that waits does not hold up the next, and one that fails
    /// (its circuit closed meanwhile) holds up nobody. Spreading the watchers over the cores was measured (bench A,
    /// docs/benchmarks.md): participants got a change no sooner, and the facilitator, told first here, later.
    /// </summary>
    public static Task TellAllAsync<T>(IEnumerable<T> watchers, Func<T, Task> tell, ILogger? log = null) =>
        Task.WhenAll(watchers.Select(w => SafelyAsync(() => tell(w), log)));

    Task SafelyAsync(Func<Task> tell) => SafelyAsync(tell, log);

    static async Task SafelyAsync(Func<Task> tell, ILogger? log)
    {
        try
        {
            await tell();
        }
        catch (Exception e)
        {
            // One circuit's failure (it closed meanwhile) must not hold up the others.
            log?.LogDebug(e, "A watcher failed to take a change");
        }
    }
}
