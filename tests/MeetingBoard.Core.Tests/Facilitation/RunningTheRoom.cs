using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using MeetingBoard.Tests.Meetings;

namespace MeetingBoard.Tests.Facilitation;

public sealed class Spotlighting
{
    static readonly DateTimeOffset At = Given.At;

    [Fact]
    public void TheFacilitatorSpotlightsAnItemAndClearsIt()
    {
        var state = Given.OpenMeeting(Given.Added("i1", Given.Sam));
        state = Meeting.Apply(state, Then.Single<ItemSpotlighted>(Meeting.Decide(state, new SpotlightItem("i1", Given.Iro, At))));
        Assert.Equal("i1", state.Facilitation.SpotlightItemId);
        Then.NoEvents(Meeting.Decide(state, new SpotlightItem("i1", Given.Iro, At)));
        state = Meeting.Apply(state, Then.Single<SpotlightCleared>(Meeting.Decide(state, new SpotlightItem(null, Given.Iro, At))));
        Assert.Null(state.Facilitation.SpotlightItemId);
    }

    [Fact]
    public void AGoneItemOrAParticipantIsRefused()
    {
        var state = Given.OpenMeeting(Given.Added("i1", Given.Sam));
        Then.NotFound(Meeting.Decide(state, new SpotlightItem("nope", Given.Iro, At)));
        Then.Forbidden(Meeting.Decide(state, new SpotlightItem("i1", Given.Sam, At)));
    }
}

public sealed class TheStageTimer
{
    static readonly DateTimeOffset At = Given.At;

    [Fact]
    public void StartsWithAnAbsoluteEndPausesAndResumes()
    {
        var state = Given.OpenMeeting();
        var started = Then.Single<TimerStarted>(Meeting.Decide(state, new StartTimer("5", "30", Given.Iro, At)));
        Assert.Equal(330, started.Seconds);
        Assert.Equal(At.AddSeconds(330), started.EndsAt);
        state = Meeting.Apply(state, started);

        var paused = Then.Single<TimerPaused>(Meeting.Decide(state, new ChangeTimer(TimerAction.Pause, Given.Iro, At.AddSeconds(100))));
        Assert.Equal(230, paused.RemainingSeconds);
        state = Meeting.Apply(state, paused);
        Assert.Equal(TimeSpan.FromSeconds(230), state.Facilitation.Timer!.Remaining(At.AddHours(1)));

        var resumed = Then.Single<TimerResumed>(Meeting.Decide(state, new ChangeTimer(TimerAction.Resume, Given.Iro, At.AddSeconds(500))));
        Assert.Equal(At.AddSeconds(730), resumed.EndsAt);
        state = Meeting.Apply(state, Then.Single<TimerCleared>(Meeting.Decide(Meeting.Apply(state, resumed), new ChangeTimer(TimerAction.Clear, Given.Iro, At))));
        Assert.Null(state.Facilitation.Timer);
    }

    [Theory]
    [InlineData("", "", "minutes")]
    [InlineData("0", "0", "minutes")]
    [InlineData("ten", "", "minutes")]
    [InlineData("-1", "", "minutes")]
    [InlineData("241", "", "minutes")]
    [InlineData("1", "60", "seconds")]
    public void ALengthThatIsNotOneIsRefused(string minutes, string seconds, string field) =>
        Then.Invalid(Meeting.Decide(Given.OpenMeeting(), new StartTimer(minutes, seconds, Given.Iro, At)), field);

    [Fact]
    public void PausingWithNoTimerIsRefused() =>
        Then.Conflict(Meeting.Decide(Given.OpenMeeting(), new ChangeTimer(TimerAction.Pause, Given.Iro, At)));
}

public sealed class AnAnonymousRound
{
    static readonly DateTimeOffset At = Given.At;

    [Fact]
    public void ItemsAddedDuringTheRoundHideTheirAuthorFromEveryoneButTheFacilitator()
    {
        var state = Given.OpenMeeting(Given.Added("before", Given.Sam));
        state = Meeting.Apply(state, Then.Single<AnonymousRoundStarted>(Meeting.Decide(state, new SetAnonymousRound(true, Given.Iro, At))));
        var decision = Meeting.Decide(state, new AddItem("during", "harm", "Shouting at night", Given.Sam, At));
        Assert.Collection(decision.Events!, e => Assert.IsType<ItemAdded>(e), e => Assert.Equal("during", Assert.IsType<ItemAddedAnonymously>(e).ItemId));
        state = decision.Events!.Aggregate(state, Meeting.Apply);
        // The author stays known, for the record.
        Assert.Equal(Given.Sam, state.FindItem("during")!.Author);
        Assert.False(Facilitating.ShowsAuthor(state, "during", viewerIsFacilitator: false));
        Assert.True(Facilitating.ShowsAuthor(state, "during", viewerIsFacilitator: true));
        Assert.True(Facilitating.ShowsAuthor(state, "before", viewerIsFacilitator: false));

        state = Meeting.Apply(state, Then.Single<AnonymousRoundEnded>(Meeting.Decide(state, new SetAnonymousRound(false, Given.Iro, At))));
        Then.Single<ItemAdded>(Meeting.Decide(state, new AddItem("after", "harm", "x", Given.Sam, At)));
        Assert.False(Facilitating.ShowsAuthor(state, "during", viewerIsFacilitator: false));
    }
}
