using System.Security.Cryptography;

namespace MeetingBoard.Web.Features.Accounts;

/// <summary>
/// The one-time link that creates the first facilitator. It exists only while there is no
/// account, is new at every start, and lives only in this process's memory and console.
/// </summary>
public sealed class SetupLink
{
    readonly SemaphoreSlim gate = new(1, 1);

    public string? Token { get; private set; }

    public void Open() => Token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public bool Matches(string? token) =>
        Token is { } t && token is not null &&
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(t), System.Text.Encoding.UTF8.GetBytes(token));

    /// <summary>Runs <paramref name="create"/> once: concurrent uses of the link cannot both create an account.</summary>
    public async Task<bool> UseAsync(string? token, Func<Task<bool>> create)
    {
        await gate.WaitAsync();
        try
        {
            if (!Matches(token)) return false;
            if (!await create()) return false;
            Token = null;
            return true;
        }
        finally
        {
            gate.Release();
        }
    }
}
