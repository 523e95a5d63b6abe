using System.Security.Cryptography;
using System.Text;
using MeetingBoard.Web.Storage;

namespace MeetingBoard.Web.Features.Accounts;

/// <summary>
/// The one-time link that creates the first facilitator. It exists only while there is no account.
/// Each node prints its own at start; the links are kept in the shared store (hashed, expiring after
/// MeetingBoard:SetupLinkHours), so any node behind the balancer accepts any of them, and using one
/// spends them all.
/// </summary>
public sealed class SetupLink(ISetupLinkStore links, IAccountStore accounts, TimeProvider time, MeetingBoardOptions options)
{
    /// <summary>The link this node printed; null once a facilitator existed at start.</summary>
    public string? Token { get; private set; }

    /// <summary>At start: a new link while there is no facilitator; none, and old ones forgotten, once there is.</summary>
    public async Task OpenAsync()
    {
        if (await accounts.AnyAsync())
        {
            await links.ClearAsync();
            return;
        }
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        await links.AddAsync(Hash(token), time.GetUtcNow() + TimeSpan.FromHours(options.SetupLinkHours));
        Token = token;
    }

    public async Task<bool> IsOpenAsync(string? token) =>
        IsWellFormed(token) && await links.IsOpenAsync(Hash(token!), time.GetUtcNow()) && !await accounts.AnyAsync();

    /// <summary>Creates <paramref name="account"/> when the link is open; false when it was used (here or on another node), expired or wrong.</summary>
    public async Task<bool> UseAsync(string? token, FacilitatorAccount account)
    {
        if (!IsWellFormed(token) || !await links.TakeAllAsync(Hash(token!), time.GetUtcNow())) return false;
        return !await accounts.AnyAsync() && await accounts.AddAsync(account);
    }

    // 48 lowercase hex characters, as printed; anything else is refused before touching the store.
    static bool IsWellFormed(string? token) => token is { Length: 48 } && token.All(char.IsAsciiHexDigitLower);

    static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token)));
}
