using MeetingBoard.Meetings;

namespace MeetingBoard.Scaling;

public sealed record RoundStarted(
    string RoundId,
    string Question,
    string TenMeans,
    string ZeroMeans,
    string? DangerStatementId,
    Actor By,
    DateTimeOffset At) : IScalingEvent;

/// <summary>Given again to change it: the latest one for a person in an attempt counts.</summary>
public sealed record ScoreGiven(string RoundId, int Attempt, int Score, string Reason, string? OneHigher, Actor By, DateTimeOffset At) : IScalingEvent;

public sealed record RoundPassed(string RoundId, int Attempt, Actor By, DateTimeOffset At) : IScalingEvent;

/// <summary>Entered by the facilitator (<see cref="By"/>) for someone without a device; the record says so.</summary>
public sealed record ScoreRecordedFor(
    string RoundId,
    int Attempt,
    string PersonId,
    string Name,
    string Role,
    ScalingGroup Group,
    int Score,
    string Reason,
    string? OneHigher,
    Actor By,
    DateTimeOffset At) : IScalingEvent;

public sealed record RoundRevealed(string RoundId, int Attempt, Actor By, DateTimeOffset At) : IScalingEvent;

/// <summary>A new attempt begins; the earlier ones stay in the record.</summary>
public sealed record RoundRerun(string RoundId, int Attempt, Actor By, DateTimeOffset At) : IScalingEvent;

public sealed record RoundClosed(string RoundId, Actor By, DateTimeOffset At) : IScalingEvent;

public sealed record ScalingGroupSet(string ParticipantId, ScalingGroup Group, Actor By, DateTimeOffset At) : IScalingEvent;

/// <summary>Marks the events <see cref="ScalingRounds.Apply"/> folds, so the meeting dispatches them in one line.</summary>
public interface IScalingEvent : IMeetingEvent;
