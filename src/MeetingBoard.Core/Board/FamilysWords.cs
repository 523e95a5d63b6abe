using MeetingBoard.Meetings;
using MeetingBoard.Scaling;

namespace MeetingBoard.Board;

/// <summary>
/// "Family words visible in the mapping" is one of the measures a service looks for (DOMAIN.md). An
/// item added by someone the facilitator counts as family and network (Core/Scaling) is in the
/// family's words; the facilitator marks an item they typed for a parent the same way.
/// </summary>
public sealed record MarkFamilysWords(string ItemId, bool Marked, Actor By, DateTimeOffset At) : MeetingCommand(By, At);

public sealed record ItemMarkedFamilysWords(string ItemId, bool Marked, Actor By, DateTimeOffset At) : IMeetingEvent;

/// <summary>These strings are in every database: never change one (the test <c>StoredEventNamesAreStable</c> holds them).</summary>
public sealed class FamilysWordsEventNames : IStoredEventNames
{
    public IEnumerable<StoredEventName> Names => [new(typeof(ItemMarkedFamilysWords), "ItemMarkedFamilysWords")];
}

public static class FamilysWords
{
    public const string Label = "In the family's words";

    /// <summary>Whether the item is in the family's words: added by family or network, or marked so by a facilitator.</summary>
    public static bool Of(MeetingState state, BoardItem item) =>
        state.FamilysWordsItemIds.Contains(item.Id)
        || (item.Author.Kind == ActorKind.Participant && state.Scaling.GroupOf(item.Author) == ScalingGroup.FamilyAndNetwork);

    public static MeetingState Apply(MeetingState state, ItemMarkedFamilysWords e) => state with
    {
        FamilysWordsItemIds = e.Marked ? state.FamilysWordsItemIds.Add(e.ItemId) : state.FamilysWordsItemIds.Remove(e.ItemId),
    };

    public static Decision Decide(MeetingState state, MarkFamilysWords c)
    {
        if (Meeting.Open(state) is { } closed) return closed;
        if (!state.IsFacilitator(c.By)) return Meeting.Forbidden("Only the facilitator marks an item as in the family's words");
        if (state.FindItem(c.ItemId) is not { } item) return Meeting.Refuse("", "This item has been removed from the board", RefusalKind.NotFound);
        // What a participant adds is marked by who they are; only what a facilitator typed for someone needs the mark.
        if (!item.Author.IsFacilitator)
            return Meeting.Refuse("", "Only an item a facilitator typed can be marked. What family and network members add is marked already", RefusalKind.Conflict);
        return state.FamilysWordsItemIds.Contains(item.Id) == c.Marked ? Meeting.Events() : Meeting.Events(new ItemMarkedFamilysWords(item.Id, c.Marked, c.By, c.At));
    }
}
