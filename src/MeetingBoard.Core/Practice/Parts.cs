using System.Globalization;

namespace MeetingBoard.Practice;

/// <summary>
/// The parts of a danger statement (DOMAIN.md, "the three basic elements"): who is worried, about
/// what behaviour, the impact on the child, and what may happen if nothing changes; optionally
/// opening with the safety already in place.
/// </summary>
public sealed record DangerParts(string Who, string Behaviour, string Impact, string IfNothingChanges, string? SafetyInPlace)
{
    /// <summary>A readable sentence from the parts; the facilitator can change it before saving.</summary>
    public string Compose()
    {
        var who = Sentences.Trim(Who);
        // "The social worker is worried", "The school and the social worker are worried".
        var plural = who.Contains(" and ", StringComparison.OrdinalIgnoreCase) || who.Contains(',')
            || who.StartsWith("we", StringComparison.OrdinalIgnoreCase);
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(SafetyInPlace)) parts.Add(Sentences.Finish(SafetyInPlace));
        parts.Add(Sentences.Finish($"{who} {(plural ? "are" : "is")} worried that {Sentences.Lower(Behaviour)}"));
        parts.Add(Sentences.Finish(Impact));
        parts.Add(Sentences.Finish($"If nothing changes, {Sentences.Lower(IfNothingChanges)}"));
        return string.Join(" ", parts);
    }
}

/// <summary>
/// The parts of a safety goal: what the parents or carers will do, what the child will experience,
/// what professionals will see, and for how long. Stated as the presence of safety (DOMAIN.md).
/// </summary>
public sealed record GoalParts(string CarersWillDo, string ChildWillExperience, string ProfessionalsWillSee, string HowLong)
{
    /// <summary>
    /// One sentence per part. People answer the builder's questions in phrases as often as in sentences
    /// ("leave the house if an argument starts", "a calm home"): a phrase is given the question's own
    /// subject and verb, so the goal never contains a fragment; a part already written as a sentence is kept.
    /// </summary>
    public string Compose() => string.Join(" ",
        Sentences.Finish(Sentences.Clause(CarersWillDo, "The parents or carers will")),
        Sentences.Finish(Sentences.Clause(ChildWillExperience, "The child will experience")),
        Sentences.Finish(Sentences.Clause(ProfessionalsWillSee, "Professionals will see")),
        Sentences.Finish($"This will keep happening {Sentences.Duration(HowLong)}"));
}

static class Sentences
{
    public static string Trim(string s) => s.Trim().TrimEnd('.', ' ');

    /// <summary>Capitalised, with a full stop unless it already ends a sentence.</summary>
    public static string Finish(string s)
    {
        var t = s.Trim();
        if (t.Length == 0) return t;
        t = char.ToUpper(t[0], CultureInfo.InvariantCulture) + t[1..];
        return t[^1] is '.' or '!' or '?' ? t : t + ".";
    }

    static readonly string[] Modals =
        ["will", "would", "can", "could", "shall", "should", "must", "may", "might", "is", "are", "am", "was", "were", "has", "have", "had", "does", "did"];

    /// <summary>
    /// The part as written when it reads as a sentence (it has a subject and a verb: "one adult will leave",
    /// "Maya feels calm"), else the phrase after <paramref name="lead"/> ("The parents or carers will" + "leave the house").
    /// </summary>
    public static string Clause(string part, string lead)
    {
        var t = Trim(part);
        var words = t.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var sentence = words.Skip(1).Any(w => Modals.Contains(w.ToLowerInvariant()) || w.EndsWith("'ll", StringComparison.OrdinalIgnoreCase))
            // "Maya feels calm", "The school sees Maya settled": a present-tense verb straight after a short subject.
            || words.Skip(1).Take(2).Any(w => w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal) && char.IsLower(w[0])
                && char.IsUpper(words[0][0]) && !PhraseStarts.Contains(words[0].ToLowerInvariant()));
        return sentence ? t : $"{lead} {LowerPhrase(t)}";
    }

    /// <summary>"six months" becomes "for six months"; "until the review" and "for a year" are kept.</summary>
    public static string Duration(string howLong)
    {
        var t = Trim(howLong);
        var first = t.Split(' ')[0].ToLowerInvariant();
        return first is "for" or "until" or "till" or "over" or "throughout" or "during" or "through" or "from" or "by" or "always" or "every"
            ? LowerPhrase(t)
            : "for " + LowerPhrase(t);
    }

    // Words a phrase answering "What will they do / experience / see?" starts with, capitalised only because they come first.
    static readonly HashSet<string> PhraseStarts =
    [
        "the", "a", "an", "more", "less", "no", "all", "every", "each", "some", "any", "their", "his", "her", "its", "our",
        "calm", "safe", "safety", "happy", "regular", "clean", "good", "better", "consistent", "routines", "time",
        "leave", "call", "take", "keep", "make", "go", "stay", "tell", "ask", "talk", "walk", "be", "have", "do", "get", "use", "help",
        "look", "check", "ensure", "work", "attend", "see", "speak", "play", "share", "follow", "agree", "come", "bring", "put", "show",
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "several", "next",
        "for", "until", "till", "over", "throughout", "during", "through", "from", "by", "always", "at", "in", "on", "with", "when", "if",
    ];

    /// <summary>Lower-cases a phrase's first letter when its first word is capitalised only by position (not a name or an acronym).</summary>
    static string LowerPhrase(string t)
    {
        if (t.Length < 2) return t;
        var first = t.Split(' ')[0];
        var lower = first.ToLowerInvariant();
        return PhraseStarts.Contains(lower) || lower.EndsWith("ing", StringComparison.Ordinal) && first.Length > 4 && first[1..] == lower[1..]
            ? char.ToLower(t[0], CultureInfo.InvariantCulture) + t[1..]
            : t;
    }

    /// <summary>Lower-cases the first letter unless the first word looks like a name or an acronym ("Jordan", "CAMHS").</summary>
    public static string Lower(string s)
    {
        var t = Trim(s);
        if (t.Length < 2) return t;
        var firstWord = t.Split(' ')[0];
        var commonStarts = new[] { "The", "A", "An", "If", "There", "They", "He", "She", "It", "This", "When", "Our", "Their", "His", "Her", "Some" };
        return commonStarts.Contains(firstWord) ? char.ToLower(t[0], CultureInfo.InvariantCulture) + t[1..] : t;
    }
}
