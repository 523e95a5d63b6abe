namespace MeetingBoard.Web.Storage;

/// <summary>
/// A facilitator's signed-in session. <see cref="Id"/> is the SHA-256 of the secret in the sign-in
/// cookie, so reading the table does not give anyone a session; it is also the handle shown in forms.
/// </summary>
public sealed record FacilitatorSession(
    string Id,
    string FacilitatorId,
    string Device,
    DateTimeOffset StartedAt,
    DateTimeOffset LastSeenAt,
    DateTimeOffset? EndedAt);

/// <summary>Server-side sessions: signing out or ending a session here ends it whatever the cookie says.</summary>
public interface ISessionStore
{
    Task InitialiseAsync(CancellationToken ct = default);
    Task StartAsync(FacilitatorSession session, CancellationToken ct = default);
    Task<FacilitatorSession?> FindAsync(string id, CancellationToken ct = default);
    Task TouchAsync(string id, DateTimeOffset at, CancellationToken ct = default);
    /// <summary>Ends the session if it belongs to this facilitator; false when there was no such open session.</summary>
    Task<bool> EndAsync(string facilitatorId, string id, DateTimeOffset at, CancellationToken ct = default);
    /// <summary>Sessions not ended and still within both time limits, newest first.</summary>
    Task<IReadOnlyList<FacilitatorSession>> ListOpenAsync(string facilitatorId, DateTimeOffset idleSince, DateTimeOffset startedSince, CancellationToken ct = default);
}
