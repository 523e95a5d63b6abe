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
    /// <summary>Accents stacked on one letter. Real scripts use a few; "Zalgo" text uses dozens to spill over the rest of the board.</summary>
    public const int MaxMarksInARow = 6;

    /// <summary>
    /// Trims, normalises line endings and Unicode (NFC), and refuses empty, oversized or
    /// spoofing input (control characters, and bidirectional overrides that can make text
    /// read differently from what was stored).
    /// </summary>
    public static (string? Value, string? Error) Clean(string? raw, string what, int maxLength, bool multiline, bool required = true)
    {
        var text = StripTags((raw ?? "").Replace("\r\n", "\n").Replace('\r', '\n')).Trim();
        if (text.Length == 0)
            return required ? (null, $"Enter {what}") : ("", null);
        // Characters first: normalising text with a lone surrogate would throw.
        if (Problem(text, what, multiline) is { } problem)
            return (null, problem);
        if (!text.IsNormalized(NormalizationForm.FormC))
            text = text.Normalize(NormalizationForm.FormC);
        if (text.Length > maxLength)
            return (null, string.Format(CultureInfo.InvariantCulture, "{0} must be {1:N0} characters or fewer (it is {2:N0})", Capitalise(what), maxLength, text.Length));
        return (text.Replace('\t', ' '), null);
    }

    static string? Problem(string text, string what, bool multiline)
    {
        var marks = 0;
        var visible = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            var category = CharUnicodeInfo.GetUnicodeCategory(text, i);
            if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.SpacingCombiningMark)
            {
                if (++marks > MaxMarksInARow)
                    return $"{Capitalise(what)} has too many accent marks on one letter. Remove them and try again";
            }
            else
            {
                marks = 0;
                // Zero-width and other format characters are fine inside text (emoji, some scripts) but are not text on their own;
                // nor are the fillers that draw nothing (Hangul fillers, the blank Braille pattern), which pass for a name otherwise.
                if (category != UnicodeCategory.Format && !char.IsWhiteSpace(ch) && !IsBlankLooking(ch)) visible = true;
            }
            if (char.IsSurrogate(ch))
            {
                // A lone half of a surrogate pair is not text: the store could not keep it as typed.
                if (char.IsHighSurrogate(ch) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) { i++; continue; }
                return $"{Capitalise(what)} contains a character that cannot be stored. Remove it and try again";
            }
            if (ch == '\n' && multiline) continue;
            if (ch == '\t') continue;
            if (char.IsControl(ch) || (!multiline && ch is '\u2028' or '\u2029'))
                return multiline
                    ? $"{Capitalise(what)} contains a hidden control character. Remove it and try again"
                    : $"{Capitalise(what)} must be on one line, without hidden control characters";
            if (IsBidiControl(ch))
                return $"{Capitalise(what)} contains hidden formatting characters that change the direction of text. Remove them and try again";
        }
        return visible ? null : $"Enter {what}";
    }

    static bool IsBlankLooking(char ch) => ch is '\u3164' or '\u2800' or '\u115F' or '\u1160' or '\uFFA0' or '\u180E' or '\u2062' or '\u2063';

    /// <summary>
    /// Unicode tag characters (U+E0000–U+E007F) are invisible yet carry text ("ASCII smuggling"): a
    /// reader would see one thing and the record would hold another. They are dropped.
    /// </summary>
    static string StripTags(string text)
    {
        if (!text.Contains('\uDB40')) return text;
        var kept = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\uDB40' && i + 1 < text.Length && text[i + 1] is >= '\uDC00' and <= '\uDC7F') { i++; continue; }
            kept.Append(text[i]);
        }
        return kept.ToString();
    }

    static bool IsBidiControl(char ch) => ch is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';

    static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpper(s[0], CultureInfo.InvariantCulture) + s[1..];
}
