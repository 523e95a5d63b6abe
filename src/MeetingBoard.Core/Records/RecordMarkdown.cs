using System.Text;

namespace MeetingBoard.Records;

/// <summary>
/// The full record as Markdown: the source of the print view. Everything people typed goes through
/// <see cref="MarkdownText"/>, so it stays literal whatever it contains.
/// </summary>
public static class RecordMarkdown
{
    public static string Write(MeetingRecord record, TimeZoneInfo zone)
    {
        var d = record.Details;
        var times = new RecordTimes(zone, d.StartedAt);
        var md = new StringBuilder();
        md.Append("# ").Append(MarkdownText.Inline(d.Title)).Append("\n\n");
        md.Append("- **Type of meeting:** ").Append(d.TypeName).Append('\n');
        if (d.CaseReference is { } caseReference)
            md.Append("- **Case reference:** ").Append(MarkdownText.Inline(caseReference)).Append('\n');
        md.Append("- **Facilitator:** ").Append(MarkdownText.Inline(d.FacilitatorName)).Append('\n');
        md.Append("- **Started:** ").Append(times.DateAndTime(d.StartedAt)).Append('\n');
        md.Append("- **Closed:** ").Append(d.ClosedAt is { } closed ? times.DateAndTime(closed) : "not yet, the meeting is still open").Append('\n');
        md.Append("- **This record:** made ").Append(times.DateAndTime(d.ProducedAt)).Append(", showing ")
          .Append(d.Version).Append(d.Version == 1 ? " change" : " changes").Append('\n');

        md.Append("\n## Who was there\n\n");
        foreach (var a in record.Attendees)
            md.Append("- ").Append(RecordSentences.Person(new(default, a.Id, a.Name, a.Role), MarkdownText.Inline))
              .Append(" — ").Append(RecordSentences.Standing(a, times)).Append('\n');

        foreach (var section in record.Sections)
        {
            switch (section)
            {
                case MapSection map:
                    WriteMap(md, map, times);
                    break;
            }
        }

        md.Append("\n## How and when things were decided\n\n");
        foreach (var h in record.History)
            md.Append("- ").Append(times.Time(h.At)).Append(" — ").Append(RecordSentences.Describe(h, MarkdownText.Inline)).Append('\n');
        return md.ToString();
    }

    static void WriteMap(StringBuilder md, MapSection map, RecordTimes times)
    {
        md.Append("\n## The map\n");
        foreach (var column in map.Columns)
        {
            md.Append("\n### ").Append(column.Title).Append('\n');
            foreach (var category in column.Categories)
            {
                md.Append("\n#### ").Append(category.Title).Append("\n\n");
                if (category.Items.Count == 0)
                {
                    md.Append("Nothing recorded.\n");
                    continue;
                }
                foreach (var item in category.Items)
                {
                    md.Append("- ").Append(MarkdownText.Block(item.Text, 2)).Append(" — *")
                      .Append(RecordSentences.Person(item.Author, MarkdownText.Inline)).Append(", ").Append(times.Time(item.AddedAt));
                    if (item.EditedAt is { } edited) md.Append(", changed ").Append(times.Time(edited));
                    if (item.MovedAt is { } moved) md.Append(", moved ").Append(times.Time(moved));
                    md.Append("*\n");
                }
            }
        }
    }
}
