using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using MeetingBoard.Tests.Meetings;

namespace MeetingBoard.Tests.Facilitation;

public sealed class GoingRoundTheRoom
{
    static readonly DateTimeOffset At = Given.At;

    static MeetingState Started()
    {
        var state = Given.OpenMeeting();
        return Meeting.Apply(state, Then.Single<TurnRoundStarted>(Meeting.Decide(state, new StartTurnRound(Given.Iro, At))));
    }

    [Fact]
    public void EveryoneLetInTakesATurnInOrder()
    {
        var state = Started();
        Assert.Equal([Given.Sam, Given.Teacher], state.Facilitation.Turns!.Order);
        Assert.Equal(Given.Sam, state.Facilitation.Turns.Speaker);
        state = Meeting.Apply(state, Then.Single<TurnTaken>(Meeting.Decide(state, new EndTurn(Given.Sam.Key, false, Given.Iro, At))));
        Assert.Equal(Given.Teacher, state.Facilitation.Turns!.Speaker);
    }

    [Fact]
    public void PressingNextTwiceForOneSpeakerMovesOnOnce()
    {
        var state = Started();
        state = Meeting.Apply(state, Then.Single<TurnTaken>(Meeting.Decide(state, new EndTurn(Given.Sam.Key, false, Given.Iro, At))));
        Then.NoEvents(Meeting.Decide(state, new EndTurn(Given.Sam.Key, false, Given.Iro, At)));
    }

    [Fact]
    public void TheSpeakerMayPassButNotForSomeoneElse()
    {
        var state = Started();
        Then.Forbidden(Meeting.Decide(state, new EndTurn(Given.Sam.Key, true, Given.Teacher, At)));
        var passed = Then.Single<TurnTaken>(Meeting.Decide(state, new EndTurn(Given.Sam.Key, true, Given.Sam, At)));
        Assert.True(passed.Passed);
        state = Meeting.Apply(state, passed);
        Assert.Contains(Given.Sam.Key, state.Facilitation.Turns!.Passed);
        // Moving someone else on without passing is the facilitator's call.
        Then.Forbidden(Meeting.Decide(state, new EndTurn(Given.Teacher.Key, false, Given.Teacher, At)));
    }

    [Fact]
    public void AfterTheLastSpeakerTheRoundIsDoneAndCanBeEnded()
    {
        var state = Started();
        state = Meeting.Apply(state, new TurnTaken(Given.Sam, false, Given.Iro, At));
        state = Meeting.Apply(state, new TurnTaken(Given.Teacher, false, Given.Iro, At));
        Assert.Null(state.Facilitation.Turns!.Speaker);
        state = Meeting.Apply(state, Then.Single<TurnRoundEnded>(Meeting.Decide(state, new EndTurnRound(Given.Iro, At))));
        Assert.Null(state.Facilitation.Turns);
    }

    [Fact]
    public void ARoomWithNobodyInIsRefused() =>
        Then.Conflict(Meeting.Decide(Given.Events(Given.Created()), new StartTurnRound(Given.Iro, At)));
}
