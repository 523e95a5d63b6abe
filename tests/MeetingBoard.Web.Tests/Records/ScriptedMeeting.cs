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
        // Issue 17, parts 6 to 8: the safety plan, the child's voice and the family's own words, with typed markup.
        new ItemMarkedFamilysWords("i-goal", true, Iro, T(47)),
        new PlanRuleAdded("pr-1", "If Jordan has been drinking, he doesn't come | to the house", "Sam, and *Pat* checks", "Pat takes the children <b>home with her</b>", Sam, T(47)),
        new NetworkMemberAdded("nm-1", "Pat", "Grandmother", "Has the children to stay when things get heated", Sam, T(48)),
        new NetworkMemberAdded("nm-2", "Tom", "Grandfather", "Calls every evening at 6", Sam, T(48)),
        new NetworkMemberAdded("nm-3", "Oops", "Nobody", "Added by mistake", Sam, T(48)),
        new SafetyPlanPartRemoved("nm-3", Iro, T(48)),
        new BottomLineAdded("bl-1", "The children are never alone with Jordan when he has been drinking", Iro, T(48)),
        new TestingPeriodSet(new DateOnly(2025, 9, 10), Iro, T(48)),
        new ThreeHousesRecorded("c-maya", "Maya", 6, "When Jordan shouts I hide under the bed", "Nanny Pat's # house and my teacher", "",
            "Drawn with her social worker at school, 3 June", Iro, T(49)),
        new ThreeHousesShown(Iro, T(49)),
        new MeetingClosed(Iro, T(50)),
    ];

    public static IReadOnlyList<VersionedEvent> Versioned => Events.Select((e, i) => new VersionedEvent(i + 1, e)).ToList();

    public static MeetingRecord Record => MeetingRecords.Build(Versioned, T(55));

    static readonly Actor Presenter = Actor.Participant("p-ravi");
    static readonly Actor Colleague = Actor.Participant("p-jo");

    /// <summary>A group supervision: the presenter's question, then the group's reflections and appreciations (issue 17, part 5).</summary>
    public static IReadOnlyList<IMeetingEvent> Supervision =>
    [
        new MeetingCreated("fedcba9876543210fedcba9876543210", MeetingType.GroupSupervision, "Group supervision: Family A", "Family A", Iro.Id, "Alex Morgan",
            "KPW7RTC4J", "screen-key-2", T(0), AdmitsAutomatically: true),
        new ParticipantAskedToJoin(Presenter.Id, "Ravi", "Social worker", "hash-ravi", T(1)),
        new ParticipantAdmitted(Presenter.Id, Iro, T(1)),
        new ParticipantAskedToJoin(Colleague.Id, "Jo", "Social worker", "hash-jo", T(1)),
        new ParticipantAdmitted(Colleague.Id, Iro, T(1)),
        new SupervisionRoleGiven(Presenter.Id, SupervisionRole.Presenter, Iro, T(2)),
        new StageStarted("confidentiality", Iro, T(2)),
        new PresenterQuestionStated("How do I *help* Sam | say what she needs?", Presenter, T(3)),
        new StageStarted("reflection", Iro, T(60)),
        new ReflectionAdded("rf-1", ReflectionKind.Reflection, "Asking questions only was hard <b>but</b> it slowed us down", Colleague, T(61)),
        new ReflectionAdded("rf-2", ReflectionKind.Reflection, "I see the family's strengths more clearly now", Presenter, T(61)),
        new ReflectionAdded("ap-1", ReflectionKind.Appreciation, "Ravi knows Maya so well: # it showed", Colleague, T(62)),
        new ReflectionAdded("ap-2", ReflectionKind.Appreciation, "Said twice by mistake", Colleague, T(62)),
        new ReflectionRemoved("ap-2", Colleague, T(63)),
        new MeetingClosed(Iro, T(65)),
    ];

    public static MeetingRecord SupervisionRecord => MeetingRecords.Build(Supervision.Select((e, i) => new VersionedEvent(i + 1, e)).ToList(), T(70));
}
