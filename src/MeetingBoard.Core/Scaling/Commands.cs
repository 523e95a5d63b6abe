using MeetingBoard.Meetings;

namespace MeetingBoard.Scaling;

/// <summary>Starts a round and opens it for scoring at once. Wording arrives as typed; the decision cleans it.</summary>
public sealed record StartRound(
    string RoundId,
    string? Question,
    string? TenMeans,
    string? ZeroMeans,
    string? DangerStatementId,
    Actor By,
    DateTimeOffset At) : ScalingCommand(By, At);

/// <summary>
/// A person's own score for the current attempt. <see cref="Attempt"/> is the attempt the form was
/// shown for, so a score typed before a re-run is not silently counted in the new attempt.
/// </summary>
public sealed record GiveScore(string RoundId, int Attempt, string? Score, string? Reason, string? OneHigher, Actor By, DateTimeOffset At)
    : ScalingCommand(By, At);

public sealed record PassRound(string RoundId, int Attempt, Actor By, DateTimeOffset At) : ScalingCommand(By, At);

/// <summary>The facilitator records the score of someone in the room without a device.</summary>
public sealed record RecordScoreFor(
    string RoundId,
    int Attempt,
    string PersonId,
    string? Name,
    string? Role,
    string? Group,
    string? Score,
    string? Reason,
    string? OneHigher,
    Actor By,
    DateTimeOffset At) : ScalingCommand(By, At);

public sealed record RevealRound(string RoundId, Actor By, DateTimeOffset At) : ScalingCommand(By, At);

public sealed record RerunRound(string RoundId, Actor By, DateTimeOffset At) : ScalingCommand(By, At);

public sealed record CloseRound(string RoundId, Actor By, DateTimeOffset At) : ScalingCommand(By, At);

/// <summary>Which side of the table a participant's score is shown on at the reveal.</summary>
public sealed record SetScalingGroup(string ParticipantId, string? Group, Actor By, DateTimeOffset At) : ScalingCommand(By, At);

/// <summary>Marks the commands <see cref="ScalingRounds.Decide"/> decides.</summary>
public abstract record ScalingCommand(Actor By, DateTimeOffset At) : MeetingCommand(By, At);
