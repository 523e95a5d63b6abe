using AngleSharp.Html.Parser;
using MeetingBoard.Board;
using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Records;
using MeetingBoard.Scaling;
using MeetingBoard.Web.Features.Records;

namespace MeetingBoard.Web.Tests.Records;

/// <summary>
/// Typed markup in every field of the practice, scaling and facilitation sections stays literal in
/// the print view and the family version: no heading, tag, code span or extra table cell of its own.
/// </summary>
public class EscapingTheNewSections
{
    const string Nasty = "# heading <script>alert(1)</script> | a | b | `code` **bold**";

    static readonly Actor Iro = Actor.Facilitator("acc-iro");
    static readonly Actor Sam = Actor.Participant("p-sam");
    static DateTimeOffset T(int m) => ScriptedMeeting.Start.AddMinutes(m);

    static MeetingRecord Record()
    {
        IMeetingEvent[] events =
        [
            new MeetingCreated("0123456789abcdef0123456789abcdef", MeetingType.GroupSupervision, "Supervision", null, Iro.Id, "Alex", "KPW7RTC4H", "k", T(0)),
            new ParticipantAskedToJoin(Sam.Id, "Sam", "Social worker", "h", T(1)),
            new ParticipantAdmitted(Sam.Id, Iro, T(1)),
            new StageRenamed("information", Nasty, Iro, T(2)),
            new StageStarted("information", Iro, T(2)),
            new QuestionAsked("q1", "information", Nasty, Sam, T(3)),
            new CoFacilitatorAdded("acc-kim", Nasty, Iro, T(3)),
            new SupervisionRoleGiven(Sam.Id, SupervisionRole.Presenter, Iro, T(3)),
            new DangerStatementAdded("s1", Nasty, new DangerParts("a", "b", "c", "d", null), Iro, T(4)),
            new SafetyGoalAdded("g1", "s1", Nasty, new GoalParts("a", "b", "c", "d"), Iro, T(4)),
            new DisagreementRecorded("s1", Nasty, Sam, T(4)),
            new HarmRecorded("h1", Nasty, Nasty, Nasty, Nasty, Nasty, Nasty, Nasty, Iro, T(5)),
            new NextStepAdded("n1", null, Nasty, Nasty, new DateOnly(2025, 6, 20), Iro, T(5)),
            new RoundStarted("r1", Nasty, Nasty, Nasty, "s1", Iro, T(6)),
            new ScoreGiven("r1", 1, 5, Nasty, Nasty, Sam, T(6)),
            new ScoreRecordedFor("r1", 1, "x", Nasty, Nasty, ScalingGroup.FamilyAndNetwork, 3, Nasty, Nasty, Iro, T(6)),
            new RoundRevealed("r1", 1, Iro, T(7)),
        ];
        return MeetingRecords.Build(events.Select((e, i) => new VersionedEvent(i + 1, e)).ToList(), T(10));
    }

    public static TheoryData<string> Views => new() { "print", "family" };

    [Theory]
    [MemberData(nameof(Views))]
    public void Typed_markup_in_the_new_sections_renders_as_text(string view)
    {
        var record = Record();
        var markdown = view == "print" ? RecordMarkdown.Write(record, ScriptedMeeting.London) : FamilyRecord.Write(record, ScriptedMeeting.London);
        var html = RecordHtml.Render(markdown);
        var page = new HtmlParser().ParseDocument(html);

        Assert.DoesNotContain("<script", html);
        Assert.Empty(page.QuerySelectorAll("code"));
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.DoesNotContain(page.QuerySelectorAll("strong"), s => s.TextContent == "bold");
        // The typed text appears whole, as typed, many times.
        Assert.True(page.Body!.TextContent.Split(Nasty).Length > 5);

        // Typed pipes make no cells: each row has as many cells as its table has headings.
        var tables = page.QuerySelectorAll("table");
        Assert.NotEmpty(tables);
        foreach (var table in tables)
        {
            var columns = table.QuerySelectorAll("th").Length;
            foreach (var row in table.QuerySelectorAll("tbody tr"))
                Assert.Equal(columns, row.QuerySelectorAll("td").Length);
        }
    }

    [Fact]
    public void Plain_text_keeps_the_markup_exactly_as_typed()
    {
        var text = RecordText.Write(Record(), ScriptedMeeting.London);
        Assert.Contains("  Why: " + Nasty + "\n", text);
        Assert.Contains("Behaviour: " + Nasty + "\n", text);
        Assert.Contains("- " + Nasty + ": reached at 10:02", text);
    }
}
