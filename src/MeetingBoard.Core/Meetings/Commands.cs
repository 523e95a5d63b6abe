using MeetingBoard.Board;

namespace MeetingBoard.Meetings;

/// <summary>
/// A request to change a meeting. Ids and times are chosen by the caller so that deciding stays pure.
/// Raw text arrives as typed; the decision cleans and checks it.
/// </summary>
public abstract record MeetingCommand(Actor By, DateTimeOffset At);

public sealed record CreateMeeting(
    string MeetingId,
    string? Type,
    string? Title,
    string? CaseReference,
    string FacilitatorName,
    string JoinCode,
    string ScreenKey,
    Actor By,
    DateTimeOffset At,
    bool AdmitAutomatically = false,
    string? CaseId = null) : MeetingCommand(By, At);

public sealed record AskToJoin(string ParticipantId, string? Name, string? Role, string SecretHash, Actor By, DateTimeOffset At)
    : MeetingCommand(By, At);

public sealed record AdmitParticipant(string ParticipantId, Actor By, DateTimeOffset At) : MeetingCommand(By, At);

public sealed record DeclineParticipant(string ParticipantId, Actor By, DateTimeOffset At) : MeetingCommand(By, At);

public sealed record RemoveParticipant(string ParticipantId, Actor By, DateTimeOffset At) : MeetingCommand(By, At);

public sealed record AddItem(string ItemId, string? Category, string? Text, Actor By, DateTimeOffset At) : MeetingCommand(By, At);

public sealed record EditItem(string ItemId, string? Text, Actor By, DateTimeOffset At) : MeetingCommand(By, At);

public sealed record MoveItem(string ItemId, string? Category, Actor By, DateTimeOffset At) : MeetingCommand(By, At);

public sealed record RemoveItem(string ItemId, Actor By, DateTimeOffset At) : MeetingCommand(By, At);

/// <summary><see cref="IdleHours"/>: closed by the retention sweep, on the facilitator's behalf, after that many idle hours.</summary>
public sealed record CloseMeeting(Actor By, DateTimeOffset At, int? IdleHours = null) : MeetingCommand(By, At);

/// <summary>Nobody new can ask to join; those already in, waiting or removed keep their standing.</summary>
public sealed record LockMeeting(Actor By, DateTimeOffset At) : MeetingCommand(By, At);

public sealed record UnlockMeeting(Actor By, DateTimeOffset At) : MeetingCommand(By, At);
