using MeetingBoard.Board;
using MeetingBoard.Cases;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;

namespace MeetingBoard.Records;

/// <summary>
/// The meeting as one of its case's meetings (Core/Cases): what it carried from the last meeting and
/// from when, how it reviewed the last meeting's next steps, the prepared questions it asked, and the
/// case's scaling series up to this meeting (group figures only: no one's name).
/// </summary>
public sealed record CaseSection(
    DateOnly? CarriedFromDay,
    IReadOnlyList<RecordCarried> Carried,
    IReadOnlyList<RecordStepReview> StepReviews,
    IReadOnlyList<RecordPreparedQuestion> QuestionsAsked,
    IReadOnlyList<PastSeries> Series) : RecordSection
{
    public static CaseSection? Of(MeetingState state, Func<Actor, RecordPerson> describe)
    {
        var c = state.Continuity;
        var p = state.Practice;
        var carried = new List<RecordCarried>();
        foreach (var s in p.Statements)
            if (c.FromDay(s.Id) is { } day) carried.Add(new RecordCarried(s.Id, p.Words.DangerStatement, s.Sentence, day));
        foreach (var g in p.Goals)
            if (c.FromDay(g.Id) is { } day) carried.Add(new RecordCarried(g.Id, p.Words.SafetyGoal, g.Sentence, day));
        foreach (var i in state.Items)
            if (c.FromDay(i.Id) is { } day) carried.Add(new RecordCarried(i.Id, Map.Info(i.Category).Title, i.Text, day));
        var reviews = c.StepsToReview.Select(s => new RecordStepReview(s.Step.Id, s.Step.PersonName, s.Step.Action, s.Step.Due,
            NextStepStatuses.Name(s.Step.StatusThen), s.Step.From, s.Review?.Outcome, s.Review is { } r ? StepOutcomes.Name(r.Outcome) : "Not reviewed",
            s.Review?.Why, s.Review is { } by ? describe(by.By) : null, s.Review?.At)).ToList();
        var asked = c.Asked.Select(q => new RecordPreparedQuestion(q.Id, q.Kind == PreparedKind.ScalingQuestion ? "Scaling question" : "Best question",
            q.Text, q.For, q.TenMeans, q.ZeroMeans, q.FirstShownAt!.Value)).ToList();
        // A day for this meeting's own points: its date in UTC here; the writers print it in the meeting's zone.
        var series = Trajectories.Of(state, at => DateOnly.FromDateTime(at.UtcDateTime));
        if (c.CarriedFromDay is null && carried.Count == 0 && reviews.Count == 0 && asked.Count == 0 && series.IsEmpty) return null;
        return new CaseSection(c.CarriedFromDay, carried, reviews, asked, series);
    }
}

public sealed record RecordCarried(string Id, string What, string Text, DateOnly From);

public sealed record RecordStepReview(
    string Id, string Who, string Action, DateOnly Due, string StatusThen, DateOnly From,
    StepOutcome? Outcome, string OutcomeName, string? Why, RecordPerson? ReviewedBy, DateTimeOffset? ReviewedAt);

public sealed record RecordPreparedQuestion(string Id, string Kind, string Text, string? For, string? TenMeans, string? ZeroMeans, DateTimeOffset FirstAskedAt);

/// <summary>How every format writes the case section: Markdown (the record and, in plainer words, the family's), and plain text.</summary>
public static class CaseRecordText
{
    static string L(string text) => MarkdownText.Inline(text);
    static string Cell(string text) => text.Trim().Length == 0 ? "—" : MarkdownText.Inline(text);

