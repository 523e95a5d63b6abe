using System.Text.Json.Serialization;
using MeetingBoard.Board;
using MeetingBoard.Practice;
using MeetingBoard.Scaling;
using MeetingBoard.Facilitation;

namespace MeetingBoard.Meetings;

/// <summary>
/// Everything that happens in a meeting is one of these, appended to the meeting's stream.
/// The discriminators are stored: rename a type freely, never its discriminator.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(MeetingCreated), "MeetingCreated")]
[JsonDerivedType(typeof(ParticipantAskedToJoin), "ParticipantAskedToJoin")]
[JsonDerivedType(typeof(ParticipantAdmitted), "ParticipantAdmitted")]
[JsonDerivedType(typeof(ParticipantDeclined), "ParticipantDeclined")]
[JsonDerivedType(typeof(ParticipantRemoved), "ParticipantRemoved")]
[JsonDerivedType(typeof(ItemAdded), "ItemAdded")]
[JsonDerivedType(typeof(ItemEdited), "ItemEdited")]
[JsonDerivedType(typeof(ItemMoved), "ItemMoved")]
[JsonDerivedType(typeof(ItemRemoved), "ItemRemoved")]
[JsonDerivedType(typeof(MeetingClosed), "MeetingClosed")]
// Practice structure (Core/Practice): statements, goals, harm matrix, next steps, wording.
[JsonDerivedType(typeof(WordingChosen), "WordingChosen")]
[JsonDerivedType(typeof(DangerStatementAdded), "DangerStatementAdded")]
[JsonDerivedType(typeof(DangerStatementEdited), "DangerStatementEdited")]
[JsonDerivedType(typeof(DangerStatementRemoved), "DangerStatementRemoved")]
[JsonDerivedType(typeof(SafetyGoalAdded), "SafetyGoalAdded")]
[JsonDerivedType(typeof(SafetyGoalEdited), "SafetyGoalEdited")]
[JsonDerivedType(typeof(SafetyGoalRemoved), "SafetyGoalRemoved")]
[JsonDerivedType(typeof(DisagreementRecorded), "DisagreementRecorded")]
[JsonDerivedType(typeof(HarmRecorded), "HarmRecorded")]
[JsonDerivedType(typeof(HarmRemoved), "HarmRemoved")]
[JsonDerivedType(typeof(NextStepAdded), "NextStepAdded")]
[JsonDerivedType(typeof(NextStepStatusChanged), "NextStepStatusChanged")]
[JsonDerivedType(typeof(NextStepRemoved), "NextStepRemoved")]
[JsonDerivedType(typeof(NextStepSignOffChanged), "NextStepSignOffChanged")]
[JsonDerivedType(typeof(MeetingLocked), "MeetingLocked")]
[JsonDerivedType(typeof(MeetingUnlocked), "MeetingUnlocked")]
[JsonDerivedType(typeof(RoundStarted), "RoundStarted")]
[JsonDerivedType(typeof(ScoreGiven), "ScoreGiven")]
[JsonDerivedType(typeof(RoundPassed), "RoundPassed")]
[JsonDerivedType(typeof(ScoreRecordedFor), "ScoreRecordedFor")]
[JsonDerivedType(typeof(RoundRevealed), "RoundRevealed")]
[JsonDerivedType(typeof(RoundRerun), "RoundRerun")]
[JsonDerivedType(typeof(RoundClosed), "RoundClosed")]
[JsonDerivedType(typeof(ScalingGroupSet), "ScalingGroupSet")]
// Facilitation (Core/Facilitation/Events.cs)
[JsonDerivedType(typeof(StageStarted), "StageStarted")]
[JsonDerivedType(typeof(StageRenamed), "StageRenamed")]
[JsonDerivedType(typeof(StageMoved), "StageMoved")]
[JsonDerivedType(typeof(StageSkipped), "StageSkipped")]
[JsonDerivedType(typeof(StageCategoriesChanged), "StageCategoriesChanged")]
[JsonDerivedType(typeof(BoardLocked), "BoardLocked")]
[JsonDerivedType(typeof(BoardUnlocked), "BoardUnlocked")]
[JsonDerivedType(typeof(QuestionAsked), "QuestionAsked")]
[JsonDerivedType(typeof(CoFacilitatorAdded), "CoFacilitatorAdded")]
[JsonDerivedType(typeof(ItemSpotlighted), "ItemSpotlighted")]
[JsonDerivedType(typeof(SpotlightCleared), "SpotlightCleared")]
[JsonDerivedType(typeof(TimerStarted), "TimerStarted")]
[JsonDerivedType(typeof(TimerPaused), "TimerPaused")]
[JsonDerivedType(typeof(TimerResumed), "TimerResumed")]
[JsonDerivedType(typeof(TimerCleared), "TimerCleared")]
[JsonDerivedType(typeof(AnonymousRoundStarted), "AnonymousRoundStarted")]
[JsonDerivedType(typeof(AnonymousRoundEnded), "AnonymousRoundEnded")]
[JsonDerivedType(typeof(ItemAddedAnonymously), "ItemAddedAnonymously")]
[JsonDerivedType(typeof(TurnRoundStarted), "TurnRoundStarted")]
[JsonDerivedType(typeof(TurnTaken), "TurnTaken")]
[JsonDerivedType(typeof(TurnRoundEnded), "TurnRoundEnded")]
[JsonDerivedType(typeof(SupervisionRoleGiven), "SupervisionRoleGiven")]
[JsonDerivedType(typeof(DecisionRecorded), "DecisionRecorded")]
[JsonDerivedType(typeof(ViewOnDecisionRecorded), "ViewOnDecisionRecorded")]
public interface IMeetingEvent
{
    DateTimeOffset At { get; }
}

public sealed record MeetingCreated(
    string MeetingId,
    MeetingType Type,
    string Title,
    string? CaseReference,
    string FacilitatorId,
    string FacilitatorName,
    string JoinCode,
    string ScreenKey,
    DateTimeOffset At,
    bool AdmitsAutomatically = false) : IMeetingEvent;

/// <summary>Only a hash of the participant's secret is kept; the secret itself lives in their cookie.</summary>
public sealed record ParticipantAskedToJoin(string ParticipantId, string Name, string Role, string SecretHash, DateTimeOffset At) : IMeetingEvent;

public sealed record ParticipantAdmitted(string ParticipantId, Actor By, DateTimeOffset At) : IMeetingEvent;

public sealed record ParticipantDeclined(string ParticipantId, Actor By, DateTimeOffset At) : IMeetingEvent;

public sealed record ParticipantRemoved(string ParticipantId, Actor By, DateTimeOffset At) : IMeetingEvent;

public sealed record ItemAdded(string ItemId, Category Category, string Text, Actor By, DateTimeOffset At) : IMeetingEvent;

public sealed record ItemEdited(string ItemId, string Text, Actor By, DateTimeOffset At) : IMeetingEvent;

public sealed record ItemMoved(string ItemId, Category From, Category To, Actor By, DateTimeOffset At) : IMeetingEvent;

public sealed record ItemRemoved(string ItemId, Actor By, DateTimeOffset At) : IMeetingEvent;

/// <summary><see cref="IdleHours"/> is set when the retention sweep closed it after that many hours with no change.</summary>
public sealed record MeetingClosed(Actor By, DateTimeOffset At, int? IdleHours = null) : IMeetingEvent;

public sealed record MeetingLocked(Actor By, DateTimeOffset At) : IMeetingEvent;

public sealed record MeetingUnlocked(Actor By, DateTimeOffset At) : IMeetingEvent;
