namespace MeetingBoard.Web.Storage;

/// <summary>
/// The one-time links that create the first facilitator, kept where every node can read them: a
/// link printed by one node works through the balancer on any other. Only the SHA-256 of a link's
/// token is stored, with the time it expires, so reading the table gives nobody a link.
/// </summary>
public interface ISetupLinkStore
{
    Task InitialiseAsync(CancellationToken ct = default);
    Task AddAsync(string tokenHash, DateTimeOffset expiresAt, CancellationToken ct = default);
    /// <summary>True when a link with this hash exists and has not expired at <paramref name="now"/>.</summary>
    Task<bool> IsOpenAsync(string tokenHash, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>
    /// Spends every link at once, but only when this one is open at <paramref name="now"/>: true for
    /// exactly one caller, however many nodes are asked at the same moment, so two first accounts cannot
    /// both be made (from the same link or from two nodes' links). A wrong token spends nothing.
    /// </summary>
    Task<bool> TakeAllAsync(string tokenHash, DateTimeOffset now, CancellationToken ct = default);
    /// <summary>Forgets every link (a facilitator exists: none is needed any more).</summary>
    Task ClearAsync(CancellationToken ct = default);
}
