using MeetingBoard.Meetings;
using MeetingBoard.Scaling;
using MeetingBoard.Tests.Meetings;
using static MeetingBoard.Tests.Meetings.Given;

namespace MeetingBoard.Tests.Scaling;

public class GivingAScore
{
    [Fact]
    public void RecordsAWholeNumberAndAReason()
    {
        var given = Round.Give(Round.Open(), score: " 4 ", reason: "  Sam took the children to Pat's  ", oneHigher: "Jordan agrees to leave when it gets heated");
        var scored = Then.Single<ScoreGiven>(given);
        Assert.Equal((4, "Sam took the children to Pat's", "Jordan agrees to leave when it gets heated", Sam),
            (scored.Score, scored.Reason, scored.OneHigher, scored.By));
    }

    [Fact]
    public void AcceptsEveryNumberFromZeroToTen() =>
        Assert.All(Enumerable.Range(0, 11), n => Assert.Equal(n, Then.Single<ScoreGiven>(Round.Give(Round.Open(), score: n.ToString())).Score));

    [Fact]
    public void RefusesNumbersThatAreNotWholeOrOutsideTheScale() =>
        Assert.All(["-1", "11", "7.5", "7,5", "seven", "1e1", "99999999999999"], score =>
            Assert.Contains("0 to 10", Then.Invalid(Round.Give(Round.Open(), score: score), "score").Message));

    [Fact]
    public void RefusesAMissingNumber() =>
        Assert.All([null, "", "  "], score => Then.Invalid(Round.Give(Round.Open(), score: score), "score"));

    [Fact]
    public void RefusesAMissingReason() =>
        Assert.All([null, "", " \n "], reason => Then.Invalid(Round.Give(Round.Open(), reason: reason), "reason"));

    [Fact]
    public void LimitsTheReasonLikeAnItem()
    {
        Then.Single<ScoreGiven>(Round.Give(Round.Open(), reason: new string('a', Text.ItemMaxLength)));
        Then.Invalid(Round.Give(Round.Open(), reason: new string('a', Text.ItemMaxLength + 1)), "reason");
        Then.Invalid(Round.Give(Round.Open(), oneHigher: new string('a', Text.ItemMaxLength + 1)), "oneHigher");
    }

    [Fact]
    public void CanBeChangedUntilTheReveal()
    {
        var state = Round.Open(Round.Scored(Sam, 4));
        Assert.Equal(6, Then.Single<ScoreGiven>(Round.Give(state, score: "6")).Score);
        var changed = Meeting.Apply(state, Round.Scored(Sam, 6, "Pat has the children every weekend"));
        var only = Assert.Single(changed.Scaling.Current!.Attempt.Scores);
        Assert.Equal((6, "Pat has the children every weekend"), (only.Score, only.Reason));
    }

    [Fact]
    public void GivingTheSameAgainChangesNothing() =>
        Then.NoEvents(Round.Give(Round.Open(Round.Scored(Sam, 4, "Same reason")), score: "4", reason: "Same reason"));

    [Fact]
    public void IsRefusedAfterTheReveal() =>
        Assert.Contains("revealed", Then.Conflict(Round.Give(Round.Open(Round.Scored(Sam, 4), Round.Revealed()))).Message);

    [Fact]
    public void IsRefusedForAClosedRound() => Then.Conflict(Round.Give(Round.Open(Round.Closed())));

    [Fact]
    public void IsRefusedForARoundNotInThisMeeting() => Then.NotFound(Round.Give(Round.Open(), roundId: "r-of-another-meeting"));

    [Fact]
    public void IsRefusedForAnEarlierAttemptAfterARerun() =>
        Assert.Contains("run again", Then.Conflict(Round.Give(Round.Open(Round.Scored(Sam, 4), Round.Revealed(), Round.Rerun()), attempt: 1)).Message);

    [Fact]
    public void IsForbiddenToAnyoneNotAdmitted()
    {
        Then.Forbidden(Round.Give(Round.Open(Asked(HealthVisitor)), by: HealthVisitor));
        Then.Forbidden(Round.Give(Round.Open(RemovedFromMeeting(Sam)), by: Sam));
        Then.Forbidden(Round.Give(Round.Open(), by: AnotherFacilitator));
    }

    [Fact]
    public void TheFacilitatorScalesToo() => Assert.Equal(Iro, Then.Single<ScoreGiven>(Round.Give(Round.Open(), by: Iro)).By);

    [Fact]
    public void IsRefusedOnceTheMeetingHasClosed() => Then.Conflict(Round.Give(Round.Open(Closed())));

    [Fact]
    public void PassingIsAllowedAndShownAsPassed()
    {
        var decision = Meeting.Decide(Round.Open(Round.Scored(Sam, 4)), new PassRound(Round.Id, 1, Sam, At));
        var state = Meeting.Apply(Round.Open(Round.Scored(Sam, 4)), Then.Single<RoundPassed>(decision));
        Assert.True(Assert.Single(state.Scaling.Current!.Attempt.Scores).Passed);
        Then.NoEvents(Meeting.Decide(state, new PassRound(Round.Id, 1, Sam, At)));
        Then.Conflict(Meeting.Decide(Meeting.Apply(state, Round.Revealed()), new PassRound(Round.Id, 1, Sam, At)));
    }
}
