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
                case CaseSection following:
                    CaseRecordText.WriteMarkdown(md, following, d, times, family: true);
                    break;
                case MapSection map:
                    foreach (var column in map.Columns)
                    {
                        md.Append("\n## ").Append(ColumnHeadings[column.Column]).Append('\n');
                        foreach (var category in column.Categories)
                        {
                            md.Append("\n### ").Append(CategoryHeadings[category.Category]).Append("\n\n");
                            if (category.Items.Count == 0)
                            {
                                md.Append(record.Sections.OfType<PracticeSection>().FirstOrDefault()?.Holds(category.Category) == true
                                    ? $"See “{FamilySectionFor(category.Category)}” below.\n"
                                    : "Nothing was written here.\n");
                                continue;
                            }
                            foreach (var item in category.Items)
                                // Added in an anonymous round: the family version keeps the promise made in the room.
                                md.Append("- ").Append(MarkdownText.Block(item.Text, 2))
                                  .Append(" — *").Append(item.Anonymous ? "Anonymous" : MarkdownText.Inline(item.Author.Name))
                                  .Append(item.FamilysWords ? ", in the family's own words" : "").Append("*\n");
                        }
                    }
                    break;
                case PracticeSection practice:
                    WritePractice(md, practice);
                    break;
                case ScalingSection scaling:
                    WriteScaling(md, scaling, times);
                    break;
                case DecisionSection decision:
                    WriteDecision(md, decision);
                    break;
                case FacilitationSection facilitation:
                    WriteFacilitation(md, facilitation);
                    break;
                default:
                    InMeetingSections.WriteFamily(md, section);
                    break;
            }
        }
        return md.ToString();
    }

    static string L(string text) => MarkdownText.Inline(text);

    static string FamilySectionFor(Category category) => category switch
    {
        Category.Harm => CategoryHeadings[Category.Harm] + ", in detail",
        Category.NextSteps => "Who will do what, and by when",
        // Goals are written under each worry, as what needs to be seen for it.
        _ => CategoryHeadings[Category.DangerStatements],
    };

    static string Cell(string text) => text.Trim().Length == 0 ? "—" : MarkdownText.Inline(text);

    static void WritePractice(StringBuilder md, PracticeSection p)
    {
        if (p.Statements.Count > 0)
        {
            md.Append("\n## ").Append(CategoryHeadings[Category.DangerStatements]).Append('\n');
            foreach (var s in p.Statements)
            {
                md.Append("\n### Worry ").Append(s.Number).Append("\n\n");
                md.Append(MarkdownText.Block(s.Sentence, 0)).Append(" — *").Append(L(s.Author.Name)).Append("*\n");
                md.Append("\n#### ").Append(CategoryHeadings[Category.SafetyGoals]).Append("\n\n");
                if (s.Goals.Count == 0) md.Append("Nothing was written here yet.\n");
                foreach (var g in s.Goals)
                    md.Append("- ").Append(MarkdownText.Block(g.Sentence, 2)).Append(" — *").Append(L(g.Author.Name)).Append("*\n");
                if (s.Disagreements.Count > 0)
                {
                    md.Append("\n#### Where the family sees it differently\n\n");
                    foreach (var d in s.Disagreements)
                        md.Append("- ").Append(MarkdownText.Block(d.View, 2)).Append(" — *").Append(L(d.By.Name)).Append("*\n");
                }
            }
        }
        if (p.Harm.Count > 0)
        {
            md.Append("\n## ").Append(CategoryHeadings[Category.Harm]).Append(", in detail\n");
            foreach (var h in p.Harm)
            {
                md.Append("\n- **What happened:** ").Append(L(h.Behaviour)).Append('\n');
                md.Append("  - **For how long:** ").Append(L(h.HowLong)).Append('\n');
                md.Append("  - **How often:** ").Append(L(h.HowOften)).Append('\n');
                md.Append("  - **The first time:** ").Append(L(h.First)).Append('\n');
                md.Append("  - **The worst time:** ").Append(L(h.Worst)).Append('\n');
                md.Append("  - **The last time:** ").Append(L(h.Last)).Append('\n');
                md.Append("  - **How it affected the children:** ").Append(L(h.Impact)).Append('\n');
            }
        }
        if (p.NextSteps.Count > 0)
        {
            md.Append("\n## Who will do what, and by when\n\n");
            md.Append("| Who | What they will do | By when | Done yet? | Does a manager need to agree it? |\n");
            md.Append("| --- | --- | --- | --- | --- |\n");
            foreach (var n in p.NextSteps)
                md.Append("| ").Append(Cell(n.Who)).Append(" | ").Append(Cell(n.Action)).Append(" | ").Append(RecordTimes.Day(n.Due))
                  .Append(" | ").Append(n.StatusName).Append(" | ").Append(n.NeedsSignOff ? "Yes" : "No").Append(" |\n");
        }
    }

    static void WriteScaling(StringBuilder md, ScalingSection scaling, RecordTimes times)
    {
        md.Append("\n## Numbers from 0 to 10\n\n");
        md.Append("Everyone was asked to give a number from 0 to 10 and say why. Nobody saw the numbers until they were all shown together.\n");
        var number = 0;
        foreach (var r in scaling.Rounds)
        {
            md.Append("\n### Question ").Append(++number).Append(": ").Append(L(r.Question)).Append("\n\n");
            md.Append("- **10 means:** ").Append(L(r.TenMeans)).Append('\n');
            md.Append("- **0 means:** ").Append(L(r.ZeroMeans)).Append('\n');
            if (r.DangerStatement is { } ds) md.Append("- **This was about the worry:** ").Append(L(ds)).Append('\n');
            foreach (var run in r.Runs)
            {
                md.Append('\n');
                if (r.Runs.Count > 1) md.Append("**").Append(Ordinal(run.Number)).Append("** ");
                if (!run.Revealed)
                {
                    md.Append("The numbers were not shown this time, so they are not written here.\n");
                    continue;
                }
                md.Append("The numbers were shown at ").Append(times.Time(run.RevealedAt!.Value)).Append(". ").Append(Spread(run)).Append("\n\n");
                foreach (var sc in run.Scores)
                {
                    md.Append("- **").Append(L(sc.Name)).Append("**: ").Append(sc.Passed ? "did not give a number" : sc.Score!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (sc.EnteredByFacilitator) md.Append(" (written in for them)");
                    md.Append('\n');
                    if (sc.Reason is { } reason) md.Append("  - Why: ").Append(MarkdownText.Block(reason, 4)).Append('\n');
                    if (sc.OneHigher is { } higher) md.Append("  - What would make it one higher: ").Append(MarkdownText.Block(higher, 4)).Append('\n');
                }
            }
        }
    }

    static string Ordinal(int n) => n switch
    {
        1 => "The first time this was asked:",
        2 => "The second time this was asked:",
        3 => "The third time this was asked:",
        _ => $"Time {n} this was asked:",
    };

    // "Median" and "range" are professional words: the family version says the same in everyday ones.
    static string Spread(RecordRun run) => run.Lowest is { } low && run.Highest is { } high && run.Median is { } median
        ? low == high
            ? $"Everyone who gave a number gave {low}."
            : $"The numbers went from {low} to {high}, and the middle number was {median.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)}."
        : "Nobody gave a number.";

    static void WriteDecision(StringBuilder md, DecisionSection d)
    {
        md.Append("\n## What was decided\n\n").Append(MarkdownText.Block(d.Text, 0)).Append('\n');
        md.Append("\n## Who agreed and who did not\n\n");
        if (d.Views.Count == 0) md.Append("Nobody said yet.\n");
        foreach (var v in d.Views)
        {
            md.Append("- ").Append(L(v.Person.Name)).Append(v.Agrees ? " agreed" : " did not agree");
            if (v.Reason is { } reason) md.Append(": ").Append(MarkdownText.Block(reason, 2));
            md.Append('\n');
        }
    }

    static void WriteFacilitation(StringBuilder md, FacilitationSection f)
    {
        var reached = f.Stages.Where(s => s.StartedAt.Count > 0).ToList();
        if (reached.Count == 0 && f.Questions.Count == 0) return;
        md.Append("\n## How the meeting went\n");
        if (reached.Count > 0)
        {
            md.Append("\nWe talked about these things, in this order:\n\n");
            foreach (var s in reached.OrderBy(s => s.StartedAt[0])) md.Append("- ").Append(L(s.Title)).Append('\n');
        }
        if (f.Questions.Count > 0)
        {
            md.Append("\n### Questions people asked\n\n");
            foreach (var q in f.Questions) md.Append("- ").Append(MarkdownText.Block(q.Text, 2)).Append(" — *").Append(L(q.Author.Name)).Append("*\n");
        }
    }
}
