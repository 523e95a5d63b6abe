using MeetingBoard.Meetings;

namespace MeetingBoard.Facilitation;

/// <summary>The facilitator's controls. Raw form values arrive as typed; the decision checks them.</summary>
public abstract record FacilitationCommand(Actor By, DateTimeOffset At) : MeetingCommand(By, At);

/// <summary>
/// Names the stage to go to, not "next": a double click on Next, or two facilitators pressing it
/// together, lands on the same stage instead of moving on twice.
/// </summary>
public sealed record GoToStage(string? StageId, Actor By, DateTimeOffset At) : FacilitationCommand(By, At);

public sealed record RenameStage(string StageId, string? Title, Actor By, DateTimeOffset At) : FacilitationCommand(By, At);

/// <summary><see cref="Direction"/> is "up" (earlier) or "down" (later).</summary>
public sealed record MoveStage(string StageId, string? Direction, Actor By, DateTimeOffset At) : FacilitationCommand(By, At);

public sealed record SkipStage(string StageId, bool Skip, Actor By, DateTimeOffset At) : FacilitationCommand(By, At);

/// <summary>Sets every open category of a stage at once (the stage editor's checkboxes).</summary>
public sealed record SetStageCategories(string StageId, IReadOnlyList<string> Categories, Actor By, DateTimeOffset At) : FacilitationCommand(By, At);

/// <summary>Opens or closes one category for the stage that is running now (the board's own control).</summary>
public sealed record SetCategoryOpen(string? Category, bool Open, Actor By, DateTimeOffset At) : FacilitationCommand(By, At);

public sealed record LockBoard(bool Locked, Actor By, DateTimeOffset At) : FacilitationCommand(By, At);

public sealed record AskQuestion(string QuestionId, string? Text, Actor By, DateTimeOffset At) : FacilitationCommand(By, At);

/// <summary>The endpoint has found the account by email; a null id means there is no such account.</summary>
public sealed record AddCoFacilitator(string? AccountId, string? Name, Actor By, DateTimeOffset At) : FacilitationCommand(By, At);

/// <summary>A null item clears the spotlight.</summary>
public sealed record SpotlightItem(string? ItemId, Actor By, DateTimeOffset At) : FacilitationCommand(By, At);

public sealed record StartTimer(string? Minutes, string? Seconds, Actor By, DateTimeOffset At) : FacilitationCommand(By, At);

public enum TimerAction { Pause, Resume, Clear }

public sealed record ChangeTimer(TimerAction Action, Actor By, DateTimeOffset At) : FacilitationCommand(By, At);

public sealed record SetAnonymousRound(bool Anonymous, Actor By, DateTimeOffset At) : FacilitationCommand(By, At);

public sealed record StartTurnRound(Actor By, DateTimeOffset At) : FacilitationCommand(By, At);

/// <summary>
/// Ends the turn of <see cref="SpeakerKey"/> (the speaker the button was shown for): when the turn
/// has already moved on, nothing happens, so a double press never skips the next person.
/// </summary>
public sealed record EndTurn(string? SpeakerKey, bool Pass, Actor By, DateTimeOffset At) : FacilitationCommand(By, At);

public sealed record EndTurnRound(Actor By, DateTimeOffset At) : FacilitationCommand(By, At);

public sealed record GiveSupervisionRole(string ParticipantId, string? Role, Actor By, DateTimeOffset At) : FacilitationCommand(By, At);

/// <summary>The conference's decision, in the facilitator's words. Recording it again replaces it.</summary>
public sealed record RecordDecision(string? Text, Actor By, DateTimeOffset At) : FacilitationCommand(By, At);

/// <summary>
/// A person's view on the decision: <see cref="View"/> is "agree" or "disagree", with an optional
/// reason in their own words. <see cref="OnBehalfOf"/> names the participant a facilitator speaks for
/// (someone without a device); null means the view is the sender's own.
/// </summary>
public sealed record RecordViewOnDecision(string? View, string? Reason, string? OnBehalfOf, Actor By, DateTimeOffset At) : FacilitationCommand(By, At);
