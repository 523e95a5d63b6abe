using MeetingBoard.Facilitation;
using MeetingBoard.Practice;
using MeetingBoard.Scaling;

namespace MeetingBoard.Records;

/// <summary>
/// The practice structure (Core/Practice) in the meeting's wording: statements with their goals and
/// the family's disagreements beside them, the harm matrix, and next steps as a plan.
/// <see cref="Words"/> names the parts as the meeting did (Signs of Safety, Wellbeing or Success).
/// </summary>
public sealed record PracticeSection(
    Wording Wording,
    string Frame,
    IReadOnlyList<RecordStatement> Statements,
    IReadOnlyList<RecordHarm> Harm,
    IReadOnlyList<RecordStep> NextSteps) : RecordSection
{
    // Writers only: the hints in the vocabulary are for the board, not the record.
    [System.Text.Json.Serialization.JsonIgnore]
    public Vocabulary Words => Vocabulary.For(Wording);

    /// <summary>
    /// Whether a map category with no free notes has its content in this section instead. The map then
    /// points there: "nothing recorded" above a danger statement that is recorded below misleads, most
    /// of all a family reading their version (found reviewing the screenshots of the record).
    /// </summary>
    public bool Holds(MeetingBoard.Board.Category category) => category switch
    {
        MeetingBoard.Board.Category.DangerStatements => Statements.Count > 0,
        MeetingBoard.Board.Category.SafetyGoals => Statements.Any(s => s.Goals.Count > 0),
        MeetingBoard.Board.Category.Harm => Harm.Count > 0,
        MeetingBoard.Board.Category.NextSteps => NextSteps.Count > 0,
        _ => false,
    };
}

public sealed record RecordStatement(
    string Id,
    int Number,
    string Sentence,
    RecordPerson Author,
    DateTimeOffset AddedAt,
    DateTimeOffset? EditedAt,
    IReadOnlyList<RecordGoal> Goals,
    IReadOnlyList<RecordDisagreement> Disagreements);

public sealed record RecordGoal(string Id, string Sentence, RecordPerson Author, DateTimeOffset AddedAt, DateTimeOffset? EditedAt);

public sealed record RecordDisagreement(string View, RecordPerson By, DateTimeOffset At);

public sealed record RecordHarm(
    string Id, string Behaviour, string HowLong, string HowOften, string First, string Worst, string Last, string Impact,
    RecordPerson Author, DateTimeOffset AddedAt);

public sealed record RecordStep(
    string Id, string Who, string Action, DateOnly Due, NextStepStatus Status, string StatusName,
    RecordPerson AddedBy, DateTimeOffset AddedAt, DateTimeOffset? ChangedAt, bool NeedsSignOff);

/// <summary>Every scaling round (Core/Scaling), each with every run of it.</summary>
public sealed record ScalingSection(IReadOnlyList<RecordRound> Rounds) : RecordSection;

/// <param name="DangerStatementNumber">Set when the round is about a danger statement still on the map.</param>
/// <param name="DangerStatementName">Its name in the meeting's wording: "Danger statement 2", "Worry statement 2".</param>
public sealed record RecordRound(
    string Id,
    string Question,
    string TenMeans,
    string ZeroMeans,
    string? DangerStatementId,
    int? DangerStatementNumber,
    string? DangerStatementName,
    string? DangerStatement,
    DateTimeOffset StartedAt,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<RecordRun> Runs);

/// <summary>
/// One run of a round. A run that was not revealed has no scores and no summary: the record never
/// shows a hidden score, even to the facilitator who makes it mid-round.
/// </summary>
public sealed record RecordRun(
    int Number,
    DateTimeOffset StartedAt,
    bool Revealed,
    DateTimeOffset? RevealedAt,
    IReadOnlyList<RecordScore> Scores,
    decimal? Median,
    int? Lowest,
    int? Highest,
    int? PassedCount);

/// <param name="EnteredByFacilitator">The facilitator entered it on the person's behalf (someone without a device).</param>
public sealed record RecordScore(
    string Name,
    string Role,
    ScalingGroup Group,
    string GroupName,
    int? Score,
    bool Passed,
    string? Reason,
    string? OneHigher,
    bool EnteredByFacilitator,
    RecordPerson EnteredBy,
    DateTimeOffset At);

/// <summary>How the meeting was run (Core/Facilitation): stages, group supervision questions, co-facilitators and roles.</summary>
public sealed record FacilitationSection(
    IReadOnlyList<RecordStage> Stages,
    IReadOnlyList<RecordQuestion> Questions,
    IReadOnlyList<RecordCoFacilitator> CoFacilitators,
    IReadOnlyList<RecordRole> Roles) : RecordSection;

/// <param name="StartedAt">Every time the meeting moved to this stage, in order; empty when it was never reached.</param>
public sealed record RecordStage(string Id, string Title, bool Skipped, IReadOnlyList<DateTimeOffset> StartedAt);

public sealed record RecordQuestion(string Id, string StageTitle, string Text, RecordPerson Author, DateTimeOffset AskedAt);

public sealed record RecordCoFacilitator(string Name, DateTimeOffset AddedAt);

public sealed record RecordRole(RecordPerson Person, SupervisionRole Role, string RoleName);

/// <summary>The conference's decision (Core/Facilitation) and everyone's view on it, one a person, in the order first given.</summary>
public sealed record DecisionSection(string Text, RecordPerson RecordedBy, DateTimeOffset RecordedAt, IReadOnlyList<RecordView> Views) : RecordSection;

/// <param name="RecordedByFacilitator">The facilitator recorded it on the person's behalf (someone without a device).</param>
public sealed record RecordView(RecordPerson Person, bool Agrees, string? Reason, bool RecordedByFacilitator, DateTimeOffset At);

public static class ScalingGroups
{
    public static string Name(ScalingGroup group) => group == ScalingGroup.FamilyAndNetwork ? "Family and network" : "Professional";
}
