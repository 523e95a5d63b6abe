using MeetingBoard.Board;
using MeetingBoard.Meetings;
using static MeetingBoard.Tests.Meetings.Given;

namespace MeetingBoard.Tests.Meetings;

public class FoldingEvents
{
    [Fact]
    public void CountsEveryEventInTheVersion()
    {
        Assert.Equal(0, MeetingState.Empty.Version);
        Assert.False(MeetingState.Empty.Exists);

        var state = Given.Events(Created(), Asked(Sam), Admitted(Sam), Added("i-1", Sam), Closed());

        Assert.Equal(5, state.Version);
        Assert.True(state.Exists);
        Assert.True(state.IsClosed);
    }

    [Fact]
    public void KeepsItemsInTheOrderTheyWereAdded()
    {
        var state = OpenMeeting(Added("i-3", Sam), Added("i-1", Teacher), Added("i-2", Iro), RemovedItem("i-1", Teacher));

        Assert.Equal(["i-3", "i-2"], state.Items.Select(i => i.Id));
    }

    [Fact]
    public void KeepsAMovedItemInItsPlaceUnderItsNewCategory()
    {
        var state = OpenMeeting(Added("i-1", Sam, Category.Harm), Added("i-2", Sam, Category.ExistingStrengths),
            new ItemMoved("i-1", Category.Harm, Category.DangerStatements, Iro, At));

        Assert.Equal(["i-1", "i-2"], state.Items.Select(i => i.Id));
        Assert.Equal(Category.DangerStatements, state.Items[0].Category);
        Assert.Empty(state.ItemsIn(Category.Harm));
    }

    [Fact]
    public void RecordsTheNewWordsAndWhenTheyWereEdited()
    {
        var later = At.AddMinutes(7);
        var item = Assert.Single(OpenMeeting(Added("i-1", Sam, text: "Pat lives nearby"),
            new ItemEdited("i-1", "Pat lives five minutes away", Sam, later)).Items);

        Assert.Equal("Pat lives five minutes away", item.Text);
        Assert.Equal(later, item.EditedAt);
        Assert.Equal(At, item.AddedAt);
    }

    [Fact]
    public void FollowsAParticipantFromTheLobbyToTheBoardAndOut()
    {
        var events = new IMeetingEvent[] { Created(), Asked(Sam), Admitted(Sam), RemovedFromMeeting(Sam), Admitted(Sam) };
        var statuses = new List<ParticipantStatus>();
        var state = MeetingState.Empty;
        foreach (var e in events)
        {
            state = Meeting.Apply(state, e);
            if (state.FindParticipant(Sam.Id) is { } sam) statuses.Add(sam.Status);
        }

        Assert.Equal([ParticipantStatus.Waiting, ParticipantStatus.Admitted, ParticipantStatus.Removed, ParticipantStatus.Admitted], statuses);
        Assert.Single(state.Participants);
        Assert.Equal(ParticipantStatus.Declined,
            Given.Events(Created(), Asked(Teacher), Declined(Teacher)).FindParticipant(Teacher.Id)?.Status);
    }

    [Fact]
    public void EachSnapshotFindsItsOwnPeople()
    {
        // Renders look people up in snapshots while newer ones are folded: each must answer from its own list.
        var waiting = Given.Events(Created(), Asked(Sam));
        var admitted = Meeting.Apply(waiting, Admitted(Sam));
        Assert.Equal(ParticipantStatus.Admitted, admitted.FindParticipant(Sam.Id)?.Status);
        Assert.Equal(ParticipantStatus.Waiting, waiting.FindParticipant(Sam.Id)?.Status);
        Assert.Null(waiting.FindParticipant(Teacher.Id));
        Assert.Null(Meeting.Apply(admitted, Asked(Teacher)).FindParticipant("nobody"));
    }
}
