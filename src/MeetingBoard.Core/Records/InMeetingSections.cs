using System.Text;
using MeetingBoard.Board;
using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;

namespace MeetingBoard.Records;

/// <summary>Group supervision that teaches: the presenter's question, and the group's reflections and appreciations.</summary>
/// <param name="PresenterQuestion">Null when the presenter stated none.</param>
public sealed record SupervisionSection(
    RecordPresenterQuestion? PresenterQuestion,
    IReadOnlyList<RecordReflection> Reflections,
    IReadOnlyList<RecordReflection> Appreciations) : RecordSection;

/// <param name="TypedByFacilitator">The facilitator typed it for the presenter.</param>
public sealed record RecordPresenterQuestion(string Text, RecordPerson StatedBy, DateTimeOffset At, bool TypedByFacilitator);

public sealed record RecordReflection(string Id, string Text, RecordPerson Author, DateTimeOffset AddedAt);

/// <summary>The structured safety plan: plan rules, the safety network, bottom lines and the testing period.</summary>
public sealed record SafetyPlanSection(
    Wording Wording,
    IReadOnlyList<RecordPlanRule> Rules,
    IReadOnlyList<RecordNetworkMember> Network,
    IReadOnlyList<RecordBottomLine> BottomLines,
    DateOnly? TestingPeriodEnds) : RecordSection
{
    [System.Text.Json.Serialization.JsonIgnore]
    public string PlanName => Capital(Vocabulary.For(Wording).Safety) + " plan";

    [System.Text.Json.Serialization.JsonIgnore]
    public string NetworkName => Vocabulary.For(Wording).Safety + " network";

    static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];
}

public sealed record RecordPlanRule(string Id, string Rule, string WhoMakesSure, string IfBroken, RecordPerson Author, DateTimeOffset AddedAt);

public sealed record RecordNetworkMember(string Id, string Name, string Relationship, string WillDo, RecordPerson Author, DateTimeOffset AddedAt);

public sealed record RecordBottomLine(string Id, string Text, RecordPerson SetBy, DateTimeOffset AddedAt);

/// <summary>The child's voice (My Three Houses). <see cref="ShownToTheRoom"/>: whether the room sees it when the record is made.</summary>
public sealed record ChildsVoiceSection(IReadOnlyList<RecordChildsHouses> Children, bool ShownToTheRoom) : RecordSection;

public sealed record RecordChildsHouses(
    string Id, string Name, int Age, string Worries, string GoodThings, string Dreams, string HowGathered,
    RecordPerson RecordedBy, DateTimeOffset RecordedAt);

/// <summary>
/// The record of the parts added by issue 17 (5–8): building their sections and timeline steps, and
/// writing them in each format. Kept apart from the other writers so each format gains one line.
/// </summary>
public static class InMeetingSections
{
    public static IEnumerable<RecordSection> Build(MeetingState state, Func<Actor, RecordPerson> describe)
    {
        var s = state.Supervision;
        if (!s.IsEmpty)
        {
            RecordReflection R(Reflection r) => new(r.Id, r.Text, describe(r.Author), r.AddedAt);
            yield return new SupervisionSection(
                s.Question is { } q ? new RecordPresenterQuestion(q.Text, describe(q.By), q.At, q.By.IsFacilitator) : null,
                [.. s.Of(ReflectionKind.Reflection).Select(R)], [.. s.Of(ReflectionKind.Appreciation).Select(R)]);
        }
        var p = state.SafetyPlan;
        if (!p.IsEmpty)
            yield return new SafetyPlanSection(state.Practice.Wording,
                [.. p.Rules.Select(r => new RecordPlanRule(r.Id, r.Rule, r.WhoMakesSure, r.IfBroken, describe(r.Author), r.AddedAt))],
                [.. p.Network.Select(m => new RecordNetworkMember(m.Id, m.Name, m.Relationship, m.WillDo, describe(m.Author), m.AddedAt))],
                [.. p.BottomLines.Select(b => new RecordBottomLine(b.Id, b.Text, describe(b.Author), b.AddedAt))],
                p.Testing?.Ends);
        var h = state.ThreeHouses;
        if (!h.Children.IsEmpty)
            yield return new ChildsVoiceSection(
                [.. h.Children.Select(c => new RecordChildsHouses(c.Id, c.Name, c.Age, c.Worries, c.GoodThings, c.Dreams, c.HowGathered, describe(c.RecordedBy), c.RecordedAt))],
                h.Shown);
    }

