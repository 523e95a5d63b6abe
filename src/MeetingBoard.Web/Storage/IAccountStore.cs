namespace MeetingBoard.Web.Storage;

public sealed record FacilitatorAccount(string Id, string Name, string Email, string PasswordHash, DateTimeOffset CreatedAt);

/// <summary>Facilitator accounts. Email is unique regardless of case.</summary>
public interface IAccountStore
{
    Task InitialiseAsync(CancellationToken ct = default);
    Task<bool> AnyAsync(CancellationToken ct = default);
    /// <summary>False when the email is already used.</summary>
    Task<bool> AddAsync(FacilitatorAccount account, CancellationToken ct = default);
    Task<FacilitatorAccount?> FindByEmailAsync(string email, CancellationToken ct = default);
    Task<FacilitatorAccount?> FindAsync(string id, CancellationToken ct = default);
}
