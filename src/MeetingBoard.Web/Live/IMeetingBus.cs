namespace MeetingBoard.Web.Live;

/// <summary>A meeting reached <see cref="Version"/>. Small on purpose: receivers read the events from the store.</summary>
public sealed record MeetingChanged(string MeetingId, long Version);

/// <summary>Who is connected to a meeting on one node (viewer keys only, never names), valid for a while unless repeated.</summary>
public sealed record PresenceNotice(string MeetingId, IReadOnlyCollection<string> Keys, TimeSpan ValidFor);

/// <summary>
/// Tells every node that a meeting changed. Only a fast path: a lost notice costs latency, never data,
/// because the store is the truth and viewers catch up from it.
/// </summary>
public interface IMeetingBus
{
    Task PublishAsync(MeetingChanged notice, CancellationToken ct = default);
    void Subscribe(Func<MeetingChanged, Task> handler);

    /// <summary>Tells the other nodes who is connected here; a single node has no one to tell.</summary>
    Task AnnouncePresenceAsync(PresenceNotice notice, CancellationToken ct = default);

    /// <summary>Hears other nodes' presence announcements, with the announcing node's id.</summary>
    void SubscribePresence(Func<string, PresenceNotice, Task> handler);

    /// <summary>False while notices from other nodes may not arrive (Redis down): /readyz reports Degraded and viewers are caught up from the store more often.</summary>
    bool IsConnected { get; }
}