    /// <summary>A timeline step for an event of these parts; null for any other event.</summary>
    public static HistoryEntry? History(MeetingState before, MeetingState state, long version, IMeetingEvent e, Func<Actor, RecordPerson> describe) => e switch
    {
        PresenterQuestionStated q => new(version, q.At, HistoryKind.PresenterQuestionStated, describe(q.By), Text: q.Text),
        ReflectionAdded r => new(version, r.At, r.Kind == ReflectionKind.Appreciation ? HistoryKind.AppreciationAdded : HistoryKind.ReflectionAdded, describe(r.By), Text: r.Text),
        ReflectionRemoved r => new(version, r.At, HistoryKind.ReflectionRemoved, describe(r.By), Text: before.Supervision.Reflections.Find(x => x.Id == r.ReflectionId)?.Text),
        PlanRuleAdded r => new(version, r.At, HistoryKind.PlanRuleAdded, describe(r.By), Text: r.Rule),
        NetworkMemberAdded m => new(version, m.At, HistoryKind.NetworkMemberAdded, describe(m.By), Text: m.WillDo, Note: $"{m.Name} ({m.Relationship})"),
        BottomLineAdded b => new(version, b.At, HistoryKind.BottomLineAdded, describe(b.By), Text: b.Text),
        TestingPeriodSet t => new(version, t.At, HistoryKind.TestingPeriodSet, describe(t.By), Note: RecordTimes.Day(t.Ends)),
        TestingPeriodCleared t => new(version, t.At, HistoryKind.TestingPeriodCleared, describe(t.By)),
        SafetyPlanPartRemoved r => new(version, r.At, HistoryKind.SafetyPlanPartRemoved, describe(r.By), Text: PartText(before.SafetyPlan, r.PartId)),
        ThreeHousesRecorded t => new(version, t.At, HistoryKind.ThreeHousesRecorded, describe(t.By), Note: t.Name),
        ThreeHousesRemoved t => new(version, t.At, HistoryKind.ThreeHousesRemoved, describe(t.By), Note: before.ThreeHouses.Children.Find(c => c.Id == t.ChildId)?.Name),
        ThreeHousesShown t => new(version, t.At, HistoryKind.ThreeHousesShown, describe(t.By)),
        ThreeHousesHidden t => new(version, t.At, HistoryKind.ThreeHousesHidden, describe(t.By)),
        ItemMarkedFamilysWords f => new(version, f.At, HistoryKind.FamilysWordsMarked, describe(f.By), ItemId: f.ItemId,
            Category: state.FindItem(f.ItemId)?.Category, Text: state.FindItem(f.ItemId)?.Text, Note: f.Marked ? "marked" : "unmarked"),
        _ => null,
    };

    static string? PartText(SafetyPlan p, string id) =>
        p.Rules.Find(x => x.Id == id)?.Rule
        ?? (p.Network.Find(x => x.Id == id) is { } m ? $"{m.Name} ({m.Relationship})" : null)
        ?? p.BottomLines.Find(x => x.Id == id)?.Text;

    public static string? Sentence(HistoryEntry h, string by, string text, Func<string, string> literal) => h.Kind switch
    {
        HistoryKind.PresenterQuestionStated => $"{by} wrote down the question the presenter brings: {text}",
        HistoryKind.ReflectionAdded => $"{by} added a reflection on the process: {text}",
        HistoryKind.AppreciationAdded => $"{by} added an appreciation for the presenter: {text}",
        HistoryKind.ReflectionRemoved => $"{by} removed a reflection or appreciation: {text}",
        HistoryKind.PlanRuleAdded => $"{by} added a plan rule: {text}",
        HistoryKind.NetworkMemberAdded => $"{by} added {literal(h.Note ?? "")} to the safety network: {text}",
        HistoryKind.BottomLineAdded => $"{by} set a bottom line: {text}",
        HistoryKind.TestingPeriodSet => $"{by} set the testing period of the safety plan to end on {h.Note}.",
        HistoryKind.TestingPeriodCleared => $"{by} cleared the end date of the testing period.",
        HistoryKind.SafetyPlanPartRemoved => $"{by} removed from the safety plan: {text}",
        HistoryKind.ThreeHousesRecorded => $"{by} recorded what {literal(h.Note ?? "the child")} said (My Three Houses).",
        HistoryKind.ThreeHousesRemoved => $"{by} removed what {literal(h.Note ?? "the child")} said (My Three Houses).",
        HistoryKind.ThreeHousesShown => $"{by} showed the child's words to the room.",
        HistoryKind.ThreeHousesHidden => $"{by} hid the child's words from the room.",
        HistoryKind.FamilysWordsMarked => h.Note == "unmarked"
            ? $"{by} marked {text} as no longer in the family's words."
            : $"{by} marked {text} as in the family's words.",
        _ => null,
    };

