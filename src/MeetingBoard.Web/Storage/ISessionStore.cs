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

/// <summary>
/// What a session signed in through a provider keeps of it: which provider, its tokens (the refresh
/// token that checks the account still works, the ID token that names the session when signing out
/// there), encrypted with the data-protection keys, and when the account was last checked.
/// </summary>
public sealed record ProviderSession(string SessionId, string Provider, string ProtectedTokens, DateTimeOffset CheckedAt);

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
    Task AttachProviderAsync(ProviderSession provider, CancellationToken ct = default);
    Task<ProviderSession?> FindProviderAsync(string sessionId, CancellationToken ct = default);
    /// <summary>
    /// True for exactly one caller, on any node, once the last check of the provider account is older
    /// than <paramref name="dueBefore"/>: a refresh token is used once, not raced.
    /// </summary>
    Task<bool> ClaimProviderCheckAsync(string sessionId, DateTimeOffset now, DateTimeOffset dueBefore, CancellationToken ct = default);
    Task SaveProviderTokensAsync(string sessionId, string protectedTokens, CancellationToken ct = default);
}