    public static void WriteMarkdown(System.Text.StringBuilder md, CaseSection c, RecordDetails d, RecordTimes times, bool family)
    {
        md.Append(family ? "\n## Since the last meeting\n" : "\n## Following the case\n");
        if (c.CarriedFromDay is { } from)
            md.Append('\n').Append(family
                ? $"This meeting started from what was written at the meeting on {RecordTimes.Day(from)}."
                : $"This meeting started from the meeting of {RecordTimes.Day(from)}: its statements, goals, existing safety and strengths, and its next steps to review.").Append('\n');
        if (c.Carried.Count > 0)
        {
            md.Append(family ? "\n### Brought from earlier meetings\n\n" : "\n### Carried from earlier meetings\n\n");
            foreach (var x in c.Carried)
                md.Append("- **").Append(L(x.What)).Append(":** ").Append(MarkdownText.Block(x.Text, 2)).Append(" *(from ").Append(RecordTimes.Day(x.From)).Append(")*\n");
        }
        if (c.StepReviews.Count > 0)
        {
            md.Append(family ? "\n### What was agreed last time, and how it went\n\n" : "\n### Next steps from the last meeting\n\n");
            md.Append("| Who | What | By when | Then | Now | Why, or a note |\n| --- | --- | --- | --- | --- | --- |\n");
            foreach (var r in c.StepReviews)
                md.Append("| ").Append(Cell(r.Who)).Append(" | ").Append(Cell(r.Action)).Append(" | ").Append(RecordTimes.Day(r.Due))
                  .Append(" | ").Append(r.StatusThen).Append(" | ").Append(r.OutcomeName)
                  .Append(r.ReviewedBy is { } by && !family ? $" ({Cell(by.Name)}, {times.Time(r.ReviewedAt!.Value)})" : "")
                  .Append(" | ").Append(Cell(r.Why ?? "")).Append(" |\n");
        }
        if (c.QuestionsAsked.Count > 0)
        {
            md.Append(family ? "\n### Questions the meeting was asked\n\n" : "\n### Prepared questions asked\n\n");
            foreach (var q in c.QuestionsAsked)
            {
                md.Append("- ").Append(family ? "" : $"**{q.Kind}**{(q.For is { } f ? $" ({L(f)})" : "")}, {times.Time(q.FirstAskedAt)}: ").Append(MarkdownText.Block(q.Text, 2)).Append('\n');
                if (q.TenMeans is { } ten) md.Append("  - 10 means: ").Append(MarkdownText.Block(ten, 4)).Append('\n');
                if (q.ZeroMeans is { } zero) md.Append("  - 0 means: ").Append(MarkdownText.Block(zero, 4)).Append('\n');
            }
        }
        if (c.Series.Count > 0)
        {
            md.Append(family ? "\n### How the numbers have moved\n" : "\n### Scaling over time\n");
            if (family) md.Append("\nThe middle number each time, with the lowest and highest given.\n");
            foreach (var s in c.Series)
            {
                md.Append("\n#### ").Append(L(s.Title)).Append("\n\n");
                md.Append("| Meeting | Everyone | Family and network | Professionals |\n| --- | --- | --- | --- |\n");
                foreach (var p in s.Points)
                    md.Append("| ").Append(Day(p, d, times)).Append(", ").Append(Cell(p.MeetingTitle)).Append(" | ").Append(Spread(p.All))
                      .Append(" | ").Append(Spread(p.Family)).Append(" | ").Append(Spread(p.Professionals)).Append(" |\n");
            }
        }
    }

    public static void WriteText(System.Text.StringBuilder t, CaseSection c, RecordDetails d, RecordTimes times)
    {
        t.Append("\nFOLLOWING THE CASE\n");
        if (c.CarriedFromDay is { } from)
            t.Append("This meeting started from the meeting of ").Append(RecordTimes.Day(from)).Append(".\n");
        if (c.Carried.Count > 0)
        {
            t.Append("\nCarried from earlier meetings\n");
            foreach (var x in c.Carried) t.Append("- ").Append(x.What).Append(": ").Append(x.Text).Append(" (from ").Append(RecordTimes.Day(x.From)).Append(")\n");
        }
        if (c.StepReviews.Count > 0)
        {
            t.Append("\nNext steps from the last meeting\n");
            foreach (var r in c.StepReviews)
            {
                t.Append("- ").Append(r.Who).Append(": ").Append(r.Action).Append(", by ").Append(RecordTimes.Day(r.Due))
                 .Append(". Then: ").Append(r.StatusThen).Append(". Now: ").Append(r.OutcomeName).Append(".\n");
                if (r.Why is { } why) t.Append("  Why: ").Append(why).Append('\n');
            }
        }
        if (c.QuestionsAsked.Count > 0)
        {
            t.Append("\nPrepared questions asked\n");
            foreach (var q in c.QuestionsAsked) t.Append("- ").Append(q.Kind).Append(", ").Append(times.Time(q.FirstAskedAt)).Append(": ").Append(q.Text).Append('\n');
        }
        foreach (var s in c.Series)
        {
            t.Append("\nScaling over time: ").Append(s.Title).Append('\n');
            foreach (var p in s.Points)
                t.Append("- ").Append(Day(p, d, times)).Append(", ").Append(p.MeetingTitle).Append(": everyone ").Append(Spread(p.All))
                 .Append("; family and network ").Append(Spread(p.Family)).Append("; professionals ").Append(Spread(p.Professionals)).Append('\n');
        }
    }

    public static string Spread(ScaleSpread? s) => s is null ? "—"
        : s.Count == 1 ? $"{Number(s.Median)} (1 person)"
        : $"{Number(s.Median)} (from {s.Lowest} to {s.Highest}, {s.Count} people)";

    public static string Number(decimal d) => d.ToString(d % 1 == 0 ? "0" : "0.0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A point's day: this meeting's in the meeting's zone, an earlier meeting's as carried.</summary>
    public static string Day(SeriesPoint point, RecordDetails details, RecordTimes times) =>
        point.MeetingId == details.MeetingId ? times.Date(details.StartedAt) : RecordTimes.Day(point.Day);
}
