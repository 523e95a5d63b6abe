using Markdig;

namespace MeetingBoard.Web.Features.Records;

/// <summary>
/// Markdown to HTML for the print views. Raw HTML is disabled, so even text that slipped past the
/// escaper could only ever show as text; no extensions, so no autolinks or tables to interpret.
/// </summary>
public static class RecordHtml
{
    static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    public static string Render(string markdown) => Markdown.ToHtml(markdown, Pipeline).ReplaceLineEndings("\n");
}
