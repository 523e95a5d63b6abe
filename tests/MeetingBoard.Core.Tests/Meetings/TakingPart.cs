using MeetingBoard.Meetings;
using static MeetingBoard.Tests.Meetings.Given;

namespace MeetingBoard.Tests.Meetings;

public class AskingToJoin
{
    static AskToJoin Ask(string? name = "Jo Smith", string? role = "Health visitor", Actor? who = null)
    {
        var participant = who ?? HealthVisitor;
        return new(participant.Id, name, role, "secret-hash", participant, At);
    }

    [Fact]
    public void PutsThePersonInTheLobbyWithTheirNameAndRoleTrimmed()
    {
        var asked = Then.Single<ParticipantAskedToJoin>(Meeting.Decide(Given.Events(Created()),
            Ask(name: "  Jo Smith ", role: " Health visitor\t")));

        Assert.Equal(HealthVisitor.Id, asked.ParticipantId);
        Assert.Equal("Jo Smith", asked.Name);
        Assert.Equal("Health visitor", asked.Role);
        Assert.Equal("secret-hash", asked.SecretHash);
    }

    [Fact]
    public void IsRefusedWithoutANameOrRole()
    {
        Then.Invalid(Meeting.Decide(Given.Events(Created()), Ask(name: "  ")), "name");
        Then.Invalid(Meeting.Decide(Given.Events(Created()), Ask(role: "")), "role");
    }

    [Fact]
    public void IsRefusedWhenTheNameIsTooLong()
    {
        Then.Single<ParticipantAskedToJoin>(Meeting.Decide(Given.Events(Created()), Ask(name: new string('n', Text.NameMaxLength))));
        Then.Invalid(Meeting.Decide(Given.Events(Created()), Ask(name: new string('n', Text.NameMaxLength + 1))), "name");
    }

    [Fact]
    public void IsNotFoundForAMeetingThatDoesNotExist() =>
        Then.NotFound(Meeting.Decide(MeetingState.Empty, Ask()));

    [Fact]
    public void IsRefusedWhenTheSameParticipantAsksTwice() =>
        Then.Conflict(Meeting.Decide(Given.Events(Created(), Asked(HealthVisitor)), Ask()));
}

public class AdmittingAParticipant
{
    static readonly MeetingState SamWaiting = Given.Events(Created(), Asked(Sam));

    [Fact]
    public void LetsTheFacilitatorAdmitSomeoneWaiting()
    {
        var admitted = Then.Single<ParticipantAdmitted>(Meeting.Decide(SamWaiting, new AdmitParticipant(Sam.Id, Iro, At)));
        Assert.Equal(Sam.Id, admitted.ParticipantId);
        Assert.Equal(Iro, admitted.By);
    }

    [Fact]
    public void IsForbiddenToAFacilitatorOfAnotherMeeting() =>
        Then.Forbidden(Meeting.Decide(SamWaiting, new AdmitParticipant(Sam.Id, AnotherFacilitator, At)));

    [Fact]
    public void IsForbiddenToAParticipant() =>
        Then.Forbidden(Meeting.Decide(Given.Events(Created(), Asked(Teacher), Admitted(Teacher), Asked(Sam)),
            new AdmitParticipant(Sam.Id, Teacher, At)));

    [Fact]
    public void ProducesNoEventsWhenTheyAreAlreadyAdmitted() =>
        Then.NoEvents(Meeting.Decide(Given.Events(Created(), Asked(Sam), Admitted(Sam)), new AdmitParticipant(Sam.Id, Iro, At)));

    [Fact]
    public void CanBringBackSomeoneWhoWasRemoved() =>
        Then.Single<ParticipantAdmitted>(Meeting.Decide(Given.Events(Created(), Asked(Sam), Admitted(Sam), RemovedFromMeeting(Sam)),
            new AdmitParticipant(Sam.Id, Iro, At)));

    [Fact]
    public void IsNotFoundForSomeoneWhoNeverAskedToJoin() =>
        Then.NotFound(Meeting.Decide(SamWaiting, new AdmitParticipant(HealthVisitor.Id, Iro, At)));
}

public class DecliningAParticipant
{
    [Fact]
    public void LetsTheFacilitatorDeclineSomeoneWaiting() =>
        Assert.Equal(Sam.Id, Then.Single<ParticipantDeclined>(
            Meeting.Decide(Given.Events(Created(), Asked(Sam)), new DeclineParticipant(Sam.Id, Iro, At))).ParticipantId);

    [Fact]
    public void IsRefusedForSomeoneAlreadyAdmitted() =>
        Then.Conflict(Meeting.Decide(Given.Events(Created(), Asked(Sam), Admitted(Sam)), new DeclineParticipant(Sam.Id, Iro, At)));

    [Fact]
    public void IsForbiddenToAFacilitatorOfAnotherMeeting() =>
        Then.Forbidden(Meeting.Decide(Given.Events(Created(), Asked(Sam)), new DeclineParticipant(Sam.Id, AnotherFacilitator, At)));
}

public class RemovingAParticipant
{
    [Fact]
    public void LetsTheFacilitatorRemoveSomeoneAdmitted() =>
        Assert.Equal(Sam.Id, Then.Single<ParticipantRemoved>(
            Meeting.Decide(OpenMeeting(), new RemoveParticipant(Sam.Id, Iro, At))).ParticipantId);

    [Fact]
    public void ProducesNoEventsTheSecondTime() =>
        Then.NoEvents(Meeting.Decide(OpenMeeting(RemovedFromMeeting(Sam)), new RemoveParticipant(Sam.Id, Iro, At)));

    [Fact]
    public void IsForbiddenToAParticipant() =>
        Then.Forbidden(Meeting.Decide(OpenMeeting(), new RemoveParticipant(Sam.Id, Teacher, At)));
}