    /// <summary>The audit trail's short label for a step of these parts ("Added a plan rule"); null for any other step.</summary>
    public static string? AuditLabel(HistoryEntry h) => h.Kind switch
    {
        HistoryKind.PresenterQuestionStated => "Wrote down the question the presenter brings",
        HistoryKind.ReflectionAdded => "Added a reflection on the process",
        HistoryKind.AppreciationAdded => "Added an appreciation for the presenter",
        HistoryKind.ReflectionRemoved => "Removed a reflection or appreciation",
        HistoryKind.PlanRuleAdded => "Added a plan rule",
        HistoryKind.NetworkMemberAdded => $"Added {h.Note} to the safety network",
        HistoryKind.BottomLineAdded => "Set a bottom line",
        HistoryKind.TestingPeriodSet => $"Set the testing period to end on {h.Note}",
        HistoryKind.TestingPeriodCleared => "Cleared the end of the testing period",
        HistoryKind.SafetyPlanPartRemoved => "Removed from the safety plan",
        HistoryKind.ThreeHousesRecorded => $"Recorded what {h.Note} said (My Three Houses)",
        HistoryKind.ThreeHousesRemoved => $"Removed what {h.Note} said (My Three Houses)",
        HistoryKind.ThreeHousesShown => "Showed the child's words to the room",
        HistoryKind.ThreeHousesHidden => "Hid the child's words from the room",
        HistoryKind.FamilysWordsMarked => h.Note == "unmarked" ? "Marked an item as no longer in the family's words" : "Marked an item as in the family's words",
        _ => null,
    };

    /// <summary>Steps whose text is what was removed: shown as "before", with nothing after.</summary>
    public static bool IsRemoval(HistoryKind kind) => kind is HistoryKind.ReflectionRemoved or HistoryKind.SafetyPlanPartRemoved;

    // ------------------------------------------------------------------ Markdown (the full record and the print view)

    public static void WriteMarkdown(StringBuilder md, RecordSection section, RecordTimes times)
    {
        string L(string s) => MarkdownText.Inline(s);
        string By(RecordPerson p, DateTimeOffset at) => $" — *{RecordSentences.Person(p, L)}, {times.Time(at)}*";
        switch (section)
        {
            case SupervisionSection s:
                md.Append("\n## The presenter's question, reflections and appreciations\n");
                md.Append("\n### The question the presenter brings\n\n");
                if (s.PresenterQuestion is { } q)
                    md.Append(MarkdownText.Block(q.Text, 0)).Append("\n\n*").Append(RecordSentences.Person(q.StatedBy, L))
                      .Append(q.TypedByFacilitator ? ", typed for the presenter" : "").Append(", ").Append(times.Time(q.At)).Append("*\n");
                else md.Append("Not written down.\n");
                md.Append("\n### Reflections on the process\n\n");
                if (s.Reflections.Count == 0) md.Append("None written down.\n");
                foreach (var r in s.Reflections) md.Append("- ").Append(MarkdownText.Block(r.Text, 2)).Append(By(r.Author, r.AddedAt)).Append('\n');
                md.Append("\n### Appreciations for the presenter\n\n");
                if (s.Appreciations.Count == 0) md.Append("None written down.\n");
                foreach (var r in s.Appreciations) md.Append("- ").Append(MarkdownText.Block(r.Text, 2)).Append(By(r.Author, r.AddedAt)).Append('\n');
                break;
            case SafetyPlanSection p:
                md.Append("\n## ").Append(p.PlanName).Append("\n\n");
                md.Append("- **Testing period:** ").Append(p.TestingPeriodEnds is { } ends ? "until " + RecordTimes.Day(ends) : "no end date set").Append('\n');
                md.Append("\n### Plan rules, in the family's words\n\n");
                if (p.Rules.Count == 0) md.Append("None yet.\n");
                else
                {
                    md.Append("| The rule | Who makes sure it happens | If it is broken | Added by |\n| --- | --- | --- | --- |\n");
                    foreach (var r in p.Rules)
                        md.Append("| ").Append(Cell(r.Rule)).Append(" | ").Append(Cell(r.WhoMakesSure)).Append(" | ").Append(Cell(r.IfBroken))
                          .Append(" | ").Append(RecordSentences.Person(r.Author, Cell)).Append(", ").Append(times.Time(r.AddedAt)).Append(" |\n");
                }
                md.Append("\n### The ").Append(p.NetworkName).Append("\n\n");
                if (p.Network.Count == 0) md.Append("Nobody yet.\n");
                else
                {
                    md.Append("| Who | Who they are to the child | What they will do |\n| --- | --- | --- |\n");
                    foreach (var m in p.Network)
                        md.Append("| ").Append(Cell(m.Name)).Append(" | ").Append(Cell(m.Relationship)).Append(" | ").Append(Cell(m.WillDo)).Append(" |\n");
                }
                md.Append("\n### Bottom lines, set by the professionals\n\n");
                if (p.BottomLines.Count == 0) md.Append("None set.\n");
                foreach (var b in p.BottomLines) md.Append("- ").Append(MarkdownText.Block(b.Text, 2)).Append(By(b.SetBy, b.AddedAt)).Append('\n');
                break;
            case ChildsVoiceSection v:
                md.Append("\n## The child's voice: My Three Houses\n\n");
                md.Append(v.ShownToTheRoom ? "Shown to the room.\n" : "Not shown to the room: the facilitators saw it.\n");
                foreach (var c in v.Children)
                {
                    md.Append("\n### ").Append(L(c.Name)).Append(", ").Append(Age(c.Age)).Append("\n\n");
                    md.Append("- **House of worries:** ").Append(Said(c.Worries, MarkdownText.Block)).Append('\n');
                    md.Append("- **House of good things:** ").Append(Said(c.GoodThings, MarkdownText.Block)).Append('\n');
                    md.Append("- **House of dreams:** ").Append(Said(c.Dreams, MarkdownText.Block)).Append('\n');
                    md.Append("- **How it was gathered:** ").Append(MarkdownText.Block(c.HowGathered, 2)).Append('\n');
                    md.Append("\n*Recorded by ").Append(RecordSentences.Person(c.RecordedBy, L)).Append(", ").Append(times.Time(c.RecordedAt)).Append("*\n");
                }
                break;
        }
    }

