using MeetingBoard.Meetings;

namespace MeetingBoard.Practice;

/// <summary>Events of the practice structure; registered by discriminator on <see cref="IMeetingEvent"/>.</summary>
public interface IPracticeEvent : IMeetingEvent;

public sealed record WordingChosen(Wording Wording, Actor By, DateTimeOffset At) : IPracticeEvent;

public sealed record DangerStatementAdded(string StatementId, string Sentence, DangerParts Parts, Actor By, DateTimeOffset At) : IPracticeEvent;

public sealed record DangerStatementEdited(string StatementId, string Sentence, Actor By, DateTimeOffset At) : IPracticeEvent;

/// <summary>Its safety goals and the family's views go with it.</summary>
public sealed record DangerStatementRemoved(string StatementId, Actor By, DateTimeOffset At) : IPracticeEvent;

public sealed record SafetyGoalAdded(string GoalId, string StatementId, string Sentence, GoalParts Parts, Actor By, DateTimeOffset At) : IPracticeEvent;

public sealed record SafetyGoalEdited(string GoalId, string Sentence, Actor By, DateTimeOffset At) : IPracticeEvent;

public sealed record SafetyGoalRemoved(string GoalId, Actor By, DateTimeOffset At) : IPracticeEvent;

public sealed record DisagreementRecorded(string StatementId, string View, Actor By, DateTimeOffset At) : IPracticeEvent;

public sealed record HarmRecorded(
    string HarmId, string Behaviour, string HowLong, string HowOften, string First, string Worst, string Last, string Impact,
    Actor By, DateTimeOffset At) : IPracticeEvent;

public sealed record HarmRemoved(string HarmId, Actor By, DateTimeOffset At) : IPracticeEvent;

/// <param name="ParticipantId">Set when the person is in the meeting; null for the facilitator or someone named who is not here.</param>
/// <param name="NeedsSignOff">Added later with a default, so steps stored before it load as not needing sign-off.</param>
public sealed record NextStepAdded(
    string StepId, string? ParticipantId, string PersonName, string Action, DateOnly Due, Actor By, DateTimeOffset At,
    bool NeedsSignOff = false) : IPracticeEvent;

public sealed record NextStepStatusChanged(string StepId, NextStepStatus Status, Actor By, DateTimeOffset At) : IPracticeEvent;

public sealed record NextStepSignOffChanged(string StepId, bool NeedsSignOff, Actor By, DateTimeOffset At) : IPracticeEvent;

public sealed record NextStepRemoved(string StepId, Actor By, DateTimeOffset At) : IPracticeEvent;
