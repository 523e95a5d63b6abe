using MeetingBoard.Meetings;
using static MeetingBoard.Tests.Meetings.Given;

namespace MeetingBoard.Tests.Meetings;

public class LockingAMeeting
{
    static AskToJoin Ask(Actor who) => new(who.Id, "Jo Smith", "Health visitor", "secret-hash", who, At);

    [Fact]
    public void StopsNewPeopleAskingToJoin()
    {
        var locked = OpenMeeting(new MeetingLocked(Iro, At));
        Assert.True(locked.IsLocked);
        Assert.Contains("locked", Then.Forbidden(Meeting.Decide(locked, Ask(HealthVisitor))).Message);
    }

    [Fact]
    public void KeepsThoseAlreadyInAndLetsTheFacilitatorAdmitWhoIsWaiting()
    {
        var state = Given.Events(Created(), Asked(Sam), Asked(Teacher), Admitted(Teacher), new MeetingLocked(Iro, At));
        Then.Single<ParticipantAdmitted>(Meeting.Decide(state, new AdmitParticipant(Sam.Id, Iro, At)));
        Assert.True(state.IsAdmitted(Teacher));
    }

    [Fact]
    public void UnlockingLetsPeopleAskAgain()
    {
        var state = OpenMeeting(new MeetingLocked(Iro, At));
        var unlocked = Then.Single<MeetingUnlocked>(Meeting.Decide(state, new UnlockMeeting(Iro, At)));
        Then.Single<ParticipantAskedToJoin>(Meeting.Decide(Meeting.Apply(state, unlocked), Ask(HealthVisitor)));
    }

    [Fact]
    public void IsTheFacilitatorsCallOnly()
    {
        Then.Forbidden(Meeting.Decide(OpenMeeting(), new LockMeeting(Sam, At)));
        Then.Forbidden(Meeting.Decide(OpenMeeting(), new LockMeeting(AnotherFacilitator, At)));
    }

    [Fact]
    public void LockingTwiceChangesNothing() =>
        Then.NoEvents(Meeting.Decide(OpenMeeting(new MeetingLocked(Iro, At)), new LockMeeting(Iro, At)));
}

public class AdmittingAutomatically
{
    static CreateMeeting Create(string type, bool admitAutomatically) => new(MeetingId, type, "Group supervision – 3 March", null,
        "Alex", "KPW7RTC4H", "screen-key", Iro, At, admitAutomatically);

    [Fact]
    public void IsOnlyForGroupSupervision()
    {
        Then.Single<MeetingCreated>(Meeting.Decide(MeetingState.Empty, Create("GroupSupervision", true)));
        Then.Invalid(Meeting.Decide(MeetingState.Empty, Create("ChildProtectionConference", true)), "admitAutomatically");
        Then.Invalid(Meeting.Decide(MeetingState.Empty, Create("FamilyNetworkMeeting", true)), "admitAutomatically");
    }

    [Fact]
    public void LetsPeopleStraightInWhenChosen()
    {
        var created = Then.Single<MeetingCreated>(Meeting.Decide(MeetingState.Empty, Create("GroupSupervision", true)));
        var decision = Meeting.Decide(Given.Events(created), new AskToJoin(HealthVisitor.Id, "Jo", "Social worker", "h", HealthVisitor, At));
        Assert.Null(decision.Refusal);
        Assert.Collection(decision.Events!, e => Assert.IsType<ParticipantAskedToJoin>(e), e => Assert.IsType<ParticipantAdmitted>(e));
    }

    [Fact]
    public void TheLobbyIsOnByDefault()
    {
        var created = Then.Single<MeetingCreated>(Meeting.Decide(MeetingState.Empty, Create("GroupSupervision", false)));
        Then.Single<ParticipantAskedToJoin>(Meeting.Decide(Given.Events(created),
            new AskToJoin(HealthVisitor.Id, "Jo", "Social worker", "h", HealthVisitor, At)));
    }

    [Fact]
    public void AnOldMeetingCreatedEventWithoutTheFlagHasALobby()
    {
        var json = """{"$type":"MeetingCreated","MeetingId":"m","Type":1,"Title":"T","CaseReference":null,"FacilitatorId":"f","FacilitatorName":"A","JoinCode":"KPW7RTC4H","ScreenKey":"k","At":"2025-03-04T10:00:00+00:00"}""";
        var e = Assert.IsType<MeetingCreated>(System.Text.Json.JsonSerializer.Deserialize<IMeetingEvent>(json, StoredEventNames.Json));
        Assert.False(e.AdmitsAutomatically);
    }
}
