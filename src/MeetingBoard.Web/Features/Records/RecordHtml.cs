using Markdig;

namespace MeetingBoard.Web.Features.Records;

/// <summary>
/// Markdown to HTML for the print views. Raw HTML is disabled, so even text that slipped past the
/// escaper could only ever show as text. The one extension is pipe tables, for the harm matrix and
/// the plan: the escaper writes every typed <c>|</c> as <c>\|</c>, so only the record's own pipes
/// make cells. No autolinks or other extensions to interpret.
/// </summary>
public static class RecordHtml
{
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().DisableHtml().Build();

    public static string Render(string markdown) => Markdown.ToHtml(markdown, Pipeline).ReplaceLineEndings("\n");
}
