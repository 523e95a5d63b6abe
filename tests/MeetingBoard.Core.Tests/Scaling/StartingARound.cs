using MeetingBoard.Board;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Scaling;
using MeetingBoard.Tests.Meetings;
using static MeetingBoard.Tests.Meetings.Given;

namespace MeetingBoard.Tests.Scaling;

public class StartingARound
{
    static Decision Start(MeetingState given, Actor? by = null, string? question = "How safe are Maya and Leo?",
        string? ten = "Everyone knows the children are safe enough to close the case", string? zero = "The children cannot live at home",
        string? danger = null, string id = "r-2") =>
        Meeting.Decide(given, new StartRound(id, question, ten, zero, danger, by ?? Iro, At));

    [Fact]
    public void OpensTheRoundForScoringWithTheWordsAsGiven()
    {
        var started = Then.Single<RoundStarted>(Start(OpenMeeting()));
        Assert.Equal(("How safe are Maya and Leo?", "Everyone knows the children are safe enough to close the case", "The children cannot live at home"),
            (started.Question, started.TenMeans, started.ZeroMeans));
        var state = Meeting.Apply(OpenMeeting(), started);
        var round = Assert.IsType<ScalingRound>(state.Scaling.Current);
        Assert.Equal(1, round.Attempt.Number);
        Assert.False(round.Attempt.IsRevealed);
        Assert.Null(round.DangerStatementId);
    }

    [Fact]
    public void IsTheFacilitatorsCall()
    {
        Then.Forbidden(Start(OpenMeeting(), by: Sam));
        Then.Forbidden(Start(OpenMeeting(), by: AnotherFacilitator));
    }

    [Fact]
    public void NeedsTheQuestionAndBothEnds()
    {
        Then.Invalid(Start(OpenMeeting(), question: " "), "question");
        Then.Invalid(Start(OpenMeeting(), ten: null), "tenMeans");
        Then.Invalid(Start(OpenMeeting(), zero: ""), "zeroMeans");
        Then.Invalid(Start(OpenMeeting(), ten: new string('a', ScalingRounds.WordingMaxLength + 1)), "tenMeans");
    }

    [Fact]
    public void LinksToADangerStatementOnTheBoard()
    {
        var given = OpenMeeting(Round.DangerStatement());
        Assert.Equal("i-danger", Then.Single<RoundStarted>(Start(given, danger: "i-danger")).DangerStatementId);
    }

    [Fact]
    public void LinksToADangerStatementSavedWithTheBuilder()
    {
        var given = OpenMeeting(MeetingBoard.Tests.Practice.BuildingADangerStatement.Added("d-1"));
        Assert.Equal("d-1", Then.Single<RoundStarted>(Start(given, danger: "d-1")).DangerStatementId);
    }

    [Fact]
    public void RefusesALinkToAnythingButADangerStatement()
    {
        var given = OpenMeeting(Added("i-strength", Sam, Category.ExistingStrengths));
        Then.Invalid(Start(given, danger: "i-strength"), "dangerStatement");
        Then.Invalid(Start(given, danger: "i-nowhere"), "dangerStatement");
    }

    [Fact]
    public void WaitsUntilTheCurrentRoundIsClosed()
    {
        Then.Conflict(Start(Round.Open()));
        Then.Conflict(Start(Round.Open(Round.Scored(Sam, 4), Round.Revealed())));
        Then.Single<RoundStarted>(Start(Round.Open(Round.Closed())));
    }

    [Fact]
    public void KeepsSeveralRoundsInOneMeeting()
    {
        var state = Round.Open(Round.Scored(Sam, 4), Round.Revealed(), Round.Closed(), Round.DangerStatement(), Round.Started("r-2", "i-danger"));
        Assert.Equal(["r-overall", "r-2"], state.Scaling.Rounds.Select(r => r.Id));
        Assert.Equal("r-2", state.Scaling.Current!.Id);
        Assert.Equal("i-danger", state.Scaling.Current.DangerStatementId);
    }

    [Fact]
    public void IsRefusedOnceTheMeetingHasClosed() => Then.Conflict(Start(OpenMeeting(Closed())));

    [Fact]
    public void OffersTheCommonSafetyScaleUnderSignsOfSafety()
    {
        var wording = ScalingRounds.CommonWording.For(Vocabulary.SignsOfSafety);
        Assert.Equal(ScalingRounds.CommonWording.Question, wording.Question);
        Assert.Equal(ScalingRounds.CommonWording.TenMeans, wording.TenMeans);
        Assert.Equal(ScalingRounds.CommonWording.ZeroMeans, wording.ZeroMeans);
        Assert.Equal(ScalingRounds.CommonWording.DangerTenMeans, wording.DangerTenMeans);
        Assert.Equal(ScalingRounds.CommonWording.DangerZeroMeans, wording.DangerZeroMeans);
    }

    [Theory]
    [InlineData(Wording.SignsOfWellbeing, "well")]
    [InlineData(Wording.SignsOfSuccess, "well")]
    public void OffersAScaleInTheMeetingsOwnWordsUnderSignsOfWellbeingAndSuccess(Wording chosen, string expected)
    {
        var words = Vocabulary.For(chosen);
        var wording = ScalingRounds.CommonWording.For(words);
        foreach (var text in new[] { wording.Question, wording.TenMeans, wording.ZeroMeans, wording.DangerTenMeans, wording.DangerZeroMeans })
        {
            Assert.DoesNotContain("safe", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("danger", text, StringComparison.OrdinalIgnoreCase);
        }
        Assert.Contains(expected, wording.Question);
        Assert.Contains(words.DangerStatement.ToLowerInvariant(), wording.DangerZeroMeans);
        // Whatever the words, the decision takes them as typed.
        var state = Meeting.Apply(OpenMeeting(), new WordingChosen(chosen, Iro, At));
        Assert.Equal(wording.Question, Then.Single<RoundStarted>(Start(state, question: wording.Question, ten: wording.TenMeans, zero: wording.ZeroMeans)).Question);
    }
}
