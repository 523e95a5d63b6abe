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
}
