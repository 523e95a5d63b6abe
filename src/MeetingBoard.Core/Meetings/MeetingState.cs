using System.Collections.Immutable;
using MeetingBoard.Board;
using MeetingBoard.Cases;
using MeetingBoard.Practice;
using MeetingBoard.Scaling;
using MeetingBoard.Facilitation;

namespace MeetingBoard.Meetings;

public enum ParticipantStatus
{
    Waiting,
    Admitted,
    Declined,
    Removed,
}

public sealed record Participant(
    string Id,
    string Name,
    string Role,
    string SecretHash,
    ParticipantStatus Status,
    DateTimeOffset AskedAt,
    DateTimeOffset ChangedAt);

public sealed record BoardItem(
    string Id,
    Category Category,
    string Text,
    Actor Author,
    DateTimeOffset AddedAt,
    DateTimeOffset? EditedAt);

/// <summary>
/// A meeting folded from its events. Immutable, so a snapshot can be rendered while the next
/// command is decided.
/// </summary>
public sealed record MeetingState
{
    public static readonly MeetingState Empty = new();

    public string Id { get; init; } = "";
    /// <summary>The number of events folded so far; the next event gets Version + 1.</summary>
    public long Version { get; init; }
    public MeetingType Type { get; init; }
    public string Title { get; init; } = "";
    public string? CaseReference { get; init; }
    /// <summary>The case this meeting is one of (Core/Cases), or null for a meeting on its own.</summary>
    public string? CaseId { get; init; }
    public string FacilitatorId { get; init; } = "";
    public string FacilitatorName { get; init; } = "";
    public string JoinCode { get; init; } = "";
    public string ScreenKey { get; init; } = "";
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>Set when nobody closed it: the retention sweep did, after this many hours with no change.</summary>
    public int? ClosedIdleHours { get; init; }
    /// <summary>Group supervision only: people who ask to join are let in without waiting in the lobby.</summary>
    public bool AdmitsAutomatically { get; init; }
    public bool IsLocked { get; init; }
    public ImmutableList<Participant> Participants { get; init; } = [];
    public ImmutableList<BoardItem> Items { get; init; } = [];
    /// <summary>Kept so that a late retry of an add cannot bring a removed item back.</summary>
    public ImmutableHashSet<string> RemovedItemIds { get; init; } = [];
    /// <summary>Danger statements with their goals, the harm matrix, next steps and the wording (Core/Practice).</summary>
    public PracticeState Practice { get; init; } = PracticeState.Empty;
    public ScalingState Scaling { get; init; } = ScalingState.Empty;
    /// <summary>Stages, the lock, questions and co-facilitators (Core/Facilitation).</summary>
    public FacilitationState Facilitation { get; init; } = FacilitationState.Empty;
    /// <summary>Group supervision's presenter's question, reflections and appreciations (Core/Facilitation/Reflections.cs).</summary>
    public SupervisionState Supervision { get; init; } = SupervisionState.Empty;
    /// <summary>Plan rules, safety network, bottom lines and testing period (Core/Practice/SafetyPlan.cs).</summary>
    public SafetyPlan SafetyPlan { get; init; } = SafetyPlan.Empty;
    /// <summary>The child's voice from direct work (Core/Practice/ThreeHouses.cs).</summary>
    public ThreeHousesState ThreeHouses { get; init; } = ThreeHousesState.Empty;
    /// <summary>Items a facilitator typed and marked as in the family's words (Core/Board/FamilysWords.cs).</summary>
    public ImmutableHashSet<string> FamilysWordsItemIds { get; init; } = [];
    /// <summary>What it carried from the case's last meeting, prepared questions, the case's scaling series (Core/Cases).</summary>
    public ContinuityState Continuity { get; init; } = ContinuityState.Empty;

    public bool Exists => Version > 0;
    public bool IsClosed => ClosedAt is not null;

    public Participant? FindParticipant(string id) =>
        ParticipantsById.GetValue(Participants, Index).GetValueOrDefault(id);

    // A render looks people up for every item and every person it shows (300 people, 200 items: 60,000
    // walks of the list per render). The index is built once per list; lists are immutable, so it never goes stale.
    static readonly System.Runtime.CompilerServices.ConditionalWeakTable<ImmutableList<Participant>, Dictionary<string, Participant>> ParticipantsById = new();

    static Dictionary<string, Participant> Index(ImmutableList<Participant> participants)
    {
        var index = new Dictionary<string, Participant>(participants.Count);
        foreach (var p in participants) index.TryAdd(p.Id, p); // the first, as List.Find would give
        return index;
    }

    public BoardItem? FindItem(string id) => Items.Find(i => i.Id == id);

    public IEnumerable<Participant> Waiting => Participants.Where(p => p.Status == ParticipantStatus.Waiting);
    public IEnumerable<Participant> Admitted => Participants.Where(p => p.Status == ParticipantStatus.Admitted);
    public IEnumerable<BoardItem> ItemsIn(Category category) => Items.Where(i => i.Category == category);

    /// <summary>The facilitator who started the meeting, or a co-facilitator added since: both have full control.</summary>
    public bool IsFacilitator(Actor actor) =>
        actor.IsFacilitator && (actor.Id == FacilitatorId || Facilitation.CoFacilitators.Exists(c => c.AccountId == actor.Id));

    public bool IsAdmitted(Actor actor) =>
        actor.Kind == ActorKind.Participant && FindParticipant(actor.Id)?.Status == ParticipantStatus.Admitted;

    /// <summary>The name and role shown beside something a person did.</summary>
    public (string Name, string Role) Describe(Actor actor) => actor.Kind switch
    {
        ActorKind.Facilitator when actor.Id == FacilitatorId => (FacilitatorName, "Facilitator"),
        ActorKind.Facilitator when Facilitation.CoFacilitators.Find(c => c.AccountId == actor.Id) is { } co => (co.Name, "Co-facilitator"),
        ActorKind.Participant when FindParticipant(actor.Id) is { } p => (p.Name, p.Role),
        _ => ("Someone", ""),
    };
}
