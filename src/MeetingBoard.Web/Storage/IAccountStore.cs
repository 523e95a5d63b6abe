namespace MeetingBoard.Web.Storage;

/// <summary>A facilitator. One who signs in through an organisation's provider has no password (<see cref="PasswordHash"/> is empty).</summary>
public sealed record FacilitatorAccount(string Id, string Name, string Email, string PasswordHash, DateTimeOffset CreatedAt);

/// <summary>
/// Facilitator accounts. Email is unique regardless of case. An account made by a provider's sign-in
/// is linked to the provider's stable subject identifier, never found by its email (emails change,
/// and a matching email at another provider is not the same person).
/// </summary>
public interface IAccountStore
{
    Task InitialiseAsync(CancellationToken ct = default);
    Task<bool> AnyAsync(CancellationToken ct = default);
    /// <summary>False when the email is already used.</summary>
    Task<bool> AddAsync(FacilitatorAccount account, CancellationToken ct = default);
    Task<FacilitatorAccount?> FindByEmailAsync(string email, CancellationToken ct = default);
    Task<FacilitatorAccount?> FindAsync(string id, CancellationToken ct = default);
    Task<FacilitatorAccount?> FindByLoginAsync(string provider, string subject, CancellationToken ct = default);
    /// <summary>Adds the account and its link in one transaction; false, with nothing stored, when the email or the link is already used.</summary>
    Task<bool> AddWithLoginAsync(FacilitatorAccount account, string provider, string subject, CancellationToken ct = default);
    /// <summary>Takes the name and email the provider gives now; false, with nothing changed, when another account has that email.</summary>
    Task<bool> UpdateProfileAsync(string id, string name, string email, CancellationToken ct = default);
}
