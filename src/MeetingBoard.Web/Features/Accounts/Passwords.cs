using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;
using MeetingBoard.Web.Storage;

namespace MeetingBoard.Web.Features.Accounts;

/// <summary>
/// Password rules after NCSC guidance: length over complexity, no composition rules, and the most
/// common passwords refused (common-passwords.txt, shipped inside the app).
/// </summary>
public static class Passwords
{
    public const int MinLength = 12;
    public const int MaxLength = 256;

    static readonly PasswordHasher<FacilitatorAccount> Hasher = new();

    static readonly Lazy<FrozenSet<string>> Common = new(() =>
    {
        using var stream = typeof(Passwords).Assembly.GetManifestResourceStream("MeetingBoard.Web.common-passwords.txt")
            ?? throw new InvalidOperationException("common-passwords.txt is missing from the build");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && line[0] != '#') set.Add(line);
        return set.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    });

    public static int CommonCount => Common.Value.Count;

    public static string? Problem(string? password, string? email)
    {
        if (string.IsNullOrEmpty(password)) return "Enter a password";
        if (password.Length < MinLength) return $"Password must be at least {MinLength} characters";
        if (password.Length > MaxLength) return $"Password must be {MaxLength} characters or fewer";
        if (email is not null && password.Contains(email, StringComparison.OrdinalIgnoreCase)) return "Password must not contain your email address";
        if (password.Distinct().Count() < 4 || IsCommon(password)) return "Password is too easy to guess. Try a few unrelated words together";
        return null;
    }

    /// <summary>
    /// On the list as typed, or once the digits and symbols people add around a word are taken off
    /// ("Sunshine2024!" is "sunshine"), or a listed word said twice ("passwordpassword").
    /// </summary>
    public static bool IsCommon(string password)
    {
        var common = Common.Value;
        var trimmed = password.Trim();
        if (common.Contains(trimmed)) return true;
        var core = trimmed.Trim(Decorations).Trim();
        if (core.Length == 0 || common.Contains(core) || common.Contains(core.Replace(" ", ""))) return true;
        return core.Length % 2 == 0 && core[..(core.Length / 2)].Equals(core[(core.Length / 2)..], StringComparison.OrdinalIgnoreCase)
            && common.Contains(core[..(core.Length / 2)]);
    }

    static readonly char[] Decorations = "0123456789!\"£$%^&*()-_=+[]{};:'@#~,.<>/?\\|`¬ ".ToCharArray();

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    public static bool Verify(FacilitatorAccount account, string password) =>
        Hasher.VerifyHashedPassword(account, account.PasswordHash, password) != PasswordVerificationResult.Failed;
}
