using MeetingBoard.Board;
using MeetingBoard.Cases;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Records;
using MeetingBoard.Scaling;
using MeetingBoard.Web.Features.Records;

namespace MeetingBoard.Web.Tests.Records;

/// <summary>
/// The review conference of the scripted meeting's case, three months on (September: still British Summer
/// Time): it started from the initial conference, reviews its next steps, asks prepared questions and scales
/// the same danger statement again. Its "Following the case" section is compared with reviewed golden files.
/// </summary>
public static class ScriptedReview
{
    static readonly DateTimeOffset Start = new(2025, 9, 9, 9, 0, 0, TimeSpan.Zero);
    static DateTimeOffset T(int minutes) => Start.AddMinutes(minutes);
    static readonly DateOnly First = new(2025, 6, 10);

    static readonly Actor Iro = Actor.Facilitator("acc-iro");
    static readonly Actor Sam = Actor.Participant("p-sam-2");
    static readonly Actor Pat = Actor.Participant("p-pat-2");

    static readonly DangerParts Danger = new("Social workers and the school", "Jordan shouts at and pushes Sam", "Maya and Leo are frightened",
        "they could be hurt", null);
    static readonly GoalParts Goal = new("Sam and Jordan will keep the children away from arguments", "calm at home",
        "what the children say at school", "six months");

    public static IReadOnlyList<IMeetingEvent> Events =>
    [
        new MeetingCreated("fedcba9876543210fedcba9876543210", MeetingType.ChildProtectionConference, "Review conference: Maya & Leo",
            "Family A", Iro.Id, "Alex Morgan", "RVW7RTC4H", "screen-key-2", T(0), CaseId: "case-family-a"),
        new CarriedFromLastMeeting("0123456789abcdef0123456789abcdef", First,
            [new CarriedStatement("ds-1", "Social workers and the school are worried that Jordan will shout at and push Sam again.", Danger, First)],
            [new CarriedGoal("g-1", "ds-1", "Sam and Jordan will keep the children away from arguments.", Goal, First)],
            [new CarriedItem("i-pat", Category.ExistingSafety, "Pat has the children | every weekend *and* when Jordan drinks", First)],
            [
                new CarriedStepEntry("s-course", "Sam", "Go to the domestic abuse course", new DateOnly(2025, 8, 1), NextStepStatus.InProgress, First),
                new CarriedStepEntry("s-gp", "Jordan", "See the GP about drinking", new DateOnly(2025, 7, 1), NextStepStatus.NotStarted, First),
                new CarriedStepEntry("s-school", "Ms Okafor", "Weekly check-in with Maya", new DateOnly(2025, 9, 1), NextStepStatus.InProgress, First),
            ],
            [new PastSeries("statement-ds-1", "Danger statement 1: Jordan shouts at and pushes Sam",
                [new SeriesPoint("0123456789abcdef0123456789abcdef", First, "Initial conference: Maya & Leo",
                    new ScaleSpread(4, 3, 7, 4.5m), new ScaleSpread(2, 6, 7, 6.5m), new ScaleSpread(2, 3, 4, 3.5m))])],
            Iro, T(1)),
        new ParticipantAskedToJoin(Sam.Id, "Sam", "Mother", "hash-sam", T(2)),
        new ParticipantAdmitted(Sam.Id, Iro, T(2)),
        new ParticipantAskedToJoin(Pat.Id, "Pat", "Grandmother", "hash-pat", T(3)),
        new ParticipantAdmitted(Pat.Id, Iro, T(3)),
        new ScalingGroupSet(Sam.Id, ScalingGroup.FamilyAndNetwork, Iro, T(4)),
        new ScalingGroupSet(Pat.Id, ScalingGroup.FamilyAndNetwork, Iro, T(4)),
        new CarriedStepReviewed("s-course", StepOutcome.Done, null, Sam, T(10)),
        new CarriedStepReviewed("s-gp", StepOutcome.NotDone, "Jordan did not make the appointment; he says he will go this month", Iro, T(12)),
        new CarriedStepReviewed("s-school", StepOutcome.CarriedForward, null, Iro, T(13)),
        new QuestionPrepared("q-best", PreparedKind.BestQuestion, "What has Sam done since June that kept the children safe?", "What's working well?",
            null, null, null, Iro, T(-60)),
        new QuestionPrepared("q-scale", PreparedKind.ScalingQuestion, "How safe are Maya and Leo from Jordan's shouting?", null,
            "The children are always safe when Jordan is angry", "The children are hurt again", "ds-1", Iro, T(-55)),
        new QuestionPrepared("q-unused", PreparedKind.BestQuestion, "Who else could help at weekends?", null, null, null, null, Iro, T(-50)),
        new PreparedQuestionShown("q-best", Iro, T(15)),
        new PreparedQuestionShown(null, Iro, T(20)),
        new PreparedScaleUsed("q-scale", "r-again", Iro, T(25)),
        new RoundStarted("r-again", "How safe are Maya and Leo from Jordan's shouting?", "The children are always safe when Jordan is angry",
            "The children are hurt again", "ds-1", Iro, T(25)),
        new ScoreGiven("r-again", 1, 8, "Jordan went to the course and has not shouted since", null, Sam, T(27)),
        new ScoreGiven("r-again", 1, 7, "The children stay with me when he drinks", null, Pat, T(28)),
        new ScoreGiven("r-again", 1, 5, "Jordan has not seen the GP yet", null, Iro, T(29)),
        new RoundRevealed("r-again", 1, Iro, T(30)),
        new RoundClosed("r-again", Iro, T(31)),
        new TrajectoryShown("statement-ds-1", Iro, T(32)),
    ];

    public static MeetingRecord Record => MeetingRecords.Build(Events.Select((e, i) => new VersionedEvent(i + 1, e)).ToList(), T(40));
}

/// <summary>The review's record in each format: the case section, compared with reviewed golden files.</summary>
public class ReviewRecordFormats
{
    static readonly MeetingRecord Record = ScriptedReview.Record;

    [Fact]
    public void Markdown_matches_the_reviewed_file() => Golden.Match("review.md", RecordMarkdown.Write(Record, ScriptedMeeting.London));

    [Fact]
    public void Plain_text_matches_the_reviewed_file() => Golden.Match("review.txt", RecordText.Write(Record, ScriptedMeeting.London));

    [Fact]
    public void Json_matches_the_reviewed_file() => Golden.Match("review.json", RecordJson.Write(Record));

    [Fact]
    public void Family_html_matches_the_reviewed_file() =>
        Golden.Match("review-family.html", RecordHtml.Render(FamilyRecord.Write(Record, ScriptedMeeting.London)));

    [Fact]
    public void A_typed_pipe_or_star_stays_text_in_the_case_section()
    {
        var md = RecordMarkdown.Write(Record, ScriptedMeeting.London);
        Assert.Contains("Pat has the children \\| every weekend \\*and\\* when Jordan drinks", md);
        Assert.DoesNotContain("<em>and</em>", RecordHtml.Render(md));
    }
}
