using System.Collections.Immutable;
using System.Globalization;
using MeetingBoard.Meetings;

namespace MeetingBoard.Practice;

/// <summary>
/// The child's voice from direct work (DOMAIN.md: My Three Houses): what the child said about the
/// house of worries, the house of good things and the house of dreams, in the child's own words, with
/// their age and how it was gathered. Text only. The facilitator records it, and chooses when the
/// room sees it: until they show it, it is in no view but the facilitators'.
/// </summary>
public abstract record ThreeHousesCommand(Actor By, DateTimeOffset At) : MeetingCommand(By, At);

/// <summary>Records one child's three houses; recording again with the same id replaces what was recorded.</summary>
public sealed record RecordThreeHouses(
    string ChildId, string? Name, string? Age, string? Worries, string? GoodThings, string? Dreams, string? HowGathered,
    Actor By, DateTimeOffset At) : ThreeHousesCommand(By, At);

public sealed record RemoveThreeHouses(string ChildId, Actor By, DateTimeOffset At) : ThreeHousesCommand(By, At);

/// <summary>Shows the child's words to the room (the room screen and the people taking part), or hides them again.</summary>
public sealed record ShowThreeHouses(bool Shown, Actor By, DateTimeOffset At) : ThreeHousesCommand(By, At);

public interface IThreeHousesEvent : IMeetingEvent;

public sealed record ThreeHousesRecorded(
    string ChildId, string Name, int Age, string Worries, string GoodThings, string Dreams, string HowGathered,
    Actor By, DateTimeOffset At) : IThreeHousesEvent;

public sealed record ThreeHousesRemoved(string ChildId, Actor By, DateTimeOffset At) : IThreeHousesEvent;

public sealed record ThreeHousesShown(Actor By, DateTimeOffset At) : IThreeHousesEvent;

public sealed record ThreeHousesHidden(Actor By, DateTimeOffset At) : IThreeHousesEvent;

public sealed record ChildsHouses(
    string Id, string Name, int Age, string Worries, string GoodThings, string Dreams, string HowGathered,
    Actor RecordedBy, DateTimeOffset RecordedAt);

public sealed record ThreeHousesState
{
    public static readonly ThreeHousesState Empty = new();

    public ImmutableList<ChildsHouses> Children { get; init; } = [];
    /// <summary>Hidden until the facilitator shows it.</summary>
    public bool Shown { get; init; }
    public ImmutableHashSet<string> RemovedIds { get; init; } = [];
}

/// <summary>These strings are in every database: never change one (the test <c>StoredEventNamesAreStable</c> holds them).</summary>
public sealed class ThreeHousesEventNames : IStoredEventNames
{
    public IEnumerable<StoredEventName> Names =>
    [
        new(typeof(ThreeHousesRecorded), "ThreeHousesRecorded"),
        new(typeof(ThreeHousesRemoved), "ThreeHousesRemoved"),
        new(typeof(ThreeHousesShown), "ThreeHousesShown"),
        new(typeof(ThreeHousesHidden), "ThreeHousesHidden"),
    ];
}

public static class ThreeHouses
{
    public const int HouseMaxLength = 2000;
    public const int HowGatheredMaxLength = 500;
    public const int OldestAge = 25; // care leavers are supported to 25

    public static MeetingState Apply(MeetingState state, IThreeHousesEvent e)
    {
        var h = state.ThreeHouses;
        var next = e switch
        {
            ThreeHousesRecorded r => h with
            {
                Children = h.Children.FindIndex(c => c.Id == r.ChildId) is var at and >= 0
                    ? h.Children.SetItem(at, Child(r))
                    : h.Children.Add(Child(r)),
            },
            ThreeHousesRemoved r => h with { Children = h.Children.RemoveAll(c => c.Id == r.ChildId), RemovedIds = h.RemovedIds.Add(r.ChildId) },
            ThreeHousesShown => h with { Shown = true },
            ThreeHousesHidden => h with { Shown = false },
            _ => h,
        };
        return state with { ThreeHouses = next };
    }

    static ChildsHouses Child(ThreeHousesRecorded r) => new(r.ChildId, r.Name, r.Age, r.Worries, r.GoodThings, r.Dreams, r.HowGathered, r.By, r.At);

    public static Decision Decide(MeetingState state, ThreeHousesCommand command)
    {
        if (Meeting.Open(state) is { } closed) return closed;
        // The worker who did the direct work brings it; nobody else types a child's words.
        if (!state.IsFacilitator(command.By)) return Meeting.Forbidden("Only the facilitator records and shows what the child said");
        var h = state.ThreeHouses;
        return command switch
        {
            RecordThreeHouses c => Record(state, c),
            RemoveThreeHouses c => h.Children.Exists(x => x.Id == c.ChildId) ? Meeting.Events(new ThreeHousesRemoved(c.ChildId, c.By, c.At)) : Meeting.Events(),
            ShowThreeHouses { Shown: true } c when !h.Shown && h.Children.IsEmpty =>
                Meeting.Refuse("", "Nothing has been recorded from the child yet, so there is nothing to show", RefusalKind.Conflict),
            ShowThreeHouses c => c.Shown == h.Shown ? Meeting.Events()
                : c.Shown ? Meeting.Events(new ThreeHousesShown(c.By, c.At)) : Meeting.Events(new ThreeHousesHidden(c.By, c.At)),
            _ => Meeting.Refuse("", "That action is not known"),
        };
    }

    static Decision Record(MeetingState state, RecordThreeHouses c)
    {
        var (name, e1) = Text.Clean(c.Name, "the child's first name", Text.NameMaxLength, multiline: false);
        if (e1 is not null) return Meeting.Refuse("name", e1);
        var ageText = c.Age?.Trim() ?? "";
        if (ageText.Length == 0) return Meeting.Refuse("age", "Enter the child's age");
        if (!int.TryParse(ageText, NumberStyles.None, CultureInfo.InvariantCulture, out var age) || age > OldestAge)
            return Meeting.Refuse("age", $"The child's age must be a whole number of years, from 0 to {OldestAge}");
        var houses = new (string Field, string? Raw, string What)[]
        {
            ("worries", c.Worries, "what the child said in the house of worries"),
            ("goodThings", c.GoodThings, "what the child said in the house of good things"),
            ("dreams", c.Dreams, "what the child said in the house of dreams"),
        };
        var said = new Dictionary<string, string>();
        foreach (var (field, raw, what) in houses)
        {
            var (value, error) = Text.Clean(raw, what, HouseMaxLength, multiline: true, required: false);
            if (error is not null) return Meeting.Refuse(field, error);
            said[field] = value!;
        }
        if (said.Values.All(v => v.Length == 0))
            return Meeting.Refuse("worries", "Write what the child said in at least one of the three houses");
        var (how, e2) = Text.Clean(c.HowGathered, "how and when this was gathered", HowGatheredMaxLength, multiline: true);
        if (e2 is not null) return Meeting.Refuse("howGathered", e2);
        if (state.ThreeHouses.RemovedIds.Contains(c.ChildId)) return Meeting.Refuse("", "This has been removed", RefusalKind.Conflict);
        var current = state.ThreeHouses.Children.Find(x => x.Id == c.ChildId);
        var recorded = new ThreeHousesRecorded(c.ChildId, name!, age, said["worries"], said["goodThings"], said["dreams"], how!, c.By, c.At);
        if (current is not null && current == (Child(recorded) with { RecordedBy = current.RecordedBy, RecordedAt = current.RecordedAt })) return Meeting.Events();
        return Meeting.Events(recorded);
    }
}
