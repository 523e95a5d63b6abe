using MeetingBoard.Board;

namespace MeetingBoard.Practice;

/// <summary>
/// "Signs of something": teams rename the frame for their area (DOMAIN.md). The structure never
/// changes, only its words. Stored in events by number: never reorder.
/// </summary>
public enum Wording
{
    SignsOfSafety = 1,
    SignsOfWellbeing = 2,
    SignsOfSuccess = 3,
}

/// <summary>Every practice word that changes with the wording, in one place. Labels on the board, the builders and the hints all come from here.</summary>
public sealed record Vocabulary(
    Wording Wording,
    string Frame,
    string Danger,
    string DangerStatement,
    string DangerStatements,
    string SafetyGoal,
    string SafetyGoals,
    string Safety,
    string ExistingSafety,
    string ExistingSafetyHint,
    string SafetyGoalsHint)
{
    public static readonly Vocabulary SignsOfSafety = new(Wording.SignsOfSafety, "Signs of Safety",
        "danger", "Danger statement", "Danger statements", "Safety goal", "Safety goals", "safety",
        "Existing safety", "What has actually kept the child safe from this danger, tested over time",
        "What we need to see to know the child is safe enough");

    public static readonly Vocabulary SignsOfWellbeing = new(Wording.SignsOfWellbeing, "Signs of Wellbeing",
        "worry", "Worry statement", "Worry statements", "Wellbeing goal", "Wellbeing goals", "wellbeing",
        "Existing wellbeing", "What has actually kept the child well despite this worry, tested over time",
        "What we need to see to know the child is well enough");

    public static readonly Vocabulary SignsOfSuccess = new(Wording.SignsOfSuccess, "Signs of Success",
        "worry", "Worry statement", "Worry statements", "Success goal", "Success goals", "success",
        "Existing success", "What has actually helped the child succeed despite this worry, tested over time",
        "What we need to see to know the child is doing well enough");

    public static readonly IReadOnlyList<Vocabulary> All = [SignsOfSafety, SignsOfWellbeing, SignsOfSuccess];

    public static Vocabulary For(Wording wording) => All.FirstOrDefault(v => v.Wording == wording) ?? SignsOfSafety;

    /// <summary>Reads a wording from a form value (its name or number); null when it is not one.</summary>
    public static Wording? Parse(string? value) =>
        Enum.TryParse<Wording>(value?.Trim(), ignoreCase: true, out var w) && Enum.IsDefined(w) ? w : null;

    /// <summary>A category as this wording names it: the danger and safety categories change; the rest do not.</summary>
    public CategoryInfo Info(Category category)
    {
        var info = Map.Info(category);
        return category switch
        {
            Category.DangerStatements => info with { Title = DangerStatements, Hint = $"What we are worried will happen in future if nothing changes" },
            Category.ExistingSafety => info with { Title = ExistingSafety, Hint = ExistingSafetyHint },
            Category.SafetyGoals => info with { Title = SafetyGoals, Hint = SafetyGoalsHint },
            _ => info,
        };
    }
}
