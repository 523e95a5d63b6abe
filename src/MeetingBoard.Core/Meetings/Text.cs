using System.Globalization;
using System.Text;

namespace MeetingBoard.Meetings;

/// <summary>Cleans and checks what people type. The text is kept literally; encoding is the renderer's job.</summary>
public static class Text
{
    public const int ItemMaxLength = 2000;
    public const int NameMaxLength = 80;
    public const int RoleMaxLength = 80;
    public const int TitleMaxLength = 120;
    public const int CaseReferenceMaxLength = 60;

    /// <summary>
    /// Trims, normalises line endings and Unicode (NFC), and refuses empty, oversized or
    /// spoofing input (control characters, and bidirectional overrides that can make text
    /// read differently from what was stored).
    /// </summary>
    public static (string? Value, string? Error) Clean(string? raw, string what, int maxLength, bool multiline, bool required = true)
    {
        var text = (raw ?? "").Replace("\r\n", "\n").Replace('\r', '\n').Trim();
        if (text.Length == 0)
            return required ? (null, $"Enter {what}") : ("", null);
        if (!text.IsNormalized(NormalizationForm.FormC))
            text = text.Normalize(NormalizationForm.FormC);
        if (text.Length > maxLength)
            return (null, $"{Capitalise(what)} must be {maxLength:N0} characters or fewer (it is {text.Length:N0})");
        foreach (var ch in text)
        {
            if (ch == '\n' && multiline) continue;
            if (ch == '\t') continue;
            if (char.IsControl(ch))
                return (null, multiline
                    ? $"{Capitalise(what)} contains a hidden control character. Remove it and try again"
                    : $"{Capitalise(what)} must be on one line, without hidden control characters");
            if (IsBidiControl(ch))
                return (null, $"{Capitalise(what)} contains hidden formatting characters that change the direction of text. Remove them and try again");
        }
        return (text.Replace('\t', ' '), null);
    }

    static bool IsBidiControl(char ch) => ch is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';

    static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpper(s[0], CultureInfo.InvariantCulture) + s[1..];
}
