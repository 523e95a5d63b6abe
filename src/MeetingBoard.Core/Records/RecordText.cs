using System.Text;

namespace MeetingBoard.Records;

/// <summary>
/// The record as plain text for pasting into a case management system's forms: one block per
/// category in mapping order, no markup, what people typed exactly as they typed it.
/// </summary>
public static class RecordText
{
    public static string Write(MeetingRecord record, TimeZoneInfo zone)
    {
        var d = record.Details;
        var times = new RecordTimes(zone, d.StartedAt);
        var t = new StringBuilder();
        Line(t, d.Title);
        Line(t);
        Line(t, $"Type of meeting: {d.TypeName}");
        if (d.CaseReference is { } caseReference) Line(t, $"Case reference: {caseReference}");
        Line(t, $"Facilitator: {d.FacilitatorName}");
        Line(t, $"Started: {times.DateAndTime(d.StartedAt)}");
        Line(t, $"Closed: {(d.ClosedAt is { } closed ? times.DateAndTime(closed) : "not yet, the meeting is still open")}");
        Line(t, $"This record: made {times.DateAndTime(d.ProducedAt)}, showing {d.Version} {(d.Version == 1 ? "change" : "changes")}");

        Heading(t, "WHO WAS THERE");
        foreach (var a in record.Attendees)
            Line(t, $"{RecordSentences.Person(new(default, a.Id, a.Name, a.Role), s => s)}: {RecordSentences.Standing(a, times)}");

        foreach (var section in record.Sections)
        {
            switch (section)
            {
                case MapSection map:
                    foreach (var column in map.Columns)
                    {
                        Heading(t, column.Title.ToUpperInvariant());
                        foreach (var category in column.Categories)
                        {
                            Line(t);
                            Line(t, category.Title);
                            if (category.Items.Count == 0) Line(t, "Nothing recorded.");
                            foreach (var item in category.Items)
                            {
                                var lines = item.Text.Replace("\r\n", "\n").Split('\n');
                                Line(t, "- " + lines[0]);
                                foreach (var more in lines.Skip(1)) Line(t, "  " + more);
                                var note = $"  Added by {RecordSentences.Person(item.Author, s => s)} at {times.Time(item.AddedAt)}";
                                if (item.EditedAt is { } edited) note += $", changed at {times.Time(edited)}";
                                if (item.MovedAt is { } moved) note += $", moved here at {times.Time(moved)}";
                                Line(t, note + ".");
                            }
                        }
                    }
                    break;
            }
        }

        Heading(t, "HOW AND WHEN THINGS WERE DECIDED");
        foreach (var h in record.History)
            // One line per step: line breaks inside what people typed become spaces here (the map keeps them).
            Line(t, $"{times.Time(h.At)}  {RecordSentences.Describe(h, s => s.ReplaceLineEndings(" "))}");
        return t.ToString();
    }

    static void Heading(StringBuilder t, string heading)
    {
        Line(t);
        Line(t, heading);
        Line(t, new string('=', heading.Length));
    }

    // Always "\n", whatever the server runs on, so the golden files and downloads are the same everywhere.
    static void Line(StringBuilder t, string text = "") => t.Append(text).Append('\n');
}
