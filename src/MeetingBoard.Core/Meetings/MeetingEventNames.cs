namespace MeetingBoard.Meetings;

/// <summary>
/// The stored names of the meeting itself: creation, joining, items, closing, locking. These strings are in every database: never change one,
/// even when the class is renamed (the test <c>StoredEventNamesAreStable</c> holds them).
/// </summary>
public sealed class MeetingEventNames : IStoredEventNames
{
    public IEnumerable<StoredEventName> Names =>
    [
        new(typeof(MeetingCreated), "MeetingCreated"),
        new(typeof(ParticipantAskedToJoin), "ParticipantAskedToJoin"),
        new(typeof(ParticipantAdmitted), "ParticipantAdmitted"),
        new(typeof(ParticipantDeclined), "ParticipantDeclined"),
        new(typeof(ParticipantRemoved), "ParticipantRemoved"),
        new(typeof(ItemAdded), "ItemAdded"),
        new(typeof(ItemEdited), "ItemEdited"),
        new(typeof(ItemMoved), "ItemMoved"),
        new(typeof(ItemRemoved), "ItemRemoved"),
        new(typeof(MeetingClosed), "MeetingClosed"),
        new(typeof(MeetingLocked), "MeetingLocked"),
        new(typeof(MeetingUnlocked), "MeetingUnlocked"),
    ];
}
