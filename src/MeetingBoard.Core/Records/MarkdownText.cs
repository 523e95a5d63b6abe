using System.Text;

namespace MeetingBoard.Records;

/// <summary>
/// Makes what people typed literal in Markdown: whatever they wrote (<c># heading</c>, <c>&lt;script&gt;</c>,
/// <c>[x](javascript:…)</c>, <c>**bold**</c>, a leading <c>1.</c> or <c>-</c>) renders as the very same
/// characters. The renderer also runs with raw HTML disabled; this is the first of two locks.
/// </summary>
public static class MarkdownText
{
    // Characters that start inline markup, links, images, entities, autolinks, HTML or table cells
    // anywhere on a line. Backslash-escaping ASCII punctuation is always allowed by CommonMark, so
    // escaping one too many costs nothing but a backslash in the source.
    const string AlwaysEscaped = "\\`*_[]<>&!~|#{}$";

    /// <summary>One line of literal text for a heading, a list item or a sentence. Line breaks become spaces.</summary>
    public static string Inline(string text) => EscapeLine(string.Join(" ", Lines(text)), atLineStart: true);

    /// <summary>
    /// Text that may run over several lines, as the content of a list item: each line break becomes a
    /// hard break, and following lines are indented by <paramref name="indent"/> so they stay in the item.
    /// </summary>
    public static string Block(string text, int indent)
    {
        var lines = Lines(text).Select(l => EscapeLine(l, atLineStart: true));
        return string.Join("\\\n" + new string(' ', indent), lines);
    }

    // Leading whitespace would make an indented code block; empty lines would end the list item.
    static IEnumerable<string> Lines(string text) =>
        text.Replace("\r\n", "\n").Replace('\r', '\n').Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0);

    static string EscapeLine(string line, bool atLineStart)
    {
        var sb = new StringBuilder(line.Length + 8);
        var i = 0;
        if (atLineStart)
        {
            // Block markers only count at the start of a line: list bullets, setext underlines, and an
            // ordered list's "1." or "1)". Tabs and spaces before them were trimmed already.
            if (line.Length > 0 && line[0] is '-' or '+' or '=')
            {
                sb.Append('\\').Append(line[0]);
                i = 1;
            }
            else
            {
                var digits = 0;
                while (digits < line.Length && char.IsAsciiDigit(line[digits])) digits++;
                if (digits > 0 && digits < line.Length && line[digits] is '.' or ')')
                {
                    sb.Append(line, 0, digits).Append('\\').Append(line[digits]);
                    i = digits + 1;
                }
            }
        }
        for (; i < line.Length; i++)
        {
            var ch = line[i];
            if (AlwaysEscaped.Contains(ch)) sb.Append('\\');
            // A tab inside a line could still line up into an indented code block after a hard break.
            sb.Append(ch == '\t' ? ' ' : ch);
        }
        // Two trailing spaces would be a hard break; a trailing backslash would be one too.
        return sb.ToString().TrimEnd();
    }
}
