using MeetingBoard.Board;
using MeetingBoard.Meetings;

namespace MeetingBoard.Facilitation;

/// <summary>What the facilitator does to run the meeting. Registered with their discriminators in Meetings/Events.cs.</summary>
public interface IFacilitationEvent : IMeetingEvent;

/// <summary>The meeting moved to this stage (forwards, back, or straight to any stage).</summary>
public sealed record StageStarted(string StageId, Actor By, DateTimeOffset At) : IFacilitationEvent;

public sealed record StageRenamed(string StageId, string Title, Actor By, DateTimeOffset At) : IFacilitationEvent;

/// <summary>The stage now sits at <see cref="Position"/> (from 0) in the order.</summary>
public sealed record StageMoved(string StageId, int Position, Actor By, DateTimeOffset At) : IFacilitationEvent;

public sealed record StageSkipped(string StageId, bool Skipped, Actor By, DateTimeOffset At) : IFacilitationEvent;

/// <summary>The categories open for contribution while this stage runs, all of them, replacing what was open before.</summary>
public sealed record StageCategoriesChanged(string StageId, IReadOnlyList<Category> Open, Actor By, DateTimeOffset At) : IFacilitationEvent;

public sealed record BoardLocked(Actor By, DateTimeOffset At) : IFacilitationEvent;

public sealed record BoardUnlocked(Actor By, DateTimeOffset At) : IFacilitationEvent;

/// <summary>A question for the presenter, asked while the group asks questions only.</summary>
public sealed record QuestionAsked(string QuestionId, string StageId, string Text, Actor By, DateTimeOffset At) : IFacilitationEvent;

/// <summary>Another facilitator account (a co-chair or a minute-taker) was given full control of this meeting.</summary>
public sealed record CoFacilitatorAdded(string AccountId, string Name, Actor By, DateTimeOffset At) : IFacilitationEvent;

/// <summary>Every view focuses on this item; the room screen shows it large.</summary>
public sealed record ItemSpotlighted(string ItemId, Actor By, DateTimeOffset At) : IFacilitationEvent;

public sealed record SpotlightCleared(Actor By, DateTimeOffset At) : IFacilitationEvent;

/// <summary>
/// A stage timer runs until <see cref="EndsAt"/>, an absolute time: every device counts down
/// locally from it, so nothing ticks on the server.
/// </summary>
public sealed record TimerStarted(int Seconds, DateTimeOffset EndsAt, Actor By, DateTimeOffset At) : IFacilitationEvent;

public sealed record TimerPaused(int RemainingSeconds, Actor By, DateTimeOffset At) : IFacilitationEvent;

public sealed record TimerResumed(DateTimeOffset EndsAt, Actor By, DateTimeOffset At) : IFacilitationEvent;

public sealed record TimerCleared(Actor By, DateTimeOffset At) : IFacilitationEvent;

/// <summary>Until the round ends, what people add is shown without their name to everyone but the facilitators.</summary>
public sealed record AnonymousRoundStarted(Actor By, DateTimeOffset At) : IFacilitationEvent;

public sealed record AnonymousRoundEnded(Actor By, DateTimeOffset At) : IFacilitationEvent;

/// <summary>Appended with the <c>ItemAdded</c> of an item added during an anonymous round. The author stays in the log for the record.</summary>
public sealed record ItemAddedAnonymously(string ItemId, DateTimeOffset At) : IFacilitationEvent;

/// <summary>Going round the room: everyone in <see cref="Order"/> speaks in turn, the first one now.</summary>
public sealed record TurnRoundStarted(IReadOnlyList<Actor> Order, Actor By, DateTimeOffset At) : IFacilitationEvent;

/// <summary><see cref="Speaker"/> finished or passed; the turn goes to the next in the order.</summary>
public sealed record TurnTaken(Actor Speaker, bool Passed, Actor By, DateTimeOffset At) : IFacilitationEvent;

public sealed record TurnRoundEnded(Actor By, DateTimeOffset At) : IFacilitationEvent;

/// <summary>A participant's part in a group supervision. Another presenter given the role makes the previous one part of the group.</summary>
public sealed record SupervisionRoleGiven(string ParticipantId, SupervisionRole Role, Actor By, DateTimeOffset At) : IFacilitationEvent;

/// <summary>The conference's decision. A new wording replaces the old one and clears the views given on it.</summary>
public sealed record DecisionRecorded(string Text, Actor By, DateTimeOffset At) : IFacilitationEvent;

/// <summary><see cref="Person"/> agrees or disagrees with the decision; <see cref="OnBehalf"/> when a facilitator recorded it for them.</summary>
public sealed record ViewOnDecisionRecorded(Actor Person, bool Agrees, string? Reason, bool OnBehalf, Actor By, DateTimeOffset At) : IFacilitationEvent;
