using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Tests.Meetings;

namespace MeetingBoard.Tests.Practice;

/// <summary>My Three Houses, recorded by the facilitator and shown to the room when they choose (issue 17, part 7).</summary>
public sealed class TheChildsVoice
{
    static readonly DateTimeOffset At = Given.At;

    static RecordThreeHouses Maya(Actor by, string worries = "When Jordan shouts I hide under the bed", string? age = "6") =>
        new("child-maya", "Maya", age, worries, "Nanny Pat's house and my teacher", "Everyone being kind at home", "Drawn with her social worker at school", by, At);

    static MeetingState Run(MeetingState state, MeetingCommand command) =>
        Meeting.Decide(state, command).Events!.Aggregate(state, Meeting.Apply);

    [Fact]
    public void TheFacilitatorRecordsTheChildsOwnWords()
    {
        var state = Run(Given.OpenMeeting(), Maya(Given.Iro));
        var maya = Assert.Single(state.ThreeHouses.Children);
        Assert.Equal(6, maya.Age);
        Assert.Equal("When Jordan shouts I hide under the bed", maya.Worries);
        Assert.False(state.ThreeHouses.Shown);
    }

    [Fact]
    public void RecordingAgainChangesItAndTheSameAgainChangesNothing()
    {
        var state = Run(Given.OpenMeeting(), Maya(Given.Iro));
        Then.NoEvents(Meeting.Decide(state, Maya(Given.Iro)));
        state = Run(state, Maya(Given.Iro, worries: "Shouting"));
        Assert.Equal("Shouting", Assert.Single(state.ThreeHouses.Children).Worries);
    }

    [Fact]
    public void OnlyTheFacilitatorRecordsOrShowsIt()
    {
        Then.Forbidden(Meeting.Decide(Given.OpenMeeting(), Maya(Given.Sam)));
        var state = Run(Given.OpenMeeting(), Maya(Given.Iro));
        Then.Forbidden(Meeting.Decide(state, new ShowThreeHouses(true, Given.Sam, At)));
        Then.Forbidden(Meeting.Decide(state, new RemoveThreeHouses("child-maya", Given.Teacher, At)));
    }

    [Fact]
    public void BadAgesAndEmptyHousesAreRefused()
    {
        Then.Invalid(Meeting.Decide(Given.OpenMeeting(), Maya(Given.Iro, age: "six")), "age");
        Then.Invalid(Meeting.Decide(Given.OpenMeeting(), Maya(Given.Iro, age: "-1")), "age");
        Then.Invalid(Meeting.Decide(Given.OpenMeeting(), Maya(Given.Iro, age: "")), "age");
        Then.Invalid(Meeting.Decide(Given.OpenMeeting(), new RecordThreeHouses("c", "Leo", "2", "", " ", null, "Play session", Given.Iro, At)), "worries");
        Then.Invalid(Meeting.Decide(Given.OpenMeeting(), new RecordThreeHouses("c", "Leo", "2", "Dogs", "", "", "", Given.Iro, At)), "howGathered");
    }

    [Fact]
    public void ShownAndHiddenOnlyWhenThereIsSomethingToShow()
    {
        Then.Conflict(Meeting.Decide(Given.OpenMeeting(), new ShowThreeHouses(true, Given.Iro, At)));
        var state = Run(Run(Given.OpenMeeting(), Maya(Given.Iro)), new ShowThreeHouses(true, Given.Iro, At));
        Assert.True(state.ThreeHouses.Shown);
        Then.NoEvents(Meeting.Decide(state, new ShowThreeHouses(true, Given.Iro, At)));
        state = Run(state, new ShowThreeHouses(false, Given.Iro, At));
        Assert.False(state.ThreeHouses.Shown);
    }

    [Fact]
    public void ARemovedChildsHousesStayRemoved()
    {
        var state = Run(Run(Given.OpenMeeting(), Maya(Given.Iro)), new RemoveThreeHouses("child-maya", Given.Iro, At));
        Assert.Empty(state.ThreeHouses.Children);
        Then.Conflict(Meeting.Decide(state, Maya(Given.Iro)));
    }
}
