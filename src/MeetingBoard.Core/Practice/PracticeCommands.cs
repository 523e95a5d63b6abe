using MeetingBoard.Meetings;

namespace MeetingBoard.Practice;

/// <summary>Commands on the practice structure. Raw text as typed; the decision cleans and checks it.</summary>
public abstract record PracticeCommand(Actor By, DateTimeOffset At) : MeetingCommand(By, At);

public sealed record ChooseWording(string? Wording, Actor By, DateTimeOffset At) : PracticeCommand(By, At);

/// <param name="Sentence">The sentence as the writer left it; when empty it is composed from the parts.</param>
public sealed record AddDangerStatement(
    string StatementId, string? Sentence, string? Who, string? Behaviour, string? Impact, string? IfNothingChanges, string? SafetyInPlace,
    Actor By, DateTimeOffset At) : PracticeCommand(By, At);

public sealed record EditDangerStatement(string StatementId, string? Sentence, Actor By, DateTimeOffset At) : PracticeCommand(By, At);

public sealed record RemoveDangerStatement(string StatementId, Actor By, DateTimeOffset At) : PracticeCommand(By, At);

public sealed record AddSafetyGoal(
    string GoalId, string? StatementId, string? Sentence, string? CarersWillDo, string? ChildWillExperience, string? ProfessionalsWillSee, string? HowLong,
    Actor By, DateTimeOffset At) : PracticeCommand(By, At);

public sealed record EditSafetyGoal(string GoalId, string? Sentence, Actor By, DateTimeOffset At) : PracticeCommand(By, At);

public sealed record RemoveSafetyGoal(string GoalId, Actor By, DateTimeOffset At) : PracticeCommand(By, At);

/// <summary>A family member says "we disagree", in their own words, beside a danger statement.</summary>
public sealed record RecordDisagreement(string StatementId, string? View, Actor By, DateTimeOffset At) : PracticeCommand(By, At);

public sealed record RecordHarm(
    string HarmId, string? Behaviour, string? HowLong, string? HowOften, string? First, string? Worst, string? Last, string? Impact,
    Actor By, DateTimeOffset At) : PracticeCommand(By, At);

public sealed record RemoveHarm(string HarmId, Actor By, DateTimeOffset At) : PracticeCommand(By, At);

/// <param name="Who">A participant's id, "facilitator", or "someone-else" with <paramref name="OtherName"/>.</param>
/// <param name="NeedsSignOff">A ticked checkbox ("true"); empty or absent when not ticked.</param>
public sealed record AddNextStep(
    string StepId, string? Who, string? OtherName, string? Action, string? Day, string? Month, string? Year,
    Actor By, DateTimeOffset At, string? NeedsSignOff = null) : PracticeCommand(By, At);

public sealed record ChangeNextStepStatus(string StepId, string? Status, Actor By, DateTimeOffset At) : PracticeCommand(By, At);

/// <summary>Marks a next step as needing a manager's sign-off, or not ("true" or "false").</summary>
public sealed record ChangeNextStepSignOff(string StepId, string? NeedsSignOff, Actor By, DateTimeOffset At) : PracticeCommand(By, At);

public sealed record RemoveNextStep(string StepId, Actor By, DateTimeOffset At) : PracticeCommand(By, At);
