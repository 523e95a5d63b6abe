using System.Globalization;
using System.Runtime.CompilerServices;
using MeetingBoard.Board;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Web.Features.Practice;

namespace MeetingBoard.Web.Features.Board;

/// <summary>
/// The map's categories as one version of an audience's view shows them: each category's words, its items
/// and its count, with the ids its markup uses. Worked out once per view and shared by every circuit given
/// that view, instead of each circuit sorting the items and building the same strings at every change
/// (bench scenario A).
/// </summary>
public sealed class BoardLayout
{
    public sealed record CategoryShown(CategoryInfo Info, BoardItem[] Items, int Count, string SectionId, string TitleId, string CountText)
    {
        public IReadOnlyList<Category> Only { get; } = [Info.Category];
    }

    public sealed record ColumnShown(ColumnInfo Info, string Class, string TitleId, IReadOnlyList<Category> Categories, IReadOnlyList<CategoryShown> CategoriesShown);

    public required IReadOnlyList<ColumnShown> Columns { get; init; }

    Dictionary<Category, CategoryShown> ByCategory { get; init; } = [];

    /// <summary>One category as this view shows it.</summary>
    public CategoryShown Of(Category category) => ByCategory[category];

    static readonly ConditionalWeakTable<MeetingState, BoardLayout> made = new();

    public static BoardLayout For(MeetingState state) => made.GetValue(state, Make);

    static BoardLayout Make(MeetingState state)
    {
        var byCategory = state.Items.GroupBy(i => i.Category).ToDictionary(g => g.Key, g => g.ToArray());
        var columns = Map.Columns.Select(column => new ColumnShown(
                column,
                "mb-column mb-column--" + column.Column switch { Column.Worried => "worried", Column.WorkingWell => "working", _ => "needs" },
                "col-" + column.Slug,
                column.Categories.Select(c => c.Category).ToList(),
                column.Categories.Select(c =>
                {
                    var info = state.Practice.Words.Info(c.Category);
                    var items = byCategory.GetValueOrDefault(c.Category, []);
                    var count = items.Length + PracticeSection.Count(state.Practice, c.Category);
                    return new CategoryShown(info, items, count, "cat-" + info.Slug, $"cat-{info.Slug}-title", $"({count.ToString(CultureInfo.InvariantCulture)})");
                }).ToList())).ToList();
        return new BoardLayout
        {
            Columns = columns,
            ByCategory = columns.SelectMany(c => c.CategoriesShown).ToDictionary(c => c.Info.Category),
        };
    }
}
