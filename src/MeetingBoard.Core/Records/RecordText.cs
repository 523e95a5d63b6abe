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
                case CaseSection following:
                    CaseRecordText.WriteText(t, following, d, times);
                    break;
                case MapSection map:
                    foreach (var column in map.Columns)
                    {
                        Heading(t, column.Title.ToUpperInvariant());
                        foreach (var category in column.Categories)
                        {
                            Line(t);
                            Line(t, category.Title);
                            if (category.Items.Count == 0)
                                Line(t, record.Sections.OfType<PracticeSection>().FirstOrDefault() is { } p && p.Holds(category.Category)
                                    ? $"See {RecordMarkdown.SectionFor(category.Category, p).ToUpperInvariant()} below."
                                    : "Nothing recorded.");
                            foreach (var item in category.Items)
                            {
                                var lines = item.Text.Replace("\r\n", "\n").Split('\n');
                                Line(t, "- " + lines[0]);
                                foreach (var more in lines.Skip(1)) Line(t, "  " + more);
                                var note = $"  Added by {RecordSentences.Person(item.Author, s => s)} at {times.Time(item.AddedAt)}";
                                if (item.EditedAt is { } edited) note += $", changed at {times.Time(edited)}";
                                if (item.MovedAt is { } moved) note += $", moved here at {times.Time(moved)}";
                                if (item.Anonymous) note += ", in an anonymous round";
                                if (item.FamilysWords) note += ", in the family's words";
                                Line(t, note + ".");
                            }
                        }
                    }
                    break;
                case PracticeSection p:
                    WritePractice(t, p, times);
                    break;
                case ScalingSection scaling:
                    WriteScaling(t, scaling, times);
                    break;
                case DecisionSection decision:
                    WriteDecision(t, decision, times);
                    break;
                case FacilitationSection f:
                    WriteFacilitation(t, f, times);
                    break;
                default:
                    InMeetingSections.WriteText(t, section, times);
                    break;
            }
        }

        Heading(t, "HOW AND WHEN THINGS WERE DECIDED");
        foreach (var h in record.History)
            // One line per step: line breaks inside what people typed become spaces here (the map keeps them).
            Line(t, $"{times.Time(h.At)}  {RecordSentences.Describe(h, s => s.ReplaceLineEndings(" "))}");
        return t.ToString();
    }

    static string P(RecordPerson p) => RecordSentences.Person(p, s => s);

    // What people typed, as they typed it, indented under the line it belongs to.
    static void Typed(StringBuilder t, string first, string text, string indent)
    {
        var lines = text.Replace("\r\n", "\n").Split('\n');
        Line(t, first + lines[0]);
        foreach (var more in lines.Skip(1)) Line(t, indent + more);
    }

    /// <summary>The spread of a revealed run, in words: shared by every format.</summary>
    public static string Summary(RecordRun run)
    {
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        var given = run.Scores.Count - (run.PassedCount ?? 0);
        var passed = run.PassedCount is > 0 ? $", {run.PassedCount} passed" : "";
        return run.Median is { } median
            ? $"{given} {(given == 1 ? "score" : "scores")}{passed}. Median {median.ToString("0.#", inv)}, range {run.Lowest} to {run.Highest}."
            : $"No scores were given{passed}.";
    }

    /// <summary>When a stage was reached, or that it was not: shared by every format.</summary>
    public static string StageNote(RecordStage s, RecordTimes times) =>
        s.StartedAt.Count > 0
            ? "reached at " + string.Join(", again at ", s.StartedAt.Select(times.Time)) + (s.Skipped ? " (later marked skipped)" : "")
            : s.Skipped ? "skipped" : "not reached";

    static void WritePractice(StringBuilder t, PracticeSection p, RecordTimes times)
    {
        var w = p.Words;
        Heading(t, $"{w.DangerStatements} and {w.SafetyGoals.ToLowerInvariant()}".ToUpperInvariant());
        Line(t, $"Wording: {p.Frame}.");
        foreach (var s in p.Statements)
        {
            Line(t);
            Line(t, $"{w.DangerStatement} {s.Number}");
            Typed(t, "", s.Sentence, "");
            Line(t, $"Written by {P(s.Author)} at {times.Time(s.AddedAt)}{(s.EditedAt is { } e ? $", changed at {times.Time(e)}" : "")}.");
            Line(t, $"{w.SafetyGoals}:");
            if (s.Goals.Count == 0) Line(t, "- None yet.");
            foreach (var g in s.Goals)
            {
                Typed(t, "- ", g.Sentence, "  ");
                Line(t, $"  Written by {P(g.Author)} at {times.Time(g.AddedAt)}{(g.EditedAt is { } ge ? $", changed at {times.Time(ge)}" : "")}.");
            }
            if (s.Disagreements.Count > 0) Line(t, "Where the family disagrees:");
            foreach (var d in s.Disagreements)
            {
                Typed(t, "- ", d.View, "  ");
                Line(t, $"  Written by {P(d.By)} at {times.Time(d.At)}.");
            }
        }
        if (p.Harm.Count > 0)
        {
            Heading(t, "HARM MATRIX");
            foreach (var h in p.Harm)
            {
                Line(t);
                Typed(t, "Behaviour: ", h.Behaviour, "  ");
                Typed(t, "How long: ", h.HowLong, "  ");
                Typed(t, "How often: ", h.HowOften, "  ");
                Typed(t, "First: ", h.First, "  ");
                Typed(t, "Worst: ", h.Worst, "  ");
                Typed(t, "Last: ", h.Last, "  ");
                Typed(t, "Impact on the child: ", h.Impact, "  ");
                Line(t, $"Added by {P(h.Author)} at {times.Time(h.AddedAt)}.");
            }
        }
        if (p.NextSteps.Count > 0)
        {
            Heading(t, "NEXT STEPS");
            foreach (var n in p.NextSteps)
            {
                Line(t);
                Typed(t, "Who: ", n.Who, "  ");
                Typed(t, "What: ", n.Action, "  ");
                Line(t, $"By when: {RecordTimes.Day(n.Due)}");
                Line(t, $"Status: {n.StatusName}");
                Line(t, $"Needs manager sign-off: {(n.NeedsSignOff ? "yes" : "no")}");
            }
        }
    }

    static void WriteScaling(StringBuilder t, ScalingSection scaling, RecordTimes times)
    {
        Heading(t, "SCALING");
        var number = 0;
        foreach (var r in scaling.Rounds)
        {
            Line(t);
            Line(t, $"Scaling round {++number}");
            Typed(t, "Question: ", r.Question, "  ");
            Typed(t, "10 means: ", r.TenMeans, "  ");
            Typed(t, "0 means: ", r.ZeroMeans, "  ");
            if (r.DangerStatement is { } ds)
                Typed(t, r.DangerStatementName is { } name ? $"About {name.ToLowerInvariant()}: " : "About: ", ds, "  ");
            else Line(t, "About: the whole case");
            Line(t, $"Started at {times.Time(r.StartedAt)}, {(r.ClosedAt is { } c ? $"closed at {times.Time(c)}" : "not closed")}.");
            foreach (var run in r.Runs)
            {
                Line(t);
                Line(t, $"Run {run.Number}, started at {times.Time(run.StartedAt)}");
                if (!run.Revealed)
                {
                    Line(t, "Not revealed. The scores of this run were never shown, so they are not in the record.");
                    continue;
                }
                Line(t, $"Revealed at {times.Time(run.RevealedAt!.Value)}. {Summary(run)}");
                foreach (var sc in run.Scores)
                {
                    var who = sc.Role.Length > 0 ? $"{sc.Name} ({sc.Role})" : sc.Name;
                    var score = sc.Passed ? "passed" : sc.Score!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    Line(t, $"- {who}, {sc.GroupName.ToLowerInvariant()}: {score}{(sc.EnteredByFacilitator ? $" (entered by {sc.EnteredBy.Name} on their behalf)" : "")}");
                    if (sc.Reason is { } reason) Typed(t, "  Why: ", reason, "    ");
                    if (sc.OneHigher is { } higher) Typed(t, "  One point higher: ", higher, "    ");
                }
            }
        }
    }

    static void WriteDecision(StringBuilder t, DecisionSection d, RecordTimes times)
    {
        Heading(t, "DECISION");
        Line(t);
        Typed(t, "", d.Text, "");
        Line(t, $"Recorded by {P(d.RecordedBy)} at {times.Time(d.RecordedAt)}.");
        Line(t);
        Line(t, "Views on the decision");
        if (d.Views.Count == 0) Line(t, "Nobody recorded a view.");
        foreach (var v in d.Views)
        {
            Line(t, $"- {P(v.Person)}: {(v.Agrees ? "agrees" : "disagrees")}{(v.RecordedByFacilitator ? " (recorded by the facilitator)" : "")}");
            if (v.Reason is { } reason) Typed(t, "  Why: ", reason, "    ");
        }
    }

    static void WriteFacilitation(StringBuilder t, FacilitationSection f, RecordTimes times)
    {
        Heading(t, "HOW THE MEETING WAS RUN");
        if (f.Stages.Count > 0)
        {
            Line(t);
            Line(t, "Stages");
            foreach (var s in f.Stages) Line(t, $"- {s.Title}: {StageNote(s, times)}");
        }
        if (f.Questions.Count > 0)
        {
            Line(t);
            Line(t, "Questions asked");
            foreach (var q in f.Questions)
            {
                Typed(t, "- ", q.Text, "  ");
                Line(t, $"  Asked by {P(q.Author)} at {times.Time(q.AskedAt)}.");
            }
        }
        if (f.CoFacilitators.Count > 0)
        {
            Line(t);
            Line(t, "Co-facilitators");
            foreach (var c in f.CoFacilitators) Line(t, $"- {c.Name}, from {times.Time(c.AddedAt)}");
        }
        if (f.Roles.Count > 0)
        {
            Line(t);
            Line(t, "Roles");
            foreach (var r in f.Roles) Line(t, $"- {P(r.Person)}: {r.RoleName}");
        }
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
