using System.Text;
using MeetingBoard.Board;

namespace MeetingBoard.Records;

/// <summary>
/// The record for the family, as Markdown, in plain words (DOMAIN.md: "be honest with families",
/// "plain language, no jargon", "firm but incredibly kind"). It keeps what was said and who said it,
/// and leaves out what only professionals need: ids, the case reference, the timeline, and who was
/// not let in or removed. Headings use everyday words instead of the practice terms; see
/// docs/records.md for why each one was chosen.
/// </summary>
public static class FamilyRecord
{
    public static readonly IReadOnlyDictionary<Column, string> ColumnHeadings = new Dictionary<Column, string>
    {
        [Column.Worried] = "What we are worried about",
        [Column.WorkingWell] = "What is going well",
        [Column.NeedsToHappen] = "What needs to happen",
    };

    public static readonly IReadOnlyDictionary<Category, string> CategoryHeadings = new Dictionary<Category, string>
    {
        [Category.Harm] = "What has happened",
        [Category.DangerStatements] = "What we are worried could happen if nothing changes",
        [Category.ComplicatingFactors] = "Things that make it harder",
        [Category.ExistingStrengths] = "Good things in and around the family",
        [Category.ExistingSafety] = "What has already helped keep the children safe",
        [Category.SafetyGoals] = "What we all need to see",
        [Category.NextSteps] = "What happens next, and who will do it",
    };

    public static string Write(MeetingRecord record, TimeZoneInfo zone)
    {
        var d = record.Details;
        var times = new RecordTimes(zone, d.StartedAt);
        var md = new StringBuilder();
        md.Append("# ").Append(MarkdownText.Inline(d.Title)).Append("\n\n");
        md.Append("This is what was written down at the ").Append(d.TypeName.ToLowerInvariant())
          .Append(" on ").Append(times.Date(d.StartedAt)).Append(", led by ").Append(MarkdownText.Inline(d.FacilitatorName))
          .Append(". It uses the words people used at the meeting, and says who said each thing.")
          .Append(d.ClosedAt is null ? " The meeting had not finished when this was written, so more may be added." : "")
          .Append("\n\n");
        md.Append("If anything here is unclear or you think something is wrong, please ask ")
          .Append(MarkdownText.Inline(d.FacilitatorName)).Append(". It is fine to ask.\n");

        md.Append("\n## Who was there\n\n");
        foreach (var a in record.Attendees.Where(a => a.Standing is AttendeeStanding.Facilitator or AttendeeStanding.TookPart or AttendeeStanding.Removed))
        {
            md.Append("- ").Append(MarkdownText.Inline(a.Name));
            md.Append(a.Standing == AttendeeStanding.Facilitator ? ", who led the meeting" : $" ({MarkdownText.Inline(a.Role)})");
            md.Append('\n');
        }

        foreach (var section in record.Sections)
        {
            switch (section)
            {
                case MapSection map:
                    foreach (var column in map.Columns)
                    {
                        md.Append("\n## ").Append(ColumnHeadings[column.Column]).Append('\n');
                        foreach (var category in column.Categories)
                        {
                            md.Append("\n### ").Append(CategoryHeadings[category.Category]).Append("\n\n");
                            if (category.Items.Count == 0)
                            {
                                md.Append("Nothing was written here.\n");
                                continue;
                            }
                            foreach (var item in category.Items)
                                md.Append("- ").Append(MarkdownText.Block(item.Text, 2))
                                  .Append(" — *").Append(MarkdownText.Inline(item.Author.Name)).Append("*\n");
                        }
                    }
                    break;
            }
        }
        return md.ToString();
    }
}
