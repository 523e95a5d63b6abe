using Microsoft.AspNetCore.Identity;
using MeetingBoard.Web.Storage;

namespace MeetingBoard.Web.Features.Accounts;

/// <summary>Password rules after NCSC guidance: length over complexity, no composition rules.</summary>
public static class Passwords
{
    public const int MinLength = 12;
    public const int MaxLength = 256;

    static readonly PasswordHasher<FacilitatorAccount> Hasher = new();

    public static string? Problem(string? password, string? email)
    {
        if (string.IsNullOrEmpty(password)) return "Enter a password";
        if (password.Length < MinLength) return $"Password must be at least {MinLength} characters";
        if (password.Length > MaxLength) return $"Password must be {MaxLength} characters or fewer";
        if (email is not null && password.Contains(email, StringComparison.OrdinalIgnoreCase)) return "Password must not contain your email address";
        if (password.Distinct().Count() < 4) return "Password is too easy to guess. Try a few unrelated words together";
        return null;
    }

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    public static bool Verify(FacilitatorAccount account, string password) =>
        Hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed;
}
