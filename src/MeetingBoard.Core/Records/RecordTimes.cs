using System.Globalization;

namespace MeetingBoard.Records;

/// <summary>
/// Times as a record shows them, in the meeting's time zone: the time alone on the day the meeting
/// started, the date as well on any other day (a meeting left open overnight).
/// </summary>
public sealed class RecordTimes(TimeZoneInfo zone, DateTimeOffset startedAt)
{
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    readonly DateTime startDay = TimeZoneInfo.ConvertTime(startedAt, zone).Date;

    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone);

    public string DateAndTime(DateTimeOffset at) => Local(at).ToString("d MMMM yyyy, HH:mm", Invariant);

    public string Date(DateTimeOffset at) => Local(at).ToString("d MMMM yyyy", Invariant);

    public string Time(DateTimeOffset at)
    {
        var local = Local(at);
        return local.Date == startDay ? local.ToString("HH:mm", Invariant) : local.ToString("d MMMM yyyy, HH:mm", Invariant);
    }

    /// <summary>A due date: a day, with no time or zone.</summary>
    public static string Day(DateOnly day) => day.ToString("d MMMM yyyy", Invariant);
}
