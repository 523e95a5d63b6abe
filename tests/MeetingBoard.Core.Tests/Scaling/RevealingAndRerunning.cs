using MeetingBoard.Meetings;
using MeetingBoard.Scaling;
using MeetingBoard.Tests.Meetings;
using static MeetingBoard.Tests.Meetings.Given;

namespace MeetingBoard.Tests.Scaling;

public class RevealingAndRerunning
{
    [Fact]
    public void RevealsTheCurrentAttempt()
    {
        var given = Round.Open(Round.Scored(Sam, 3), Round.Scored(Teacher, 6));
        var revealed = Then.Single<RoundRevealed>(Meeting.Decide(given, new RevealRound(Round.Id, Iro, At)));
        Assert.True(Meeting.Apply(given, revealed).Scaling.Current!.Attempt.IsRevealed);
    }

    [Fact]
    public void RevealingIsTheFacilitatorsCall() =>
        Then.Forbidden(Meeting.Decide(Round.Open(Round.Scored(Sam, 3)), new RevealRound(Round.Id, Sam, At)));

    [Fact]
    public void RevealingNothingIsRefused() => Then.Conflict(Meeting.Decide(Round.Open(), new RevealRound(Round.Id, Iro, At)));

    [Fact]
    public void RevealingTwiceChangesNothing() =>
        Then.NoEvents(Meeting.Decide(Round.Open(Round.Scored(Sam, 3), Round.Revealed()), new RevealRound(Round.Id, Iro, At)));

    [Fact]
    public void ARerunStartsAFreshAttemptAndKeepsTheEarlierOne()
    {
        var given = Round.Open(Round.Scored(Sam, 3), Round.Scored(Teacher, 6), Round.Revealed());
        var rerun = Then.Single<RoundRerun>(Meeting.Decide(given, new RerunRound(Round.Id, Iro, At)));
        Assert.Equal(2, rerun.Attempt);
        var round = Meeting.Apply(given, rerun).Scaling.Current!;
        Assert.Equal(2, round.Attempt.Number);
        Assert.Empty(round.Attempt.Scores);
        var earlier = Assert.Single(round.EarlierAttempts);
        Assert.Equal([3, 6], earlier.Scores.Select(s => s.Score));
        Assert.True(earlier.IsRevealed);
    }

    [Fact]
    public void ARerunWaitsForTheReveal() =>
        Then.Conflict(Meeting.Decide(Round.Open(Round.Scored(Sam, 3)), new RerunRound(Round.Id, Iro, At)));

    [Fact]
    public void ScoresInTheNewAttemptAreTheirOwn()
    {
        var state = Round.Open(Round.Scored(Sam, 3), Round.Revealed(), Round.Rerun(), Round.Scored(Sam, 5, attempt: 2));
        var round = state.Scaling.Current!;
        Assert.Equal(5, Assert.Single(round.Attempt.Scores).Score);
        Assert.Equal(3, Assert.Single(round.Attempts[0].Scores).Score);
    }

    [Fact]
    public void ClosingEndsTheRoundAndTwiceChangesNothing()
    {
        var closed = Then.Single<RoundClosed>(Meeting.Decide(Round.Open(), new CloseRound(Round.Id, Iro, At)));
        var state = Meeting.Apply(Round.Open(), closed);
        Assert.Null(state.Scaling.Current);
        Then.NoEvents(Meeting.Decide(state, new CloseRound(Round.Id, Iro, At)));
        Then.Conflict(Meeting.Decide(state, new RevealRound(Round.Id, Iro, At)));
        Then.Conflict(Meeting.Decide(state, new RerunRound(Round.Id, Iro, At)));
        Then.Forbidden(Meeting.Decide(Round.Open(), new CloseRound(Round.Id, Teacher, At)));
        Then.NotFound(Meeting.Decide(Round.Open(), new CloseRound("r-elsewhere", Iro, At)));
    }

    [Fact]
    public void SummarisesMedianAndRangeLeavingOutPasses()
    {
        var state = Round.Open(Round.Scored(Sam, 3), Round.Scored(Teacher, 6), Round.Passed(Iro), Round.Scored(HealthVisitor, 4));
        var summary = ScalingSummary.Of(state.Scaling.Current!.Attempt);
        Assert.Equal(new ScalingSummary(3, 1, 3, 6, 4m), summary);
        var even = Round.Open(Round.Scored(Sam, 3), Round.Scored(Teacher, 6));
        Assert.Equal(4.5m, ScalingSummary.Of(even.Scaling.Current!.Attempt).Median);
        Assert.Null(ScalingSummary.Of(Round.Open(Round.Passed(Sam)).Scaling.Current!.Attempt).Median);
    }

    [Fact]
    public void ProgressCountsWhoHasAnsweredNotWhat()
    {
        var state = Round.Open(Round.Scored(Sam, 3), Round.Passed(Teacher));
        var progress = ScalingRounds.Progress(state, state.Scaling.Current!.Attempt);
        Assert.Equal((2, 3), (progress.Answered, progress.Expected));
        Assert.Equal([Iro.Key], progress.StillThinkingKeys);
    }

    [Fact]
    public void TheFacilitatorSetsWhoIsFamilyAndNetwork()
    {
        var set = Then.Single<ScalingGroupSet>(Meeting.Decide(OpenMeeting(), new SetScalingGroup(Sam.Id, "family", Iro, At)));
        var state = Meeting.Apply(OpenMeeting(), set);
        Assert.Equal(ScalingGroup.FamilyAndNetwork, state.Scaling.GroupOf(Sam));
        Assert.Equal(ScalingGroup.Professional, state.Scaling.GroupOf(Teacher));
        Then.NoEvents(Meeting.Decide(state, new SetScalingGroup(Sam.Id, "family", Iro, At)));
        Then.Forbidden(Meeting.Decide(OpenMeeting(), new SetScalingGroup(Sam.Id, "family", Sam, At)));
        Then.Invalid(Meeting.Decide(OpenMeeting(), new SetScalingGroup(Sam.Id, "cousins", Iro, At)), "group");
        Then.NotFound(Meeting.Decide(OpenMeeting(), new SetScalingGroup("p-nobody", "family", Iro, At)));
    }
}
