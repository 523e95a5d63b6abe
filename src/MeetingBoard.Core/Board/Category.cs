namespace MeetingBoard.Board;

/// <summary>The three mapping columns of DOMAIN.md, in the order they are shown.</summary>
public enum Column
{
    Worried,
    WorkingWell,
    NeedsToHappen,
}

/// <summary>The seven analysis categories of DOMAIN.md. The numbers are stored in events: never reorder.</summary>
public enum Category
{
    Harm = 1,
    DangerStatements = 2,
    ComplicatingFactors = 3,
    ExistingStrengths = 4,
    ExistingSafety = 5,
    SafetyGoals = 6,
    NextSteps = 7,
}

public sealed record CategoryInfo(Category Category, Column Column, string Slug, string Title, string Hint);

public sealed record ColumnInfo(Column Column, string Slug, string Title, IReadOnlyList<CategoryInfo> Categories);

public static class Map
{
    public static readonly IReadOnlyList<ColumnInfo> Columns =
    [
        new(Column.Worried, "worried", "What are we worried about?",
        [
            new(Category.Harm, Column.Worried, "harm", "Harm",
                "What has happened to the child"),
            new(Category.DangerStatements, Column.Worried, "danger-statements", "Danger / worry statements",
                "What we are worried will happen in future if nothing changes"),
            new(Category.ComplicatingFactors, Column.Worried, "complicating-factors", "Complicating factors",
                "What makes the problem harder to deal with, but is not itself the harm"),
        ]),
        new(Column.WorkingWell, "working-well", "What's working well?",
        [
            new(Category.ExistingStrengths, Column.WorkingWell, "existing-strengths", "Existing strengths",
                "The good things, people and plans in and around the family"),
            new(Category.ExistingSafety, Column.WorkingWell, "existing-safety", "Existing safety",
                "What has actually kept the child safe from this danger, tested over time"),
        ]),
        new(Column.NeedsToHappen, "needs-to-happen", "What needs to happen?",
        [
            new(Category.SafetyGoals, Column.NeedsToHappen, "safety-goals", "Safety / wellbeing goals",
                "What we need to see to know the child is safe enough"),
            new(Category.NextSteps, Column.NeedsToHappen, "next-steps", "Next steps",
                "Who will do what, by when"),
        ]),
    ];

    public static readonly IReadOnlyList<CategoryInfo> Categories = Columns.SelectMany(c => c.Categories).ToList();

    public static CategoryInfo Info(Category category) => Categories.First(c => c.Category == category);

    /// <summary>Reads a category from a form value (its slug or its number); null when it is not one of the seven.</summary>
    public static Category? Parse(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        var trimmed = value.Trim();
        var bySlug = Categories.FirstOrDefault(c => string.Equals(c.Slug, trimmed, StringComparison.OrdinalIgnoreCase));
        if (bySlug is not null) return bySlug.Category;
        return int.TryParse(trimmed, out var n) && Enum.IsDefined(typeof(Category), n) ? (Category)n : null;
    }
}
