using System.Security.Cryptography;

namespace MeetingBoard.Meetings;

/// <summary>
/// Join codes people read aloud across a room: nine characters from an alphabet without the
/// look-alikes (0/O, 1/I/L, 5/S, 2/Z, U/V), shown as three groups ("KPW-7RT-C4H").
/// 25^9 ≈ 3.8 × 10^12 codes: with failed attempts limited per address, guessing one is hopeless.
/// </summary>
public static class JoinCode
{
    public const string Alphabet = "ABCDEFGHJKMNPQRTWXY346789";
    const int Length = 9;

    public static string New()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < Length; i++)
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars);
    }

    /// <summary>Reads what someone typed ("kpw 7rt c4h", "KPW-7RT-C4H") as a code, or null if it cannot be one.</summary>
    public static string? Normalise(string? typed)
    {
        if (typed is null) return null;
        var chars = typed.Where(ch => !char.IsWhiteSpace(ch) && ch != '-').Select(char.ToUpperInvariant).ToArray();
        if (chars.Length != Length || chars.Any(ch => !Alphabet.Contains(ch))) return null;
        return new string(chars);
    }

    public static string Display(string code) =>
        code.Length == Length ? $"{code[..3]}-{code[3..6]}-{code[6..]}" : code;
}
