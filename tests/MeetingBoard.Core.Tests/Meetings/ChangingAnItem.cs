using MeetingBoard.Board;
using MeetingBoard.Meetings;
using static MeetingBoard.Tests.Meetings.Given;

namespace MeetingBoard.Tests.Meetings;

public class EditingAnItem
{
    static readonly MeetingState SamsItem = OpenMeeting(Added("i-1", Sam, text: "Sam took the children to Pat's"));

    static Decision Edit(Actor by, string? text = "Sam took the children to Pat's straight away", MeetingState? given = null) =>
        Meeting.Decide(given ?? SamsItem, new EditItem("i-1", text, by, At));

    [Fact]
    public void LetsTheAuthorChangeTheirWords()
    {
        var edited = Then.Single<ItemEdited>(Edit(Sam, " Sam took the children to Pat's straight away\r\n"));
        Assert.Equal("i-1", edited.ItemId);
        Assert.Equal("Sam took the children to Pat's straight away", edited.Text);
    }

    [Fact]
    public void IsForbiddenToAnotherParticipant() =>
        Then.Forbidden(Edit(Teacher));

    [Fact]
    public void LetsTheFacilitatorChangeAnyonesItem() =>
        Assert.Equal(Iro, Then.Single<ItemEdited>(Edit(Iro)).By);

    [Fact]
    public void ProducesNoEventsWhenTheTextIsUnchanged() =>
        Then.NoEvents(Edit(Sam, "  Sam took the children to Pat's  "));

    [Fact]
    public void IsNotFoundOnceTheItemHasBeenRemoved() =>
        Then.NotFound(Edit(Sam, given: OpenMeeting(Added("i-1", Sam), RemovedItem("i-1", Iro))));
}

public class MovingAnItem
{
    static readonly MeetingState ItemInStrengths = OpenMeeting(Added("i-1", Sam, Category.ExistingStrengths));

    [Fact]
    public void RecordsWhereTheFacilitatorMovedItFromAndTo()
    {
        var moved = Then.Single<ItemMoved>(Meeting.Decide(ItemInStrengths, new MoveItem("i-1", "existing-safety", Iro, At)));
        Assert.Equal(Category.ExistingStrengths, moved.From);
        Assert.Equal(Category.ExistingSafety, moved.To);
    }

    [Fact]
    public void IsForbiddenToTheAuthor() =>
        Then.Forbidden(Meeting.Decide(ItemInStrengths, new MoveItem("i-1", "existing-safety", Sam, At)));

    [Fact]
    public void ProducesNoEventsWhenTheCategoryIsTheSame() =>
        Then.NoEvents(Meeting.Decide(ItemInStrengths, new MoveItem("i-1", "4", Iro, At)));

    [Fact]
    public void IsRefusedForACategoryNotOnTheMap() =>
        Then.Invalid(Meeting.Decide(ItemInStrengths, new MoveItem("i-1", "scaling", Iro, At)), "category");

    [Fact]
    public void IsNotFoundForAnItemNotOnTheBoard() =>
        Then.NotFound(Meeting.Decide(ItemInStrengths, new MoveItem("i-2", "harm", Iro, At)));
}

public class RemovingAnItem
{
    static readonly MeetingState SamsItem = OpenMeeting(Added("i-1", Sam));

    [Fact]
    public void CannotBeUndoneByALateRetryOfTheAdd()
    {
        var removed = OpenMeeting(Added("i-1", Sam), RemovedItem("i-1", Sam));
        Then.Conflict(Meeting.Decide(removed, new AddItem("i-1", "existing-safety", "Back again", Sam, At)));
    }

    [Fact]
    public void LetsTheAuthorOrTheFacilitatorRemoveIt()
    {
        Assert.Equal("i-1", Then.Single<ItemRemoved>(Meeting.Decide(SamsItem, new RemoveItem("i-1", Sam, At))).ItemId);
        Assert.Equal(Iro, Then.Single<ItemRemoved>(Meeting.Decide(SamsItem, new RemoveItem("i-1", Iro, At))).By);
    }

    [Fact]
    public void IsForbiddenToAnotherParticipant() =>
        Then.Forbidden(Meeting.Decide(SamsItem, new RemoveItem("i-1", Teacher, At)));

    [Fact]
    public void ProducesNoEventsWhenItIsAlreadyGone() =>
        Then.NoEvents(Meeting.Decide(OpenMeeting(Added("i-1", Sam), RemovedItem("i-1", Sam)), new RemoveItem("i-1", Sam, At)));
}
