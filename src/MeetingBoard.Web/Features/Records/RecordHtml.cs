using System.Text.RegularExpressions;
using Markdig;

namespace MeetingBoard.Web.Features.Records;

/// <summary>
/// Markdown to HTML for the print views. Raw HTML is disabled, so even text that slipped past the
/// escaper could only ever show as text. The one extension is pipe tables, for the harm matrix and
/// the plan: the escaper writes every typed <c>|</c> as <c>\|</c>, so only the record's own pipes
/// make cells. No autolinks or other extensions to interpret.
/// </summary>
public static partial class RecordHtml
{
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    public static string Render(string markdown) => ScrollTables(Markdown.ToHtml(markdown, Pipeline).ReplaceLineEndings("\n"));

    /// <summary>
    /// Each table goes in a box that scrolls sideways on a phone, named after the heading above it and
    /// focusable so the keyboard can scroll it too. Squeezed into 320px instead, the eight columns of the
    /// harm matrix broke words into single letters (seen in the screenshots). With raw HTML disabled,
    /// every <c>&lt;table&gt;</c> here is Markdig's own.
    /// </summary>
    static string ScrollTables(string html)
    {
        var headings = Heading().Matches(html);
        return Table().Replace(html, m =>
        {
            var above = headings.LastOrDefault(h => h.Index < m.Index);
            var name = above is null ? "Table" : Tags().Replace(above.Groups[1].Value, "").Trim();
            return $"<div class=\"mb-table-scroll\" role=\"region\" aria-label=\"{name}\" tabindex=\"0\">\n{m.Value}\n</div>";
        });
    }

    [GeneratedRegex("<h[2-4][^>]*>(.*?)</h[2-4]>", RegexOptions.Singleline)]
    private static partial Regex Heading();

    [GeneratedRegex("<table>.*?</table>", RegexOptions.Singleline)]
    private static partial Regex Table();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();
}
