using System.Reflection;
using System.Text.RegularExpressions;

namespace MeetingBoard.Practice;

/// <summary>What a piece of practice text is, so the hints fit it.</summary>
public enum TextKind
{
    Note,
    DangerStatement,
    SafetyGoal,
}

/// <summary>Advice about one piece of text. Never a refusal: the words are the writer's to choose.</summary>
public sealed record Hint(string Message, string? Term = null);

/// <summary>
/// Plain-language advice (DOMAIN.md: "families fail to meet expectations they do not understand").
/// Pure: the word list is read once from the embedded jargon.txt.
/// </summary>
public static partial class PlainLanguage
{
    public sealed record JargonEntry(string Term, string Suggestion, Regex Pattern);

    public static readonly IReadOnlyList<JargonEntry> Jargon = Parse(ReadEmbedded());

    static readonly string[] ChildWords =
    [
        "child", "children", "childhood", "baby", "babies", "son", "sons", "daughter", "daughters", "boy", "boys",
        "girl", "girls", "kid", "kids", "young person", "young people", "toddler", "infant", "teenager", "grandchild", "grandchildren",
    ];

    static readonly string[] AbsenceWords = ["must not", "mustn't", "will not", "won't", "stop", "stops", "no longer", "never", "not be", "cease"];

    public static IReadOnlyList<Hint> Hints(string? text, TextKind kind, Vocabulary? words = null)
    {
        words ??= Vocabulary.SignsOfSafety;
        var hints = new List<Hint>();
        if (string.IsNullOrWhiteSpace(text)) return hints;

        foreach (var entry in Jargon)
            if (entry.Pattern.IsMatch(text))
                hints.Add(new Hint($"“{entry.Term}” may not mean much to the family: {entry.Suggestion}.", entry.Term));

        if (kind == TextKind.SafetyGoal && FirstOf(text, AbsenceWords) is { } absence)
            hints.Add(new Hint($"This {words.SafetyGoal.ToLowerInvariant()} says what should stop (“{absence}”). Describe what people will see happening instead."));

        if (kind == TextKind.DangerStatement && FirstOf(text, ChildWords) is null)
            hints.Add(new Hint($"This {words.DangerStatement.ToLowerInvariant()} does not seem to mention the child. Say what it means for them (you can use their name)."));

        return hints;
    }

    static string? FirstOf(string text, IEnumerable<string> phrases) =>
        phrases.FirstOrDefault(p => Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(p).Replace("'", "['’]")}(?![\p{{L}}\p{{N}}])",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant));

    public static IReadOnlyList<JargonEntry> Parse(string list)
    {
        var entries = new List<JargonEntry>();
        foreach (var raw in list.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var split = line.IndexOf(" = ", StringComparison.Ordinal);
            if (split <= 0) continue;
            var term = line[..split].Trim();
            var suggestion = line[(split + 3)..].Trim();
            // Acronyms match only as written ("CP", not "cp" inside ordinary words); phrases in any case.
            var isAcronym = term.All(ch => char.IsUpper(ch) || char.IsDigit(ch));
            // Hyphens first: "non-engagement" also matches "non engagement" and "nonengagement".
            var body = Regex.Escape(term).Replace("-", "[\\s-]?").Replace(@"\ ", @"\s+");
            var pattern = new Regex($@"(?<![\p{{L}}\p{{N}}]){body}s?(?![\p{{L}}\p{{N}}])",
                (isAcronym ? RegexOptions.None : RegexOptions.IgnoreCase) | RegexOptions.CultureInvariant);
            entries.Add(new JargonEntry(term, suggestion, pattern));
        }
        return entries;
    }

    static string ReadEmbedded()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("MeetingBoard.Practice.jargon.txt")
            ?? throw new InvalidOperationException("The jargon list is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
