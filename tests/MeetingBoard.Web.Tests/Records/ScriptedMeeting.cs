using MeetingBoard.Board;
using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Records;
using MeetingBoard.Scaling;

namespace MeetingBoard.Web.Tests.Records;

/// <summary>
/// A fictional conference for Maya and Leo (DOMAIN.md), scripted as events at fixed times in June
/// (British Summer Time, so the record's local times are an hour ahead of the stored UTC times).
/// Some people type things that look like markup; the record must keep them literal.
/// </summary>
public static class ScriptedMeeting
{
    public static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
    public static readonly DateTimeOffset Start = new(2025, 6, 10, 9, 0, 0, TimeSpan.Zero);
    public static DateTimeOffset T(int minutes) => Start.AddMinutes(minutes);

    static readonly Actor Iro = Actor.Facilitator("acc-iro");
    static readonly Actor Sam = Actor.Participant("p-sam");
    static readonly Actor Teacher = Actor.Participant("p-teacher");
    static readonly Actor Pat = Actor.Participant("p-pat");
    static readonly Actor Visitor = Actor.Participant("p-visitor");

    public static IReadOnlyList<IMeetingEvent> Events =>
    [
        new MeetingCreated("0123456789abcdef0123456789abcdef", MeetingType.ChildProtectionConference, "Initial conference: Maya & Leo",
            "Family A", Iro.Id, "Alex Morgan", "KPW7RTC4H", "screen-key", T(0)),
        new ParticipantAskedToJoin(Sam.Id, "Sam", "Mother", "hash-sam", T(2)),
        new ParticipantAdmitted(Sam.Id, Iro, T(3)),
        new ParticipantAskedToJoin(Teacher.Id, "Ms Okafor", "Maya's class teacher", "hash-teacher", T(3)),
        new ParticipantAdmitted(Teacher.Id, Iro, T(4)),
        new ParticipantAskedToJoin(Pat.Id, "Pat", "Grandmother", "hash-pat", T(5)),
        new ParticipantAdmitted(Pat.Id, Iro, T(5)),
        new ParticipantAskedToJoin(Visitor.Id, "Unknown <b>guest</b>", "*press*", "hash-visitor", T(6)),
        new ParticipantDeclined(Visitor.Id, Iro, T(7)),
        new ItemAdded("i-harm", Category.Harm, "Police were called twice in the last three months after Jordan shouted at and pushed Sam while the children were present.", Teacher, T(10)),
        new ItemAdded("i-hides", Category.Harm, "Maya told her teacher she hides under the bed", Teacher, T(11)),
        new ItemAdded("i-danger", Category.DangerStatements, "# We are worried\nthat Maya and Leo could be hurt <script>alert(1)</script>", Iro, T(14)),
        new ItemAdded("i-drugs", Category.Harm, "Jordan's drinking | 2-3 times a week", Iro, T(15)),
        new ItemMoved("i-drugs", Category.Harm, Category.ComplicatingFactors, Iro, T(16)),
        new ItemAdded("i-fed", Category.ExistingStrengths, "The children are **well fed** and go to school and nursery", Sam, T(18)),
        new ItemAdded("i-pat", Category.ExistingStrengths, "1. Pat lives nearby\n- the children love staying with her", Pat, T(19)),
        new ItemAdded("i-safety", Category.ExistingSafety, "Last time Sam took the children to Pat's straight away", Sam, T(21)),
        new ItemEdited("i-safety", "Last time, Sam took the children to Pat's straight away [see police log](javascript:alert(1))", Sam, T(22)),
        new ItemAdded("i-oops", Category.SafetyGoals, "`rm -rf` wrong column", Pat, T(24)),
        new ItemRemoved("i-oops", Pat, T(25)),
        new ItemAdded("i-goal", Category.SafetyGoals, "If an argument starts, one adult leaves the home and the children stay with someone safe", Iro, T(30)),
        new ItemAdded("i-next", Category.NextSteps, "Sam and Pat write a safety plan with the social worker by 24 June", Sam, T(35)),
        // The facilitation, practice and scaling features (issues 3, 4, 6), with typed markup in every kind of field.
        new CoFacilitatorAdded("acc-kim", "Kim Lee", Iro, T(36)),
        new StageStarted("purpose", Iro, T(36)),
        new QuestionAsked("q-1", "purpose", "Who else `helps` | with the children?", Teacher, T(36)),
        new StageStarted("worries-and-working-well", Iro, T(37)),
        new AnonymousRoundStarted(Iro, T(37)),
        new ItemAdded("i-anon", Category.ComplicatingFactors, "Money is very tight since Jordan lost his job", Sam, T(37)),
        new ItemAddedAnonymously("i-anon", T(37)),
        new AnonymousRoundEnded(Iro, T(37)),
        new DangerStatementAdded("s-1", "The school and the social worker are worried that Jordan will hurt Sam again when he drinks.",
            new DangerParts("The school and the social worker", "Jordan will hurt Sam again when he drinks", "Maya is frightened", "the children could be hurt", null), Iro, T(38)),
        new SafetyGoalAdded("g-1", "s-1", "Sam and Pat make sure the children are never in the house when Jordan has been drinking | for 6 months.",
            new GoalParts("Sam and Pat make sure", "the children feel safe", "we will see", "6 months"), Iro, T(38)),
        new DisagreementRecorded("s-1", "Jordan has not hurt anyone <b>since March</b>", Sam, T(39)),
        new HarmRecorded("h-1", "Jordan pushed Sam | in front of the children", "Since 2024", "Monthly", "January 2024", "# March: police called", "May", "Maya hides `under` the bed", Iro, T(39)),
        new NextStepAdded("n-1", Pat.Id, "Pat", "Write the *safety plan* with Sam", new DateOnly(2025, 6, 24), Iro, T(39), NeedsSignOff: true),
        new NextStepAdded("n-2", null, "Social worker", "Visit | check in", new DateOnly(2025, 6, 17), Iro, T(39)),
        new NextStepStatusChanged("n-2", NextStepStatus.InProgress, Iro, T(39)),
        new StageStarted("danger-scaling", Iro, T(40)),
        new ScalingGroupSet(Sam.Id, ScalingGroup.FamilyAndNetwork, Iro, T(40)),
        new ScalingGroupSet(Pat.Id, ScalingGroup.FamilyAndNetwork, Iro, T(40)),
        new RoundStarted("r-1", "On a scale of 0 to 10, how safe are the children?", "Everyone knows the children are safe enough to close the case.",
            "Things are so bad the children cannot live at home.", "s-1", Iro, T(40)),
        new ScoreGiven("r-1", 1, 6, "# heading <script>alert(1)</script> | pipes | and `backticks`", "Pat moving in `for now`", Sam, T(41)),
        new ScoreGiven("r-1", 1, 3, "Police were called twice", null, Teacher, T(41)),
        new RoundPassed("r-1", 1, Pat, T(41)),
        new ScoreRecordedFor("r-1", 1, "tom", "Tom", "Grandfather", ScalingGroup.FamilyAndNetwork, 7, "Sam always calls me", null, Iro, T(42)),
        new RoundRevealed("r-1", 1, Iro, T(42)),
        new RoundRerun("r-1", 2, Iro, T(43)),
        new ScoreGiven("r-1", 2, 9, "HIDDEN REASON never revealed", null, Sam, T(43)),
        new RoundClosed("r-1", Iro, T(44)),
        new DecisionRecorded("Maya and Leo will be subject to a child protection plan under the category of emotional abuse.", Iro, T(44)),
        new ViewOnDecisionRecorded(Teacher, true, null, false, Teacher, T(44)),
        new ViewOnDecisionRecorded(Sam, false, "Things are *better* since March.\nJordan has moved out", false, Sam, T(45)),
        new ViewOnDecisionRecorded(Pat, true, null, true, Iro, T(45)),
        new ParticipantRemoved(Pat.Id, Iro, T(45)),
        // The co-chair marks the social worker's visit for sign-off, then the chair takes it off again.
        new NextStepSignOffChanged("n-2", true, Actor.Facilitator("acc-kim"), T(46)),
        new NextStepSignOffChanged("n-2", false, Iro, T(47)),
        new MeetingClosed(Iro, T(50)),
    ];

    public static IReadOnlyList<VersionedEvent> Versioned => Events.Select((e, i) => new VersionedEvent(i + 1, e)).ToList();

    public static MeetingRecord Record => MeetingRecords.Build(Versioned, T(55));
}
