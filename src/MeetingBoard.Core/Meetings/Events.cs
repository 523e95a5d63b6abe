using MeetingBoard.Board;

namespace MeetingBoard.Meetings;

/// <summary>
/// Everything that happens in a meeting is one of these, appended to the meeting's stream.
/// Each one's stored name (the <c>type</c> column and the JSON <c>$type</c>) comes from
/// <see cref="StoredEventNames"/>, never from the class name: rename a class freely, never its stored name.
/// </summary>
public interface IMeetingEvent
{
    DateTimeOffset At { get; }
}

public sealed record MeetingCreated(
    string MeetingId,
    MeetingType Type,
    string Title,
    string? CaseReference,
    string FacilitatorId,
    string FacilitatorName,
    string JoinCode,
    string ScreenKey,
    DateTimeOffset At,
    bool AdmitsAutomatically = false,
    string? CaseId = null) : IMeetingEvent;

/// <summary>Only a hash of the participant's secret is kept; the secret itself lives in their cookie.</summary>
public sealed record ParticipantAskedToJoin(string ParticipantId, string Name, string Role, string SecretHash, DateTimeOffset At) : IMeetingEvent;

public sealed record ParticipantAdmitted(string ParticipantId, Actor By, DateTimeOffset At) : IMeetingEvent;

public sealed record ParticipantDeclined(string ParticipantId, Actor By, DateTimeOffset At) : IMeetingEvent;

public sealed record ParticipantRemoved(string ParticipantId, Actor By, DateTimeOffset At) : IMeetingEvent;

public sealed record ItemAdded(string ItemId, Category Category, string Text, Actor By, DateTimeOffset At) : IMeetingEvent;

public sealed record ItemEdited(string ItemId, string Text, Actor By, DateTimeOffset At) : IMeetingEvent;

public sealed record ItemMoved(string ItemId, Category From, Category To, Actor By, DateTimeOffset At) : IMeetingEvent;

public sealed record ItemRemoved(string ItemId, Actor By, DateTimeOffset At) : IMeetingEvent;

/// <summary><see cref="IdleHours"/> is set when the retention sweep closed it after that many hours with no change.</summary>
public sealed record MeetingClosed(Actor By, DateTimeOffset At, int? IdleHours = null) : IMeetingEvent;

public sealed record MeetingLocked(Actor By, DateTimeOffset At) : IMeetingEvent;

public sealed record MeetingUnlocked(Actor By, DateTimeOffset At) : IMeetingEvent;
