using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using MeetingBoard.Tests.Meetings;

namespace MeetingBoard.Tests.Facilitation;

public sealed class GivingSupervisionRoles
{
    static readonly DateTimeOffset At = Given.At;

    static MeetingState Supervision() => Given.Events(
        Given.Created() with { Type = MeetingType.GroupSupervision },
        Given.Asked(Given.Sam), Given.Admitted(Given.Sam), Given.Asked(Given.Teacher), Given.Admitted(Given.Teacher));

    [Fact]
    public void OnePresenterAtATime()
    {
        var state = Supervision();
        Assert.Equal(SupervisionRole.Group, state.RoleOf(Given.Sam.Id));
        state = Meeting.Apply(state, Then.Single<SupervisionRoleGiven>(Meeting.Decide(state, new GiveSupervisionRole(Given.Sam.Id, "presenter", Given.Iro, At))));
        Assert.Equal(SupervisionRole.Presenter, state.RoleOf(Given.Sam.Id));

        var decision = Meeting.Decide(state, new GiveSupervisionRole(Given.Teacher.Id, "Presenter", Given.Iro, At));
        state = decision.Events!.Aggregate(state, Meeting.Apply);
        Assert.Equal(SupervisionRole.Group, state.RoleOf(Given.Sam.Id));
        Assert.Equal(SupervisionRole.Presenter, state.RoleOf(Given.Teacher.Id));
    }

    [Fact]
    public void BadRolesPeopleAndMeetingsAreRefused()
    {
        Then.Invalid(Meeting.Decide(Supervision(), new GiveSupervisionRole(Given.Sam.Id, "boss", Given.Iro, At)), "role");
        Then.NotFound(Meeting.Decide(Supervision(), new GiveSupervisionRole("nobody", "advisor", Given.Iro, At)));
        Then.Forbidden(Meeting.Decide(Supervision(), new GiveSupervisionRole(Given.Sam.Id, "advisor", Given.Sam, At)));
        Then.Conflict(Meeting.Decide(Given.OpenMeeting(), new GiveSupervisionRole(Given.Sam.Id, "advisor", Given.Iro, At)));
    }
}
