namespace MeetingBoard.Meetings;

/// <summary>Stored in events by number: never reorder.</summary>
public enum MeetingType
{
    GroupSupervision = 1,
    ChildProtectionConference = 2,
    FamilyNetworkMeeting = 3,
}

public static class MeetingTypes
{
    public static string Name(MeetingType type) => type switch
    {
        MeetingType.GroupSupervision => "Group supervision",
        MeetingType.ChildProtectionConference => "Child protection conference",
        MeetingType.FamilyNetworkMeeting => "Family network meeting",
        _ => "Meeting",
    };

    public static MeetingType? Parse(string? value) =>
        Enum.TryParse<MeetingType>(value, ignoreCase: true, out var t) && Enum.IsDefined(t) ? t : null;
}
