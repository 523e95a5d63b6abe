using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace MeetingBoard.Web.Live;

/// <summary>Who is connected to which meeting on this node.</summary>
public sealed class Presence
{
    public sealed record Connection(string ConnectionId, string MeetingId, Viewer Viewer, HubCallerContext Context);

    readonly ConcurrentDictionary<string, ConcurrentDictionary<string, Connection>> meetings = new();
    readonly ConcurrentDictionary<string, Connection> connections = new();

    public void Add(Connection connection)
    {
        connections[connection.ConnectionId] = connection;
        meetings.GetOrAdd(connection.MeetingId, _ => new())[connection.ConnectionId] = connection;
    }

    public Connection? Remove(string connectionId)
    {
        if (!connections.TryRemove(connectionId, out var connection)) return null;
        // The empty per-meeting dictionary is kept: removing it could race with a connection being added to it.
        if (meetings.TryGetValue(connection.MeetingId, out var inMeeting))
            inMeeting.TryRemove(connectionId, out _);
        return connection;
    }

    public IReadOnlyCollection<Connection> In(string meetingId) =>
        meetings.TryGetValue(meetingId, out var inMeeting) ? [.. inMeeting.Values] : [];

    public IReadOnlyCollection<Connection> All => [.. connections.Values];

    public bool HasViewers(string meetingId) => meetings.TryGetValue(meetingId, out var inMeeting) && !inMeeting.IsEmpty;

    /// <summary>The viewer keys ("f:…", "p:…", "screen") with at least one open connection.</summary>
    public IReadOnlySet<string> ConnectedKeys(string meetingId) => In(meetingId).Select(c => c.Viewer.Key).ToHashSet();
}