    static string Cell(string text) => text.Trim().Length == 0 ? "—" : MarkdownText.Inline(text);

    static string Said(string text, Func<string, int, string> block) => text.Length == 0 ? "nothing said" : "“" + block(text, 2) + "”";

    public static string Age(int age) => age == 1 ? "1 year old" : $"{age} years old";

    // ------------------------------------------------------------------ plain text (for case management forms)

    public static void WriteText(StringBuilder t, RecordSection section, RecordTimes times)
    {
        static string P(RecordPerson p) => RecordSentences.Person(p, s => s);
        void Line(string text = "") => t.Append(text).Append('\n');
        void Typed(string first, string text, string indent)
        {
            var lines = text.Replace("\r\n", "\n").Split('\n');
            Line(first + lines[0]);
            foreach (var more in lines.Skip(1)) Line(indent + more);
        }
        void Heading(string heading)
        {
            Line();
            Line(heading);
            Line(new string('=', heading.Length));
        }
        switch (section)
        {
            case SupervisionSection s:
                Heading("THE PRESENTER'S QUESTION, REFLECTIONS AND APPRECIATIONS");
                Line();
                if (s.PresenterQuestion is { } q)
                {
                    Typed("The question the presenter brings: ", q.Text, "  ");
                    Line($"Written down by {P(q.StatedBy)}{(q.TypedByFacilitator ? " for the presenter" : "")} at {times.Time(q.At)}.");
                }
                else Line("The question the presenter brings: not written down.");
                Line();
                Line("Reflections on the process");
                if (s.Reflections.Count == 0) Line("- None written down.");
                foreach (var r in s.Reflections) { Typed("- ", r.Text, "  "); Line($"  Added by {P(r.Author)} at {times.Time(r.AddedAt)}."); }
                Line();
                Line("Appreciations for the presenter");
                if (s.Appreciations.Count == 0) Line("- None written down.");
                foreach (var r in s.Appreciations) { Typed("- ", r.Text, "  "); Line($"  Added by {P(r.Author)} at {times.Time(r.AddedAt)}."); }
                break;
            case SafetyPlanSection p:
                Heading(p.PlanName.ToUpperInvariant());
                Line($"Testing period: {(p.TestingPeriodEnds is { } ends ? "until " + RecordTimes.Day(ends) : "no end date set")}");
                Line();
                Line("Plan rules, in the family's words");
                if (p.Rules.Count == 0) Line("- None yet.");
                foreach (var r in p.Rules)
                {
                    Typed("- Rule: ", r.Rule, "  ");
                    Typed("  Who makes sure it happens: ", r.WhoMakesSure, "    ");
                    Typed("  If it is broken: ", r.IfBroken, "    ");
                    Line($"  Added by {P(r.Author)} at {times.Time(r.AddedAt)}.");
                }
                Line();
                Line("The " + p.NetworkName);
                if (p.Network.Count == 0) Line("- Nobody yet.");
                foreach (var m in p.Network) Typed($"- {m.Name} ({m.Relationship}): ", m.WillDo, "  ");
                Line();
                Line("Bottom lines, set by the professionals");
                if (p.BottomLines.Count == 0) Line("- None set.");
                foreach (var b in p.BottomLines) { Typed("- ", b.Text, "  "); Line($"  Set by {P(b.SetBy)} at {times.Time(b.AddedAt)}."); }
                break;
            case ChildsVoiceSection v:
                Heading("THE CHILD'S VOICE: MY THREE HOUSES");
                Line(v.ShownToTheRoom ? "Shown to the room." : "Not shown to the room: the facilitators saw it.");
                foreach (var c in v.Children)
                {
                    Line();
                    Line($"{c.Name}, {Age(c.Age)}");
                    Typed("House of worries: ", c.Worries.Length == 0 ? "nothing said" : c.Worries, "  ");
                    Typed("House of good things: ", c.GoodThings.Length == 0 ? "nothing said" : c.GoodThings, "  ");
                    Typed("House of dreams: ", c.Dreams.Length == 0 ? "nothing said" : c.Dreams, "  ");
                    Typed("How it was gathered: ", c.HowGathered, "  ");
                    Line($"Recorded by {P(c.RecordedBy)} at {times.Time(c.RecordedAt)}.");
                }
                break;
        }
    }

