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
