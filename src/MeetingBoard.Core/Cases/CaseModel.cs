using System.Collections.Immutable;
using MeetingBoard.Board;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;

namespace MeetingBoard.Cases;

/// <summary>Stored in events by number: never reorder.</summary>
public enum StepOutcome
{
    Done = 1,
    NotDone = 2,
    CarriedForward = 3,
}

/// <summary>Stored in events by number: never reorder.</summary>
public enum PreparedKind
{
    BestQuestion = 1,
    ScalingQuestion = 2,
}

// What one meeting carries from the case's latest meeting. Ids are kept: the same danger statement has
// the same id in every meeting of the case, which is what makes its scaling rounds one series.
public sealed record CarriedStatement(string Id, string Sentence, DangerParts Parts, DateOnly From);
public sealed record CarriedGoal(string Id, string StatementId, string Sentence, GoalParts Parts, DateOnly From);
public sealed record CarriedItem(string Id, Category Category, string Text, DateOnly From);
public sealed record CarriedStepEntry(string Id, string PersonName, string Action, DateOnly Due, NextStepStatus StatusThen, DateOnly From);

/// <summary>A next step from the last meeting, and what this meeting said of it (null until reviewed).</summary>
public sealed record StepToReview(CarriedStepEntry Step, StepReview? Review);

public sealed record StepReview(StepOutcome Outcome, string? Why, Actor By, DateTimeOffset At);

/// <summary>
/// A best question or a scaling question the facilitator wrote before the meeting. <see cref="For"/> is the
/// stage or map category a best question is for (free text, optional); a scaling question has both ends and
/// may be about a danger statement.
/// </summary>
public sealed record PreparedQuestion(
    string Id, PreparedKind Kind, string Text, string? For, string? TenMeans, string? ZeroMeans, string? StatementId,
    DateTimeOffset PreparedAt, DateTimeOffset? FirstShownAt);

/// <summary>The spread of one group's scores in one round: how many, lowest, highest, middle.</summary>
public sealed record ScaleSpread(int Count, int Lowest, int Highest, decimal Median);

/// <summary>One meeting's point of a series, with no one's name: what a room screen and a record may show.</summary>
public sealed record SeriesPoint(string MeetingId, DateOnly Day, string MeetingTitle, ScaleSpread? All, ScaleSpread? Family, ScaleSpread? Professionals);

/// <summary>A series from earlier meetings of the case: the same danger statement, or the same prepared scale.</summary>
public sealed record PastSeries(string Key, string Title, ImmutableList<SeriesPoint> Points);

/// <summary>What a meeting knows of its case: what it carried, how it reviewed it, what was prepared, what the earlier meetings scaled.</summary>
public sealed record ContinuityState
{
    public static readonly ContinuityState Empty = new();

    public string? CarriedFromMeetingId { get; init; }
    public DateOnly? CarriedFromDay { get; init; }
    /// <summary>Which statements, goals and items came from an earlier meeting, and that meeting's day.</summary>
    public ImmutableDictionary<string, DateOnly> CarriedFrom { get; init; } = ImmutableDictionary<string, DateOnly>.Empty;
    public ImmutableList<StepToReview> StepsToReview { get; init; } = [];
    public ImmutableList<PreparedQuestion> Prepared { get; init; } = [];
    /// <summary>The prepared question now shown on the room screen and phones.</summary>
    public string? ShownQuestionId { get; init; }
    /// <summary>Which scaling round was started from which prepared scaling question.</summary>
    public ImmutableDictionary<string, string> RoundScales { get; init; } = ImmutableDictionary<string, string>.Empty;
    public ImmutableList<PastSeries> History { get; init; } = [];
    /// <summary>The series now shown on the room screen.</summary>
    public string? ShownSeriesKey { get; init; }

    public DateOnly? FromDay(string id) => CarriedFrom.TryGetValue(id, out var day) ? day : null;
    public PreparedQuestion? FindPrepared(string id) => Prepared.Find(q => q.Id == id);
    public StepToReview? FindStepToReview(string id) => StepsToReview.Find(s => s.Step.Id == id);
    public PreparedQuestion? ShownQuestion => ShownQuestionId is { } id ? FindPrepared(id) : null;
    public IEnumerable<PreparedQuestion> Asked => Prepared.Where(q => q.FirstShownAt is not null);
}

public static class StepOutcomes
{
    public static string Name(StepOutcome outcome) => outcome switch
    {
        StepOutcome.Done => "Done",
        StepOutcome.NotDone => "Not done",
        StepOutcome.CarriedForward => "Carried forward",
        _ => "",
    };

    public static StepOutcome? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "done" or "1" => StepOutcome.Done,
        "not-done" or "notdone" or "2" => StepOutcome.NotDone,
        "carried-forward" or "carriedforward" or "3" => StepOutcome.CarriedForward,
        _ => null,
    };

    public static string Slug(StepOutcome outcome) => outcome switch
    {
        StepOutcome.Done => "done",
        StepOutcome.NotDone => "not-done",
        _ => "carried-forward",
    };
}
