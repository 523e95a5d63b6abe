using System.Collections.Concurrent;
namespace MeetingBoard.Web.Live;

/// <summary>
/// Who is connected to which meeting: the circuits on this node whose browser is connected now, and
/// the viewer keys other nodes announced (see <see cref="CatchUpSweep"/>), each until its announcement runs out.
/// </summary>
public sealed class Presence(IMeetingBus bus, MeetingBoardOptions options, ILogger<Presence> log)
{
    /// <param name="SessionId">The facilitator's server-side session, so ending it can end its circuits' access.</param>
    /// <param name="End">Takes the circuit's access away (its session ended elsewhere).</param>
    public sealed record Connection(string ConnectionId, string MeetingId, Viewer Viewer, string? SessionId, Action End);

    readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Connection>> meetings = new();
    readonly ConcurrentDictionary<string, Connection> connections = new();
    readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Remote>> remote = new();

    sealed record Remote(IReadOnlySet<string> Keys, DateTimeOffset Until);

    // Adding to a meeting's dictionary and forgetting an empty one take this lock, so a connection is
    // never added to a dictionary that has just been forgotten.
    readonly Lock pruning = new();

    public void Add(Connection connection)
    {
        connections[connection.ConnectionId] = connection;
        lock (pruning) meetings.GetOrAdd(connection.MeetingId, _ => new())[connection.ConnectionId] = connection;
    }

    public Connection? Remove(string connectionId)
    {
        if (!connections.TryRemove(connectionId, out var connection)) return null;
        // The empty per-meeting dictionary is forgotten later, by Prune.
        if (meetings.TryGetValue(connection.MeetingId, out var inMeeting))
            inMeeting.TryRemove(connectionId, out _);
        return connection;
    }

    /// <summary>Forgets meetings with no connection here and no announcement from elsewhere (a node that runs for months).</summary>
    public void Prune()
    {
        lock (pruning)
        {
            foreach (var (meetingId, inMeeting) in meetings)
                if (inMeeting.IsEmpty) meetings.TryRemove(KeyValuePair.Create(meetingId, inMeeting));
            foreach (var (meetingId, nodes) in remote)
                if (nodes.IsEmpty) remote.TryRemove(KeyValuePair.Create(meetingId, nodes));
        }
    }

    public IReadOnlyCollection<Connection> In(string meetingId) =>
        meetings.TryGetValue(meetingId, out var inMeeting) ? [.. inMeeting.Values] : [];

    public IReadOnlyCollection<Connection> All => [.. connections.Values];

    public bool HasViewers(string meetingId) => meetings.TryGetValue(meetingId, out var inMeeting) && !inMeeting.IsEmpty;

    public IReadOnlyList<string> MeetingsWithViewers() => [.. meetings.Where(m => !m.Value.IsEmpty).Select(m => m.Key)];

    /// <summary>The viewer keys with a connection on this node.</summary>
    public IReadOnlySet<string> LocalKeys(string meetingId) => In(meetingId).Select(c => c.Viewer.Key).ToHashSet();

    /// <summary>The viewer keys ("f:…", "p:…", "screen") with at least one open connection on any node.</summary>
    public IReadOnlySet<string> ConnectedKeys(string meetingId)
    {
        var keys = In(meetingId).Select(c => c.Viewer.Key).ToHashSet();
        if (remote.TryGetValue(meetingId, out var nodes))
        {
            var now = DateTimeOffset.UtcNow;
            foreach (var r in nodes.Values)
                if (r.Until > now) keys.UnionWith(r.Keys);
        }
        return keys;
    }

    /// <summary>Records another node's announcement; true when it changes who is connected.</summary>
    public bool SetRemote(string nodeId, PresenceNotice notice)
    {
        var keys = notice.Keys.ToHashSet();
        lock (pruning) return SetRemoteLocked(nodeId, notice, keys);
    }

    bool SetRemoteLocked(string nodeId, PresenceNotice notice, HashSet<string> keys)
    {
        var nodes = remote.GetOrAdd(notice.MeetingId, _ => new());
        var changed = !nodes.TryGetValue(nodeId, out var old) || old.Until <= DateTimeOffset.UtcNow || !old.Keys.SetEquals(keys);
        if (keys.Count == 0) nodes.TryRemove(nodeId, out _);
        else nodes[nodeId] = new Remote(keys, DateTimeOffset.UtcNow + notice.ValidFor);
        return changed;
    }

    /// <summary>Forgets announcements that ran out (a node that stopped without saying goodbye); returns the meetings affected.</summary>
    public IReadOnlyList<string> ExpireRemote()
    {
        var now = DateTimeOffset.UtcNow;
        var affected = new List<string>();
        foreach (var (meetingId, nodes) in remote)
        {
            foreach (var (nodeId, r) in nodes)
                if (r.Until <= now && nodes.TryRemove(KeyValuePair.Create(nodeId, r))) affected.Add(meetingId);
        }
        return affected.Distinct().ToList();
    }

    /// <summary>
    /// Tells the other nodes who is connected here. Repeated by the sweep; an announcement not
    /// repeated within three sweeps runs out, so a node that dies is not shown as connected for long.
    /// </summary>
    public async Task AnnounceAsync(string meetingId)
    {
        try
        {
            var validFor = TimeSpan.FromSeconds(3 * Math.Max(options.CatchUpSeconds, 1) + 2);
            await bus.AnnouncePresenceAsync(new PresenceNotice(meetingId, LocalKeys(meetingId), validFor));
        }
        catch (Exception e)
        {
            log.LogWarning("Meeting {MeetingId}: announcing presence failed ({Error})", meetingId, e.GetType().Name);
        }
    }
}
