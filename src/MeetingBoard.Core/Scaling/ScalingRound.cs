using System.Collections.Immutable;
using MeetingBoard.Meetings;

namespace MeetingBoard.Scaling;

/// <summary>Stored in events by number: never reorder.</summary>
public enum ScalingGroup
{
    Professional = 1,
    FamilyAndNetwork = 2,
}

/// <summary>Every scaling round of a meeting, and which participants the facilitator counts as family and network.</summary>
public sealed record ScalingState
{
    public static readonly ScalingState Empty = new();

    public ImmutableList<ScalingRound> Rounds { get; init; } = [];
    /// <summary>Participants not listed are professionals: the default the facilitator changes per person.</summary>
    public ImmutableDictionary<string, ScalingGroup> Groups { get; init; } = ImmutableDictionary<string, ScalingGroup>.Empty;

    public ScalingRound? Find(string roundId) => Rounds.Find(r => r.Id == roundId);

    /// <summary>The round in progress (open or revealed, not yet closed); at most one at a time.</summary>
    public ScalingRound? Current => Rounds.FindLast(r => !r.IsClosed);

    public IEnumerable<ScalingRound> Closed => Rounds.Where(r => r.IsClosed);

    public ScalingGroup GroupOf(Actor actor) =>
        actor.Kind == ActorKind.Participant && Groups.TryGetValue(actor.Id, out var group) ? group : ScalingGroup.Professional;
}

public sealed record ScalingRound(
    string Id,
    string Question,
    string TenMeans,
    string ZeroMeans,
    string? DangerStatementId,
    Actor StartedBy,
    DateTimeOffset StartedAt,
    ImmutableList<ScalingAttempt> Attempts,
    DateTimeOffset? ClosedAt)
{
    public ScalingAttempt Attempt => Attempts[^1];
    public IEnumerable<ScalingAttempt> EarlierAttempts => Attempts.Take(Attempts.Count - 1);
    public bool IsClosed => ClosedAt is not null;
}

public sealed record ScalingAttempt(int Number, DateTimeOffset StartedAt, DateTimeOffset? RevealedAt, ImmutableList<PersonScore> Scores)
{
    public bool IsRevealed => RevealedAt is not null;
    public PersonScore? Of(string personKey) => Scores.Find(s => s.PersonKey == personKey);
}

/// <summary>
/// One person's answer in one attempt. <see cref="Score"/> is null when they passed.
/// <see cref="Person"/> is null for someone without a device, whose name, role and group the
/// facilitator typed; <see cref="EnteredBy"/> says who entered it either way.
/// </summary>
public sealed record PersonScore(
    string PersonKey,
    Actor? Person,
    string? Name,
    string? Role,
    ScalingGroup? Group,
    int? Score,
    string? Reason,
    string? OneHigher,
    Actor EnteredBy,
    DateTimeOffset At)
{
    public bool Passed => Score is null;
    public bool EnteredForSomeoneElse => Person is null || Person != EnteredBy;
}

/// <summary>Who has answered so far, without what they answered.</summary>
public sealed record ScalingProgress(int Answered, int Expected, IReadOnlyList<string> StillThinkingKeys);

/// <summary>What the reveal shows beside the list: the spread of the numbers given (passes left out).</summary>
public sealed record ScalingSummary(int Count, int Passed, int? Lowest, int? Highest, decimal? Median)
{
    public static ScalingSummary Of(ScalingAttempt attempt)
    {
        var scores = attempt.Scores.Where(s => s.Score is not null).Select(s => s.Score!.Value).Order().ToList();
        var passed = attempt.Scores.Count - scores.Count;
        if (scores.Count == 0) return new(0, passed, null, null, null);
        return new(scores.Count, passed, scores[0], scores[^1], MedianOf(scores));
    }

    /// <summary>The middle number of scores in order (of the two middle ones, their mean). Not for an empty list.</summary>
    public static decimal MedianOf(IReadOnlyList<int> ordered)
    {
        var mid = ordered.Count / 2;
        return ordered.Count % 2 == 1 ? ordered[mid] : (ordered[mid - 1] + ordered[mid]) / 2m;
    }
}

/// <summary>A scale's question and what both ends mean, as offered when a round is set up.</summary>
public sealed record ScaleWording(string Question, string TenMeans, string ZeroMeans, string DangerTenMeans, string DangerZeroMeans);