    // ------------------------------------------------------------------ the family's version

    /// <summary>
    /// The safety plan is the family's own: it is written as "our plan", in their words, with the
    /// professionals' bottom lines named as theirs so nobody is surprised by them later. The child's
    /// words are in it only if the facilitator showed them to the room; group supervision's parts are
    /// the team's, not the family's.
    /// </summary>
    public static void WriteFamily(StringBuilder md, RecordSection section)
    {
        string L(string s) => MarkdownText.Inline(s);
        switch (section)
        {
            case SafetyPlanSection p:
                md.Append("\n## Our ").Append(p.PlanName.ToLowerInvariant()).Append("\n\n");
                md.Append("This is the plan the family and the people around the children made together, in their own words.\n");
                md.Append("\n### Our rules\n");
                if (p.Rules.Count == 0) md.Append("\nNo rules were written yet.\n");
                foreach (var r in p.Rules)
                {
                    md.Append("\n- **").Append(L(r.Rule)).Append("**\n");
                    md.Append("  - **Who makes sure it happens:** ").Append(L(r.WhoMakesSure)).Append('\n');
                    md.Append("  - **If it is broken:** ").Append(L(r.IfBroken)).Append('\n');
                }
                md.Append("\n### The people who help\n\n");
                if (p.Network.Count == 0) md.Append("Nobody was written down yet.\n");
                foreach (var m in p.Network)
                    md.Append("- **").Append(L(m.Name)).Append("** (").Append(L(m.Relationship)).Append("): ").Append(MarkdownText.Block(m.WillDo, 2)).Append('\n');
                if (p.BottomLines.Count > 0)
                {
                    md.Append("\n### What the professionals say must happen\n\n");
                    md.Append("These are the bottom lines the professionals set. They are written here so that everyone knows where they stand.\n\n");
                    foreach (var b in p.BottomLines) md.Append("- ").Append(MarkdownText.Block(b.Text, 2)).Append('\n');
                }
                md.Append("\n### Trying the plan out\n\n");
                md.Append(p.TestingPeriodEnds is { } ends
                    ? $"We will try this plan until {RecordTimes.Day(ends)}, and then look together at how it went.\n"
                    : "The date to look again at how the plan is going has not been set yet.\n");
                break;
            case ChildsVoiceSection v when v.ShownToTheRoom:
                foreach (var c in v.Children)
                {
                    md.Append("\n## What ").Append(L(c.Name)).Append(" told us\n\n");
                    md.Append(L(c.Name)).Append(" is ").Append(Age(c.Age)).Append(". These are ").Append(L(c.Name)).Append("'s own words.\n\n");
                    md.Append("- **Worries:** ").Append(Said(c.Worries, MarkdownText.Block)).Append('\n');
                    md.Append("- **Good things:** ").Append(Said(c.GoodThings, MarkdownText.Block)).Append('\n');
                    md.Append("- **Dreams:** ").Append(Said(c.Dreams, MarkdownText.Block)).Append('\n');
                }
                break;
        }
    }
}
