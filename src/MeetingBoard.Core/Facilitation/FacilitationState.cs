using System.Collections.Immutable;
using MeetingBoard.Meetings;

namespace MeetingBoard.Facilitation;

public sealed record Question(string Id, string StageId, string Text, Actor Author, DateTimeOffset AskedAt);

public sealed record CoFacilitator(string AccountId, string Name, DateTimeOffset AddedAt);

/// <summary>
/// How the meeting is being run. <see cref="Plan"/> is null until the facilitator changes the
/// stages: until then the meeting follows its type's template, so meetings started before stages
/// existed get them too.
/// </summary>
public sealed record FacilitationState
{
    public static readonly FacilitationState Empty = new();

    public ImmutableList<Stage>? Plan { get; init; }
    /// <summary>Null before the first stage starts: until then the whole board is open, as a free map.</summary>
    public string? CurrentStageId { get; init; }
    public bool Locked { get; init; }
    public ImmutableList<Question> Questions { get; init; } = [];
    public ImmutableList<CoFacilitator> CoFacilitators { get; init; } = [];
    public string? SpotlightItemId { get; init; }
    public StageTimer? Timer { get; init; }
    public bool AnonymousRound { get; init; }
    /// <summary>Items added during an anonymous round: their author is shown to facilitators only.</summary>
    public ImmutableHashSet<string> AnonymousItemIds { get; init; } = [];
    public TurnRound? Turns { get; init; }
    /// <summary>Group supervision roles by participant id; anyone not here is part of the group.</summary>
    public ImmutableDictionary<string, SupervisionRole> Roles { get; init; } = ImmutableDictionary<string, SupervisionRole>.Empty;
    /// <summary>Null until the facilitator records the conference's decision.</summary>
    public ConferenceDecision? Decision { get; init; }
}

/// <summary>The decision and everyone's view on it, one view per person (their latest), in the order first given.</summary>
public sealed record ConferenceDecision(string Text, Actor By, DateTimeOffset At, ImmutableList<DecisionView> Views)
{
    public IEnumerable<DecisionView> Agreeing => Views.Where(v => v.Agrees);
    public IEnumerable<DecisionView> Disagreeing => Views.Where(v => !v.Agrees);
}

public sealed record DecisionView(Actor Person, bool Agrees, string? Reason, bool OnBehalf, DateTimeOffset At);

/// <summary>Going round the room. <see cref="Current"/> is the index of the speaker now; past the end, everyone has had a turn.</summary>
public sealed record TurnRound(ImmutableList<Actor> Order, int Current, ImmutableHashSet<string> Passed)
{
    public Actor? Speaker => Current < Order.Count ? Order[Current] : null;
}

/// <summary>Running until <see cref="EndsAt"/>, or paused with <see cref="RemainingSeconds"/> left.</summary>
public sealed record StageTimer(int Seconds, DateTimeOffset? EndsAt, int? RemainingSeconds)
{
    public bool IsPaused => EndsAt is null;

    public TimeSpan Remaining(DateTimeOffset now) =>
        EndsAt is { } end ? (end > now ? end - now : TimeSpan.Zero) : TimeSpan.FromSeconds(RemainingSeconds ?? 0);
}
