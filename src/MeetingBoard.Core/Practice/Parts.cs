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
    public string Compose()
    {
        var howLong = Sentences.Trim(HowLong);
        if (!howLong.StartsWith("for ", StringComparison.OrdinalIgnoreCase)) howLong = "for " + howLong;
        return string.Join(" ",
            Sentences.Finish(CarersWillDo),
            Sentences.Finish(ChildWillExperience),
            Sentences.Finish(ProfessionalsWillSee),
            Sentences.Finish($"This will keep happening {howLong}"));
    }
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
