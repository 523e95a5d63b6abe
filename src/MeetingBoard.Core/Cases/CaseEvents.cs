using System.Collections.Immutable;
using MeetingBoard.Meetings;

namespace MeetingBoard.Cases;

/// <summary>Marks the events <see cref="Continuity.Apply"/> folds.</summary>
public interface ICaseEvent : IMeetingEvent;

/// <summary>
/// The meeting started from the case's latest meeting: its danger statements, goals, existing safety and
/// strengths (added here, marked with the day they come from) and its next steps (to review), and the
/// scaling series of the case's earlier meetings (group figures only, no names).
/// </summary>
public sealed record CarriedFromLastMeeting(
    string FromMeetingId, DateOnly FromDay,
    ImmutableList<CarriedStatement> Statements, ImmutableList<CarriedGoal> Goals, ImmutableList<CarriedItem> Items,
    ImmutableList<CarriedStepEntry> Steps, ImmutableList<PastSeries> History,
    Actor By, DateTimeOffset At) : ICaseEvent;

public sealed record CarriedStepReviewed(string StepId, StepOutcome Outcome, string? Why, Actor By, DateTimeOffset At) : ICaseEvent;

public sealed record QuestionPrepared(
    string QuestionId, PreparedKind Kind, string Text, string? For, string? TenMeans, string? ZeroMeans, string? StatementId,
    Actor By, DateTimeOffset At) : ICaseEvent;

public sealed record PreparedQuestionRemoved(string QuestionId, Actor By, DateTimeOffset At) : ICaseEvent;

/// <summary>Copied from the case's last meeting's preparation, with the series they continue.</summary>
public sealed record PreparedQuestionsCopied(string FromMeetingId, ImmutableList<PreparedQuestion> Questions, ImmutableList<PastSeries> History,
    Actor By, DateTimeOffset At) : ICaseEvent;

/// <summary>A prepared question shown on the room screen and on phones; null hides it.</summary>
public sealed record PreparedQuestionShown(string? QuestionId, Actor By, DateTimeOffset At) : ICaseEvent;

/// <summary>A scaling round was started from a prepared scaling question (the round's own events follow).</summary>
public sealed record PreparedScaleUsed(string QuestionId, string RoundId, Actor By, DateTimeOffset At) : ICaseEvent;

/// <summary>A series shown on the room screen; null hides it.</summary>
public sealed record TrajectoryShown(string? SeriesKey, Actor By, DateTimeOffset At) : ICaseEvent;

/// <summary>
/// The stored names of a case's continuity. These strings are in every database: never change one, even
/// when the class is renamed (the test <c>StoredEventNamesAreStable</c> holds them).
/// </summary>
public sealed class CaseEventNames : IStoredEventNames
{
    public IEnumerable<StoredEventName> Names =>
    [
        new(typeof(CarriedFromLastMeeting), "CarriedFromLastMeeting"),
        new(typeof(CarriedStepReviewed), "CarriedStepReviewed"),
        new(typeof(QuestionPrepared), "QuestionPrepared"),
        new(typeof(PreparedQuestionRemoved), "PreparedQuestionRemoved"),
        new(typeof(PreparedQuestionsCopied), "PreparedQuestionsCopied"),
        new(typeof(PreparedQuestionShown), "PreparedQuestionShown"),
        new(typeof(PreparedScaleUsed), "PreparedScaleUsed"),
        new(typeof(TrajectoryShown), "TrajectoryShown"),
    ];
}

/// <summary>Marks the commands <see cref="Continuity.Decide"/> decides.</summary>
public abstract record CaseCommand(Actor By, DateTimeOffset At) : MeetingCommand(By, At);

/// <summary>
/// Start this meeting from <paramref name="Last"/>, the case's latest meeting before it, with the series of
/// every earlier meeting of the case (<paramref name="History"/>, worked out by <see cref="Trajectories.Past"/>).
/// </summary>
public sealed record CarryFromLastMeeting(MeetingState Last, DateOnly LastDay, IReadOnlyList<PastSeries> History, Actor By, DateTimeOffset At)
    : CaseCommand(By, At);

public sealed record ReviewCarriedStep(string StepId, string? Outcome, string? Why, Actor By, DateTimeOffset At) : CaseCommand(By, At);

public sealed record PrepareBestQuestion(string QuestionId, string? Text, string? For, Actor By, DateTimeOffset At) : CaseCommand(By, At);

public sealed record PrepareScalingQuestion(string QuestionId, string? Text, string? TenMeans, string? ZeroMeans, string? StatementId,
    Actor By, DateTimeOffset At) : CaseCommand(By, At);

public sealed record RemovePreparedQuestion(string QuestionId, Actor By, DateTimeOffset At) : CaseCommand(By, At);

public sealed record CopyPreparedQuestions(MeetingState Last, IReadOnlyList<PastSeries> History, Actor By, DateTimeOffset At) : CaseCommand(By, At);

public sealed record ShowPreparedQuestion(string? QuestionId, Actor By, DateTimeOffset At) : CaseCommand(By, At);

/// <summary>Starts a scaling round with a prepared scaling question's words.</summary>
public sealed record StartPreparedRound(string QuestionId, string RoundId, Actor By, DateTimeOffset At) : CaseCommand(By, At);

public sealed record ShowTrajectory(string? SeriesKey, Actor By, DateTimeOffset At) : CaseCommand(By, At);
