using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using MeetingBoard.Tests.Meetings;

namespace MeetingBoard.Tests.Facilitation;

/// <summary>The presenter's question, and the group's reflections and appreciations (issue 17, part 5).</summary>
public sealed class SupervisionThatTeaches
{
    static readonly DateTimeOffset At = Given.At;
    static readonly Actor Presenter = Given.Sam;
    static readonly Actor Colleague = Given.Teacher;

    static MeetingState Supervision(params IMeetingEvent[] then) => Given.Events(
    [
        Given.Created() with { Type = MeetingType.GroupSupervision },
        Given.Asked(Presenter), Given.Admitted(Presenter), Given.Asked(Colleague), Given.Admitted(Colleague),
        new SupervisionRoleGiven(Presenter.Id, SupervisionRole.Presenter, Given.Iro, At),
        .. then,
    ]);

    static MeetingState Run(MeetingState state, MeetingCommand command) =>
        Meeting.Decide(state, command).Events!.Aggregate(state, Meeting.Apply);

    [Fact]
    public void ThePresenterStatesTheQuestionTheyBring()
    {
        var e = Then.Single<PresenterQuestionStated>(Meeting.Decide(Supervision(), new StatePresenterQuestion("  How do I get Jordan to talk to me?  ", Presenter, At)));
        Assert.Equal("How do I get Jordan to talk to me?", e.Text);
        var state = Meeting.Apply(Supervision(), e);
        Assert.Equal(Presenter, state.Supervision.Question!.By);
        // Saying the same again changes nothing.
        Then.NoEvents(Meeting.Decide(state, new StatePresenterQuestion("How do I get Jordan to talk to me?", Presenter, At)));
    }

    [Fact]
    public void TheFacilitatorMayTypeItForThePresenterButNobodyElseMay()
    {
        Then.Single<PresenterQuestionStated>(Meeting.Decide(Supervision(), new StatePresenterQuestion("What am I missing?", Given.Iro, At)));
        Then.Forbidden(Meeting.Decide(Supervision(), new StatePresenterQuestion("What am I missing?", Colleague, At)));
        Then.Invalid(Meeting.Decide(Supervision(), new StatePresenterQuestion("   ", Presenter, At)), "text");
    }

    [Fact]
    public void OnlyGroupSupervisionHasThem()
    {
        Then.Conflict(Meeting.Decide(Given.OpenMeeting(), new StatePresenterQuestion("What am I missing?", Given.Iro, At)));
        Then.Conflict(Meeting.Decide(Given.OpenMeeting(), new AddReflection("r1", "reflection", "Good", Given.Iro, At)));
    }

    [Fact]
    public void EachPersonAddsReflectionsAndAppreciationsInTheLastStage()
    {
        var state = Supervision(new StageStarted(Reflections.ReflectionStageId, Given.Iro, At));
        state = Run(state, new AddReflection("r1", "appreciation", "You knew the family so well", Colleague, At));
        state = Run(state, new AddReflection("r2", "reflection", "The questions slowed me down, in a good way", Presenter, At));
        Assert.Equal(["r1"], state.Supervision.Of(ReflectionKind.Appreciation).Select(r => r.Id));
        Assert.Equal(Colleague, state.Supervision.Of(ReflectionKind.Appreciation).Single().Author);
        Assert.Equal(["r2"], state.Supervision.Of(ReflectionKind.Reflection).Select(r => r.Id));
    }

    [Fact]
    public void ParticipantsWaitForTheLastStage()
    {
        var mapping = Supervision(new StageStarted("information", Given.Iro, At));
        Then.Conflict(Meeting.Decide(mapping, new AddReflection("r1", "reflection", "Good", Colleague, At)));
        // The facilitator writes down what is said whenever it is said.
        Then.Single<ReflectionAdded>(Meeting.Decide(mapping, new AddReflection("r1", "reflection", "Good", Given.Iro, At)));
    }

    [Fact]
    public void ThePresenterIsAppreciatedNotAppreciating()
    {
        Then.Invalid(Meeting.Decide(Supervision(), new AddReflection("r1", "appreciation", "Me", Presenter, At)), "kind");
        Then.Invalid(Meeting.Decide(Supervision(), new AddReflection("r1", "praise", "Good", Colleague, At)), "kind");
        Then.Invalid(Meeting.Decide(Supervision(), new AddReflection("r1", "reflection", "", Colleague, At)), "text");
    }

    [Fact]
    public void PeopleRemoveTheirOwnAndTheFacilitatorAny()
    {
        var state = Run(Supervision(), new AddReflection("r1", "appreciation", "Calm", Colleague, At));
        Then.Forbidden(Meeting.Decide(state, new RemoveReflection("r1", Presenter, At)));
        Then.Single<ReflectionRemoved>(Meeting.Decide(state, new RemoveReflection("r1", Colleague, At)));
        state = Run(state, new RemoveReflection("r1", Given.Iro, At));
        Assert.Empty(state.Supervision.Reflections);
        Then.NoEvents(Meeting.Decide(state, new RemoveReflection("r1", Given.Iro, At)));
        // A late retry of the add cannot bring it back.
        Then.Conflict(Meeting.Decide(state, new AddReflection("r1", "appreciation", "Calm", Colleague, At)));
    }
}
