using MeetingBoard.Board;

namespace MeetingBoard.Records;

/// <summary>
/// The timeline's sentences, shared by Markdown and plain text. <paramref name="literal"/> turns
/// what people typed into the target format's literal text (escaped for Markdown, as is for text).
/// </summary>
public static class RecordSentences
{
    public static string Person(RecordPerson? p, Func<string, string> literal) =>
        p is null ? "Someone" : p.Role.Length == 0 ? literal(p.Name) : $"{literal(p.Name)} ({literal(p.Role)})";

    public static string Category(Category? c) => c is { } category ? Map.Info(category).Title : "the map";

    public static string Describe(HistoryEntry h, Func<string, string> literal)
    {
        var by = Person(h.By, literal);
        var subject = Person(h.Subject, literal);
        var text = h.Text is null ? "an item" : $"“{literal(h.Text)}”";
        return h.Kind switch
        {
            HistoryKind.MeetingStarted => $"{by} started the meeting.",
            HistoryKind.AskedToJoin => $"{subject} asked to join.",
            HistoryKind.Admitted => $"{by} let {subject} in.",
            HistoryKind.Declined => $"{by} did not let {subject} in.",
            HistoryKind.Removed => $"{by} removed {subject} from the meeting.",
            HistoryKind.ItemAdded => $"{by} added to {Category(h.Category)}: {text}",
            HistoryKind.ItemChanged => $"{by} changed an item in {Category(h.Category)} to: {text}",
            HistoryKind.ItemMoved => $"{by} moved {text} from {Category(h.FromCategory)} to {Category(h.Category)}.",
            HistoryKind.ItemRemoved => $"{by} removed from {Category(h.Category)}: {text}",
            HistoryKind.MeetingClosed => $"{by} closed the meeting.",
            _ => $"{by} made a change.",
        };
    }

    public static string Standing(Attendee a, RecordTimes times) => a.Standing switch
    {
        AttendeeStanding.Facilitator => "led the meeting",
        AttendeeStanding.TookPart => $"let in at {times.Time(a.AdmittedAt ?? a.AskedAt)}",
        AttendeeStanding.Waiting => $"asked to join at {times.Time(a.AskedAt)}, still waiting",
        AttendeeStanding.Declined => $"asked to join at {times.Time(a.AskedAt)}, not let in ({times.Time(a.DeclinedAt ?? a.AskedAt)})",
        AttendeeStanding.Removed => a.AdmittedAt is { } admitted
            ? $"let in at {times.Time(admitted)}, removed at {times.Time(a.LeftAt ?? admitted)}"
            : $"removed at {times.Time(a.LeftAt ?? a.AskedAt)}",
        _ => "",
    };
}
