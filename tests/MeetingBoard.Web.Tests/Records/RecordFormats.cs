using MeetingBoard.Records;
using MeetingBoard.Web.Features.Records;

namespace MeetingBoard.Web.Tests.Records;

/// <summary>The record of the scripted meeting in each format, compared with reviewed golden files.</summary>
public class RecordFormats
{
    static readonly MeetingRecord Record = ScriptedMeeting.Record;

    [Fact]
    public void Markdown_matches_the_reviewed_file() =>
        Golden.Match("record.md", RecordMarkdown.Write(Record, ScriptedMeeting.London));

    [Fact]
    public void Print_html_matches_the_reviewed_file() =>
        Golden.Match("record.html", RecordHtml.Render(RecordMarkdown.Write(Record, ScriptedMeeting.London)));

    [Fact]
    public void Plain_text_matches_the_reviewed_file() =>
        Golden.Match("record.txt", RecordText.Write(Record, ScriptedMeeting.London));

    [Fact]
    public void Json_matches_the_reviewed_file() =>
        Golden.Match("record.json", RecordJson.Write(Record));

    [Fact]
    public void Family_html_matches_the_reviewed_file() =>
        Golden.Match("family.html", RecordHtml.Render(FamilyRecord.Write(Record, ScriptedMeeting.London)));

    [Fact]
    public void Supervision_markdown_matches_the_reviewed_file() =>
        Golden.Match("supervision.md", RecordMarkdown.Write(ScriptedMeeting.SupervisionRecord, ScriptedMeeting.London));

    [Fact]
    public void Supervision_text_matches_the_reviewed_file() =>
        Golden.Match("supervision.txt", RecordText.Write(ScriptedMeeting.SupervisionRecord, ScriptedMeeting.London));

    [Fact]
    public void The_family_version_presents_the_safety_plan_as_the_familys_own_and_the_bottom_lines_as_the_professionals()
    {
        var family = FamilyRecord.Write(Record, ScriptedMeeting.London);
        Assert.Contains("## Our safety plan", family);
        Assert.Contains("### Our rules", family);
        Assert.Contains("### What the professionals say must happen", family);
        Assert.Contains("We will try this plan until 10 September 2025", family);
        Assert.Contains("## What Maya told us", family);
        Assert.Contains("in the family's own words", family);
        Assert.DoesNotContain("Oops", family);
    }

    [Fact]
    public void The_family_version_leaves_out_ids_the_case_reference_the_timeline_and_people_not_let_in()
    {
        var family = FamilyRecord.Write(Record, ScriptedMeeting.London);
        foreach (var hidden in new[] { "acc-iro", "p-sam", "i-harm", "0123456789abcdef", "Family A", "KPW7RTC4H", "guest", "press", "Facilitator", "`rm", "How and when" })
            Assert.DoesNotContain(hidden, family);
        Assert.Contains("What we are worried about", family);
        Assert.Contains("Pat (Grandmother)", family);
    }

    [Fact]
    public void Plain_text_keeps_what_people_typed_exactly_in_mapping_order()
    {
        var text = RecordText.Write(Record, ScriptedMeeting.London);
        Assert.Contains("- The children are **well fed** and go to school and nursery", text);
        Assert.Contains("- # We are worried\n  that Maya and Leo could be hurt <script>alert(1)</script>", text);
        Assert.True(text.IndexOf("Police were called", StringComparison.Ordinal) < text.IndexOf("Maya told her teacher", StringComparison.Ordinal));
        Assert.True(text.IndexOf("Maya told her teacher", StringComparison.Ordinal) < text.IndexOf("# We are worried", StringComparison.Ordinal));
    }

    [Fact]
    public void Print_html_has_no_markup_from_what_people_typed()
    {
        var html = RecordHtml.Render(RecordMarkdown.Write(Record, ScriptedMeeting.London));
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<b>", html);
        Assert.DoesNotContain("href", html);
        Assert.DoesNotContain("<strong>well", html);
        Assert.DoesNotContain("<ol", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("[see police log](javascript:alert(1))", html);
    }
}
