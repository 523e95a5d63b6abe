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
                case CaseSection following:
                    CaseRecordText.WriteMarkdown(md, following, d, times, family: false);
                    break;
                case MapSection map:
                    WriteMap(md, map, times, record.Sections.OfType<PracticeSection>().FirstOrDefault());
                    break;
                case PracticeSection practice:
                    WritePractice(md, practice, times);
                    break;
                case ScalingSection scaling:
                    WriteScaling(md, scaling, times);
                    break;
                case DecisionSection decision:
                    WriteDecision(md, decision, times);
                    break;
                case FacilitationSection facilitation:
                    WriteFacilitation(md, facilitation, times);
                    break;
                default:
                    InMeetingSections.WriteMarkdown(md, section, times);
                    break;
            }
        }

        md.Append("\n## How and when things were decided\n\n");
        foreach (var h in record.History)
            md.Append("- ").Append(times.Time(h.At)).Append(" — ").Append(RecordSentences.Describe(h, MarkdownText.Inline)).Append('\n');
        return md.ToString();
    }

    static void WriteMap(StringBuilder md, MapSection map, RecordTimes times, PracticeSection? practice)
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
                    md.Append(practice?.Holds(category.Category) == true ? $"See “{SectionFor(category.Category, practice)}” below.\n" : "Nothing recorded.\n");
                    continue;
                }
                foreach (var item in category.Items)
                {
                    md.Append("- ").Append(MarkdownText.Block(item.Text, 2)).Append(" — *")
                      .Append(RecordSentences.Person(item.Author, MarkdownText.Inline)).Append(", ").Append(times.Time(item.AddedAt));
                    if (item.EditedAt is { } edited) md.Append(", changed ").Append(times.Time(edited));
                    if (item.MovedAt is { } moved) md.Append(", moved ").Append(times.Time(moved));
                    if (item.Anonymous) md.Append(", added in an anonymous round");
                    if (item.FamilysWords) md.Append(", in the family's words");
                    md.Append("*\n");
                }
            }
        }
    }

    static string L(string text) => MarkdownText.Inline(text);

    // A table cell: one line, escaped (pipes included), never empty so the row keeps its shape.
    static string Cell(string text) => text.Trim().Length == 0 ? "—" : MarkdownText.Inline(text);

    /// <summary>The heading of the section below that holds a category's content (as <see cref="WritePractice"/> names it).</summary>
    internal static string SectionFor(MeetingBoard.Board.Category category, PracticeSection p) => category switch
    {
        MeetingBoard.Board.Category.Harm => "Harm matrix",
        MeetingBoard.Board.Category.NextSteps => "Next steps",
        _ => $"{p.Words.DangerStatements} and {p.Words.SafetyGoals.ToLowerInvariant()}",
    };

    static void WritePractice(StringBuilder md, PracticeSection p, RecordTimes times)
    {
        var w = p.Words;
        md.Append("\n## ").Append(w.DangerStatements).Append(" and ").Append(w.SafetyGoals.ToLowerInvariant()).Append("\n\n");
        md.Append("Wording: ").Append(p.Frame).Append(".\n");
        if (p.Statements.Count == 0) md.Append("\nNo ").Append(w.DangerStatements.ToLowerInvariant()).Append(" were written.\n");
        foreach (var s in p.Statements)
        {
            md.Append("\n### ").Append(w.DangerStatement).Append(' ').Append(s.Number).Append("\n\n");
            md.Append(MarkdownText.Block(s.Sentence, 0)).Append("\n\n");
            md.Append("*").Append(RecordSentences.Person(s.Author, L)).Append(", ").Append(times.Time(s.AddedAt));
            if (s.EditedAt is { } edited) md.Append(", changed ").Append(times.Time(edited));
            md.Append("*\n");
            md.Append("\n#### ").Append(w.SafetyGoals).Append("\n\n");
            if (s.Goals.Count == 0) md.Append("None yet.\n");
            foreach (var g in s.Goals)
            {
                md.Append("- ").Append(MarkdownText.Block(g.Sentence, 2)).Append(" — *").Append(RecordSentences.Person(g.Author, L))
                  .Append(", ").Append(times.Time(g.AddedAt));
                if (g.EditedAt is { } ge) md.Append(", changed ").Append(times.Time(ge));
                md.Append("*\n");
            }
            if (s.Disagreements.Count > 0)
            {
                md.Append("\n#### Where the family disagrees\n\n");
                foreach (var d in s.Disagreements)
                    md.Append("- ").Append(MarkdownText.Block(d.View, 2)).Append(" — *").Append(RecordSentences.Person(d.By, L))
                      .Append(", ").Append(times.Time(d.At)).Append("*\n");
            }
        }
        if (p.Harm.Count > 0)
        {
            md.Append("\n## Harm matrix\n\n");
            md.Append("| Behaviour | How long | How often | First | Worst | Last | Impact on the child | Added by |\n");
            md.Append("| --- | --- | --- | --- | --- | --- | --- | --- |\n");
            foreach (var h in p.Harm)
                md.Append("| ").Append(Cell(h.Behaviour)).Append(" | ").Append(Cell(h.HowLong)).Append(" | ").Append(Cell(h.HowOften))
                  .Append(" | ").Append(Cell(h.First)).Append(" | ").Append(Cell(h.Worst)).Append(" | ").Append(Cell(h.Last))
                  .Append(" | ").Append(Cell(h.Impact)).Append(" | ").Append(RecordSentences.Person(h.Author, Cell)).Append(", ")
                  .Append(times.Time(h.AddedAt)).Append(" |\n");
        }
        if (p.NextSteps.Count > 0)
        {
            md.Append("\n## Next steps\n\n");
            md.Append("| Who | What | By when | Status | Needs manager sign-off |\n");
            md.Append("| --- | --- | --- | --- | --- |\n");
            foreach (var n in p.NextSteps)
                md.Append("| ").Append(Cell(n.Who)).Append(" | ").Append(Cell(n.Action)).Append(" | ").Append(RecordTimes.Day(n.Due))
                  .Append(" | ").Append(n.StatusName).Append(" | ").Append(n.NeedsSignOff ? "Yes" : "No").Append(" |\n");
        }
    }

    static void WriteScaling(StringBuilder md, ScalingSection scaling, RecordTimes times)
    {
        md.Append("\n## Scaling\n");
        var number = 0;
        foreach (var r in scaling.Rounds)
        {
            md.Append("\n### Scaling round ").Append(++number).Append("\n\n");
            md.Append("- **Question:** ").Append(L(r.Question)).Append('\n');
            md.Append("- **10 means:** ").Append(L(r.TenMeans)).Append('\n');
            md.Append("- **0 means:** ").Append(L(r.ZeroMeans)).Append('\n');
            md.Append("- **About:** ").Append(r.DangerStatement is { } ds
                ? (r.DangerStatementName is { } name ? $"{name.ToLowerInvariant()}, " : "") + $"“{L(ds)}”"
                : "the whole case").Append('\n');
            md.Append("- **Started:** ").Append(times.Time(r.StartedAt))
              .Append(r.ClosedAt is { } closed ? ", closed " + times.Time(closed) : ", not closed").Append('\n');
            foreach (var run in r.Runs)
            {
                md.Append("\n#### Run ").Append(run.Number).Append(", started ").Append(times.Time(run.StartedAt)).Append("\n\n");
                if (!run.Revealed)
                {
                    md.Append("Not revealed. The scores of this run were never shown, so they are not in the record.\n");
                    continue;
                }
                md.Append("Revealed at ").Append(times.Time(run.RevealedAt!.Value)).Append(". ").Append(RecordText.Summary(run)).Append("\n\n");
                foreach (var sc in run.Scores)
                {
                    md.Append("- **").Append(L(sc.Name)).Append("**");
                    if (sc.Role.Length > 0) md.Append(" (").Append(L(sc.Role)).Append(')');
                    md.Append(", ").Append(sc.GroupName.ToLowerInvariant()).Append(": ")
                      .Append(sc.Passed ? "passed" : sc.Score!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (sc.EnteredByFacilitator) md.Append(" *(entered by ").Append(L(sc.EnteredBy.Name)).Append(" on their behalf)*");
                    md.Append('\n');
                    if (sc.Reason is { } reason) md.Append("  - Why: ").Append(MarkdownText.Block(reason, 4)).Append('\n');
                    if (sc.OneHigher is { } higher) md.Append("  - One point higher: ").Append(MarkdownText.Block(higher, 4)).Append('\n');
                }
            }
        }
    }

    static void WriteDecision(StringBuilder md, DecisionSection d, RecordTimes times)
    {
        md.Append("\n## Decision\n\n");
        md.Append(MarkdownText.Block(d.Text, 0)).Append("\n\n*Recorded by ").Append(RecordSentences.Person(d.RecordedBy, L))
          .Append(", ").Append(times.Time(d.RecordedAt)).Append("*\n");
        md.Append("\n### Views on the decision\n\n");
        if (d.Views.Count == 0) md.Append("Nobody recorded a view.\n");
        foreach (var v in d.Views)
        {
            md.Append("- ").Append(RecordSentences.Person(v.Person, L)).Append(": ").Append(v.Agrees ? "agrees" : "disagrees");
            if (v.RecordedByFacilitator) md.Append(" (recorded by the facilitator)");
            if (v.Reason is { } reason) md.Append(" — ").Append(MarkdownText.Block(reason, 2));
            md.Append('\n');
        }
    }

    static void WriteFacilitation(StringBuilder md, FacilitationSection f, RecordTimes times)
    {
        md.Append("\n## How the meeting was run\n");
        if (f.Stages.Count > 0)
        {
            md.Append("\n### Stages\n\n");
            foreach (var s in f.Stages)
                md.Append("- ").Append(L(s.Title)).Append(" — ").Append(RecordText.StageNote(s, times)).Append('\n');
        }
        if (f.Questions.Count > 0)
        {
            md.Append("\n### Questions asked\n\n");
            foreach (var q in f.Questions)
                md.Append("- ").Append(MarkdownText.Block(q.Text, 2)).Append(" — *").Append(RecordSentences.Person(q.Author, L))
                  .Append(", ").Append(times.Time(q.AskedAt)).Append("*\n");
        }
        if (f.CoFacilitators.Count > 0)
        {
            md.Append("\n### Co-facilitators\n\n");
            foreach (var c in f.CoFacilitators)
                md.Append("- ").Append(L(c.Name)).Append(", from ").Append(times.Time(c.AddedAt)).Append('\n');
        }
        if (f.Roles.Count > 0)
        {
            md.Append("\n### Roles\n\n");
            foreach (var r in f.Roles)
                md.Append("- ").Append(RecordSentences.Person(r.Person, L)).Append(": ").Append(r.RoleName).Append('\n');
        }
    }
}
