using System.Text.Json.Serialization;
using MeetingBoard.Board;
using MeetingBoard.Meetings;

namespace MeetingBoard.Records;

/// <summary>One event of a meeting's stream with its version, as the store hands it back.</summary>
public sealed record VersionedEvent(long Version, IMeetingEvent Event);

/// <summary>
/// What a meeting came to, at one version: the input of every format (Markdown, text, JSON, the
/// family version). Built by <see cref="MeetingRecords.Build"/> from the event log alone.
/// </summary>
public sealed record MeetingRecord(
    RecordDetails Details,
    IReadOnlyList<Attendee> Attendees,
    IReadOnlyList<RecordSection> Sections,
    IReadOnlyList<HistoryEntry> History);

public sealed record RecordDetails(
    string MeetingId,
    MeetingType Type,
    string TypeName,
    string Title,
    string? CaseReference,
    string FacilitatorId,
    string FacilitatorName,
    DateTimeOffset StartedAt,
    DateTimeOffset? ClosedAt,
    long Version,
    DateTimeOffset? LastChangedAt,
    DateTimeOffset ProducedAt);

/// <summary>Where a person ended up in the meeting. Stored nowhere: JSON writes the name.</summary>
public enum AttendeeStanding
{
    Facilitator,
    TookPart,
    Waiting,
    Declined,
    Removed,
}

/// <summary>
/// One person of the meeting. <see cref="AdmittedAt"/> stays set for someone later removed: they
/// took part until <see cref="LeftAt"/>.
/// </summary>
public sealed record Attendee(
    string Id,
    string Name,
    string Role,
    AttendeeStanding Standing,
    DateTimeOffset AskedAt,
    DateTimeOffset? AdmittedAt,
    DateTimeOffset? DeclinedAt,
    DateTimeOffset? LeftAt);

/// <summary>
/// A part of the record that one feature contributes: the map, the practice structure, scaling
/// rounds and how the meeting was run (RecordSections.cs). Each format has a case for each kind.
/// A feature with nothing to show adds no section.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(MapSection), "map")]
[JsonDerivedType(typeof(PracticeSection), "practice")]
[JsonDerivedType(typeof(ScalingSection), "scaling")]
[JsonDerivedType(typeof(FacilitationSection), "facilitation")]
[JsonDerivedType(typeof(DecisionSection), "decision")]
[JsonDerivedType(typeof(SupervisionSection), "supervision")]
[JsonDerivedType(typeof(SafetyPlanSection), "safety-plan")]
[JsonDerivedType(typeof(ChildsVoiceSection), "childs-voice")]
[JsonDerivedType(typeof(CaseSection), "case")]
public abstract record RecordSection;

public sealed record MapSection(IReadOnlyList<MapColumn> Columns) : RecordSection;

public sealed record MapColumn(Column Column, string Title, IReadOnlyList<MapCategory> Categories);

public sealed record MapCategory(Category Category, string Title, IReadOnlyList<MapItem> Items);

public sealed record MapItem(
    string Id,
    string Text,
    RecordPerson Author,
    DateTimeOffset AddedAt,
    DateTimeOffset? EditedAt,
    DateTimeOffset? MovedAt,
    bool Anonymous = false,
    bool FamilysWords = false);

/// <summary>Who did something, as the meeting knew them: name, role, and the actor behind it.</summary>
public sealed record RecordPerson(ActorKind Kind, string Id, string Name, string Role);

/// <summary>What happened, for the timeline and the audit trail. Stored nowhere: JSON writes the name.</summary>
public enum HistoryKind
{
    MeetingStarted,
    AskedToJoin,
    Admitted,
    Declined,
    Removed,
    ItemAdded,
    ItemChanged,
    ItemMoved,
    ItemRemoved,
    MeetingClosed,
    ScalingRoundStarted,
    ScoresRevealed,
    ScalingRoundRunAgain,
    ScalingRoundClosed,
    StatementAdded,
    StatementChanged,
    StatementRemoved,
    GoalAdded,
    GoalChanged,
    GoalRemoved,
    DisagreementRecorded,
    HarmRecorded,
    HarmRemoved,
    NextStepAdded,
    NextStepStatusChanged,
    NextStepRemoved,
    StageStarted,
    QuestionAsked,
    CoFacilitatorAdded,
    RoleGiven,
    DecisionRecorded,
    ViewOnDecisionRecorded,
    NextStepSignOffChanged,
    // Audit trail only (MeetingRecords.AuditTrail); the record's timeline leaves them out.
    MeetingLocked,
    MeetingUnlocked,
    BoardLocked,
    BoardUnlocked,
    GroupMarked,
    /// <summary>Note is the score where its run was revealed, null while it is hidden.</summary>
    ScoreGiven,
    ScorePassed,
    /// <summary>Entered by the facilitator (By) for someone without a device (Subject).</summary>
    ScoreEnteredFor,
    // A case across its meetings (Core/Cases).
    /// <summary>Note is the day of the meeting it started from.</summary>
    StartedFromLastMeeting,
    /// <summary>Text is the step's action, Note how it went.</summary>
    CarriedStepReviewed,
    PreparedQuestionShown,
    TrajectoryShown,
    // Issue 17, parts 5 to 8 (InMeetingSections.cs).
    PresenterQuestionStated,
    ReflectionAdded,
    AppreciationAdded,
    ReflectionRemoved,
    PlanRuleAdded,
    NetworkMemberAdded,
    BottomLineAdded,
    TestingPeriodSet,
    TestingPeriodCleared,
    SafetyPlanPartRemoved,
    ThreeHousesRecorded,
    ThreeHousesRemoved,
    ThreeHousesShown,
    ThreeHousesHidden,
    FamilysWordsMarked,
}

/// <summary>
/// One step of how the meeting went. <see cref="Subject"/> is the person it was about (joining,
/// admitting, removing); the item fields are set for item steps: <see cref="Text"/> is the item's
/// text after the step (before it, for a removal), <see cref="OldText"/> the text an edit replaced.
/// For the other features' steps <see cref="Text"/> is what was written (a question, a statement,
/// a round's question, an action) and <see cref="Note"/> the word or detail the sentence needs (the
/// meeting's word for a statement or goal, a stage's title, a status, a role, a run's number).
/// </summary>
public sealed record HistoryEntry(
    long Version,
    DateTimeOffset At,
    HistoryKind Kind,
    RecordPerson? By,
    RecordPerson? Subject = null,
    string? ItemId = null,
    Category? Category = null,
    Category? FromCategory = null,
    string? Text = null,
    string? OldText = null,
    string? Note = null);
