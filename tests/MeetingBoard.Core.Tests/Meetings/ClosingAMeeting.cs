using MeetingBoard.Meetings;
using static MeetingBoard.Tests.Meetings.Given;

namespace MeetingBoard.Tests.Meetings;

public class ClosingAMeeting
{
    [Fact]
    public void LetsTheFacilitatorCloseIt() =>
        Assert.Equal(Iro, Then.Single<MeetingClosed>(Meeting.Decide(OpenMeeting(), new CloseMeeting(Iro, At))).By);

    [Fact]
    public void IsForbiddenToAParticipantAndToAnotherFacilitator()
    {
        Then.Forbidden(Meeting.Decide(OpenMeeting(), new CloseMeeting(Sam, At)));
        Then.Forbidden(Meeting.Decide(OpenMeeting(), new CloseMeeting(AnotherFacilitator, At)));
    }

    [Fact]
    public void ProducesNoEventsTheSecondTime() =>
        Then.NoEvents(Meeting.Decide(OpenMeeting(Closed()), new CloseMeeting(Iro, At)));

    [Fact]
    public void LeavesNothingMoreToAddEditOrJoin()
    {
        var closed = OpenMeeting(Added("i-1", Sam), Closed());

        Then.Conflict(Meeting.Decide(closed, new AddItem("i-2", "harm", "Police were called twice", Iro, At)));
        Then.Conflict(Meeting.Decide(closed, new EditItem("i-1", "Changed afterwards", Sam, At)));
        Then.Conflict(Meeting.Decide(closed, new AskToJoin(HealthVisitor.Id, "Jo Smith", "Health visitor", "hash", HealthVisitor, At)));
        Then.Conflict(Meeting.Decide(closed, new AdmitParticipant(HealthVisitor.Id, Iro, At)));
    }
}
