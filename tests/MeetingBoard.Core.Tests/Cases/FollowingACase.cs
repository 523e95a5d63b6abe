using MeetingBoard.Board;
using MeetingBoard.Cases;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Scaling;
using MeetingBoard.Tests.Meetings;
using MeetingBoard.Tests.Scaling;
using static MeetingBoard.Tests.Meetings.Given;

namespace MeetingBoard.Tests.Cases;

/// <summary>The initial conference for Maya and Leo (3 November) and the review conference that follows it (see Given).</summary>
public static class Case
{
    public const string Id = "case-family-a";
    public static readonly DateOnly FirstDay = new(2025, 11, 3);
    public static readonly DateTimeOffset ReviewAt = new(2026, 1, 26, 10, 0, 0, TimeSpan.Zero);
    public static readonly Actor Pat = Actor.Participant("p-pat");

    static readonly DangerParts Danger = new("Social workers", "Jordan shouts at and pushes Sam", "Maya and Leo are frightened",
        "they could be hurt", null);
    static readonly GoalParts Goal = new("Sam and Jordan will keep the children away from arguments", "calm at home",
        "the children's own account", "six months");

    /// <summary>The initial conference, already held: statement, goal, safety, a strength, a complicating factor, a next step, a revealed round.</summary>
    public static MeetingState First(params IMeetingEvent[] then) => Meeting.Fold([
        Created() with { CaseId = Id, At = At },
        Asked(Sam), Admitted(Sam), Asked(Teacher), Admitted(Teacher),
        new ScalingGroupSet(Sam.Id, ScalingGroup.FamilyAndNetwork, Iro, At),
        new DangerStatementAdded("ds-1", "Social workers are worried that Jordan will push Sam again", Danger, Iro, At),
        new SafetyGoalAdded("g-1", "ds-1", "Sam and Jordan will keep the children away from arguments", Goal, Iro, At),
        Added("i-safety", Sam, Category.ExistingSafety, "Sam took the children to Pat's straight away"),
        Added("i-strength", Teacher, Category.ExistingStrengths, "Maya is doing well at school"),
        Added("i-worry", Teacher, Category.ComplicatingFactors, "Jordan drinks at weekends"),
        new NextStepAdded("s-1", Sam.Id, "Sam", "Go to the domestic abuse course", new DateOnly(2025, 12, 1), Iro, At),
        Round.Started("r-1", dangerStatementId: "ds-1"), Round.Scored(Sam, 6, id: "r-1"), Round.Scored(Teacher, 3, id: "r-1"),
        new RoundRevealed("r-1", 1, Iro, At),
        .. then,
    ]);

    public static MeetingState Review(params IMeetingEvent[] then) => Meeting.Fold([.. ReviewEvents(), .. then]);

    static IMeetingEvent[] ReviewEvents() => [
        new MeetingCreated("m-review", MeetingType.ChildProtectionConference, "Review conference: Maya and Leo", "Family A", Iro.Id,
            "Alex (IRO)", "RVW7RTC4H", "screen-key-2", ReviewAt, CaseId: Id),
        new ParticipantAskedToJoin(Sam.Id, "Sam", "Mother", "h", ReviewAt), new ParticipantAdmitted(Sam.Id, Iro, ReviewAt),
        new ScalingGroupSet(Sam.Id, ScalingGroup.FamilyAndNetwork, Iro, ReviewAt),
        new ParticipantAskedToJoin(Pat.Id, "Pat", "Grandmother", "h", ReviewAt), new ParticipantAdmitted(Pat.Id, Iro, ReviewAt),
    ];

    public static Decision Carry(MeetingState review, MeetingState? last = null, Actor? by = null) =>
        Meeting.Decide(review, new CarryFromLastMeeting(last ?? First(), FirstDay, Trajectories.Past([last ?? First()], _ => FirstDay), by ?? Iro, ReviewAt));

    public static MeetingState Carried(params IMeetingEvent[] then)
    {
        var carried = Then.Single<CarriedFromLastMeeting>(Carry(Review()));
        return Meeting.Fold([.. ReviewEvents(), carried, .. then]);
    }

    public static Decision ReviewStep(MeetingState state, string? outcome, string? why = null, Actor? by = null, string stepId = "s-1") =>
        Meeting.Decide(state, new ReviewCarriedStep(stepId, outcome, why, by ?? Iro, ReviewAt));
}

public class StartingFromTheLastMeeting
{
    [Fact]
    public void CarriesStatementsGoalsSafetyStrengthsAndNextStepsToReview()
    {
        var carried = Then.Single<CarriedFromLastMeeting>(Case.Carry(Case.Review()));
        Assert.Equal(["ds-1"], carried.Statements.Select(s => s.Id));
        Assert.Equal(["g-1"], carried.Goals.Select(g => g.Id));
        Assert.Equal(["i-safety", "i-strength"], carried.Items.Select(i => i.Id));
        Assert.Equal(["s-1"], carried.Steps.Select(s => s.Id));
        Assert.All(carried.Statements, s => Assert.Equal(Case.FirstDay, s.From));

        var review = Case.Carried();
        Assert.Equal("Social workers are worried that Jordan will push Sam again", Assert.Single(review.Practice.Statements).Sentence);
        Assert.Single(review.Practice.Goals);
        Assert.Equal(Case.FirstDay, review.Continuity.FromDay("i-safety"));
        Assert.DoesNotContain(review.Items, i => i.Category == Category.ComplicatingFactors);
        Assert.Empty(review.Practice.Steps); // reviewed first, not yet this meeting's own
        Assert.Equal("Go to the domestic abuse course", Assert.Single(review.Continuity.StepsToReview).Step.Action);
    }

    [Fact]
    public void CarriesTheScalingSeriesWithoutNames()
    {
        var series = Assert.Single(Case.Carried().Continuity.History);
        Assert.Equal(Trajectories.StatementKey("ds-1"), series.Key);
        var point = Assert.Single(series.Points);
        Assert.Equal((6m, 3m, 4.5m), (point.Family!.Median, point.Professionals!.Median, point.All!.Median));
        var points = System.Text.Json.JsonSerializer.Serialize(series.Points);
        Assert.DoesNotContain("Sam", points);
        Assert.DoesNotContain("Okafor", points);
    }

    [Fact]
    public void KeepsTheDayAThingFirstCameFromAcrossMeetings()
    {
        var review = Case.Carried();
        var third = Meeting.Fold([new MeetingCreated("m-third", MeetingType.ChildProtectionConference, "Second review", "Family A", Iro.Id, "Alex",
            "THR7RTC4H", "k", Case.ReviewAt.AddMonths(3), CaseId: Case.Id)]);
        var carried = Then.Single<CarriedFromLastMeeting>(Meeting.Decide(third,
            new CarryFromLastMeeting(review, new DateOnly(2026, 1, 26), [], Iro, Case.ReviewAt.AddMonths(3))));
        Assert.Equal(Case.FirstDay, carried.Statements.Single().From);
    }

    [Fact]
    public void IsTheFacilitatorsChoice() => Then.Forbidden(Case.Carry(Case.Review(), by: Sam));

    [Fact]
    public void NeedsAnEarlierMeetingOfTheSameCase()
    {
        Then.Conflict(Case.Carry(Case.Review(), Case.First() with { CaseId = "case-other" }));
        Then.Conflict(Case.Carry(Case.Review() with { CaseId = null }));
        Then.Conflict(Case.Carry(Case.Review(), Case.Review()));
        Then.Conflict(Case.Carry(Case.First(), Case.Review()));
    }

    [Fact]
    public void HappensOnce()
    {
        Then.NoEvents(Case.Carry(Case.Carried()));
        Then.Conflict(Case.Carry(Case.Carried(), Case.First() with { Id = "m-another" }));
    }

    [Fact]
    public void LeavesTheLastMeetingAsItWas()
    {
        var first = Case.First();
        var before = System.Text.Json.JsonSerializer.Serialize(first.Practice.Statements);
        Case.Carry(Case.Review(), first);
        Assert.Equal(before, System.Text.Json.JsonSerializer.Serialize(first.Practice.Statements));
    }
}

public class ReviewingNextSteps
{
    [Fact]
    public void TheFacilitatorOrThePersonMarksAStepDone()
    {
        Assert.Equal(StepOutcome.Done, Then.Single<CarriedStepReviewed>(Case.ReviewStep(Case.Carried(), "done")).Outcome);
        Assert.Equal(StepOutcome.Done, Then.Single<CarriedStepReviewed>(Case.ReviewStep(Case.Carried(), "done", by: Sam)).Outcome);
        Assert.Contains("person the step belongs to", Then.Forbidden(Case.ReviewStep(Case.Carried(), "done", by: Case.Pat)).Message);
    }

    [Fact]
    public void NotDoneSaysWhy()
    {
        Then.Invalid(Case.ReviewStep(Case.Carried(), "not-done"), "why");
        Then.Invalid(Case.ReviewStep(Case.Carried(), "not-done", "\u200b "), "why");
        Then.Invalid(Case.ReviewStep(Case.Carried(), "not-done", new string('a', Continuity.WhyMaxLength + 1)), "why");
        var reviewed = Then.Single<CarriedStepReviewed>(Case.ReviewStep(Case.Carried(), "not-done", "The course was full"));
        Assert.Equal("The course was full", reviewed.Why);
    }

    [Fact]
    public void RefusesAnUnknownOutcomeOrStep()
    {
        Then.Invalid(Case.ReviewStep(Case.Carried(), "maybe"), "outcome");
        Then.NotFound(Case.ReviewStep(Case.Carried(), "done", stepId: "s-nope"));
    }

    [Fact]
    public void CarryingForwardMakesItOneOfThisMeetingsStepsUntilChanged()
    {
        var forward = Case.Carried(new CarriedStepReviewed("s-1", StepOutcome.CarriedForward, null, Iro, Case.ReviewAt));
        Assert.Equal("Go to the domestic abuse course", Assert.Single(forward.Practice.Steps).Action);
        Assert.Equal(Case.FirstDay, forward.Continuity.FromDay("s-1"));
        var changed = Meeting.Apply(forward, new CarriedStepReviewed("s-1", StepOutcome.Done, null, Iro, Case.ReviewAt));
        Assert.Empty(changed.Practice.Steps);
        Assert.Equal(StepOutcome.Done, changed.Continuity.StepsToReview.Single().Review!.Outcome);
    }

    [Fact]
    public void SayingTheSameAgainChangesNothing() =>
        Then.NoEvents(Case.ReviewStep(Case.Carried(new CarriedStepReviewed("s-1", StepOutcome.Done, null, Iro, Case.ReviewAt)), "done"));

    [Fact]
    public void NotInAClosedMeeting() => Then.Conflict(Case.ReviewStep(Case.Carried(Closed()), "done"));
}

public class PreparingQuestions
{
    static Decision Best(MeetingState state, string? text = "What has Sam done that kept the children safe?", string? forWhat = "What's working well?", Actor? by = null) =>
        Meeting.Decide(state, new PrepareBestQuestion("q-best", text, forWhat, by ?? Iro, Case.ReviewAt));

    static Decision Scale(MeetingState state, string? text = "How safe are Maya and Leo from Jordan's shouting?", string? ten = "Always safe",
        string? zero = "Hurt again", string? statement = "ds-1") =>
        Meeting.Decide(state, new PrepareScalingQuestion("q-scale", text, ten, zero, statement, Iro, Case.ReviewAt));

    [Fact]
    public void TheFacilitatorWritesBestAndScalingQuestions()
    {
        Assert.Equal("What's working well?", Then.Single<QuestionPrepared>(Best(Case.Carried())).For);
        var scale = Then.Single<QuestionPrepared>(Scale(Case.Carried()));
        Assert.Equal((PreparedKind.ScalingQuestion, "ds-1"), (scale.Kind, scale.StatementId));
    }

    [Fact]
    public void RefusesEmptyOrOversizedWordsAndUnknownStatements()
    {
        Then.Invalid(Best(Case.Carried(), text: " "), "text");
        Then.Invalid(Best(Case.Carried(), forWhat: new string('x', Continuity.ForMaxLength + 1)), "for");
        Then.Invalid(Scale(Case.Carried(), ten: ""), "tenMeans");
        Then.Invalid(Scale(Case.Carried(), zero: null), "zeroMeans");
        Then.Invalid(Scale(Case.Carried(), statement: "ds-of-another-case"), "statementId");
        Then.Forbidden(Best(Case.Carried(), by: Sam));
    }

    [Fact]
    public void ShowingAQuestionCountsItAsAsked()
    {
        var state = Case.Carried(Then.Single<QuestionPrepared>(Best(Case.Carried())));
        var shown = Then.Single<PreparedQuestionShown>(Meeting.Decide(state, new ShowPreparedQuestion("q-best", Iro, Case.ReviewAt)));
        var after = Meeting.Apply(state, shown);
        Assert.Equal("q-best", after.Continuity.ShownQuestion!.Id);
        Assert.Single(after.Continuity.Asked);
        Assert.Null(Meeting.Apply(after, new PreparedQuestionShown(null, Iro, Case.ReviewAt)).Continuity.ShownQuestion);
        Then.NotFound(Meeting.Decide(state, new ShowPreparedQuestion("q-gone", Iro, Case.ReviewAt)));
    }

    [Fact]
    public void APreparedScaleStartsARoundThatJoinsItsSeries()
    {
        var state = Case.Carried(Then.Single<QuestionPrepared>(Scale(Case.Carried())));
        var decision = Meeting.Decide(state, new StartPreparedRound("q-scale", "r-2", Iro, Case.ReviewAt));
        Assert.Null(decision.Refusal);
        Assert.IsType<PreparedScaleUsed>(decision.Events![0]);
        var round = Assert.IsType<RoundStarted>(decision.Events[1]);
        Assert.Equal(("How safe are Maya and Leo from Jordan's shouting?", "ds-1"), (round.Question, round.DangerStatementId));
        var after = decision.Events.Aggregate(state, Meeting.Apply);
        Assert.Equal(Trajectories.ScaleKey("q-scale"), Trajectories.KeyOf(after, after.Scaling.Find("r-2")!));
    }

    [Fact]
    public void CopiesTheCasesLastQuestions()
    {
        var last = Case.First(new QuestionPrepared("q-old", PreparedKind.BestQuestion, "Who helps Sam?", null, null, null, null, Iro, At));
        var copied = Then.Single<PreparedQuestionsCopied>(Meeting.Decide(Case.Carried(), new CopyPreparedQuestions(last, [], Iro, Case.ReviewAt)));
        Assert.Equal("Who helps Sam?", copied.Questions.Single().Text);
        Then.Conflict(Meeting.Decide(Case.Carried(), new CopyPreparedQuestions(Case.First(), [], Iro, Case.ReviewAt)));
    }
}

public class ScalingOverTime
{
    [Fact]
    public void TheSameDangerStatementScaledAgainMakesATrajectory()
    {
        var review = Case.Carried(
            new ScalingGroupSet(Case.Pat.Id, ScalingGroup.FamilyAndNetwork, Iro, Case.ReviewAt),
            Round.Started("r-2", dangerStatementId: "ds-1"), Round.Scored(Sam, 8, id: "r-2"), Round.Scored(Case.Pat, 7, id: "r-2"),
            new RoundRevealed("r-2", 1, Iro, Case.ReviewAt));
        var series = Assert.Single(Trajectories.Of(review, at => DateOnly.FromDateTime(at.UtcDateTime)));
        Assert.Equal([Case.FirstDay, new DateOnly(2026, 1, 26)], series.Points.Select(p => p.Day));
        Assert.Equal([6m, 7.5m], series.Points.Select(p => p.Family!.Median));
        Assert.Null(series.Points[1].Professionals);
    }

    [Fact]
    public void ScoresNeverRevealedCountNowhere()
    {
        var review = Case.Carried(Round.Started("r-2", dangerStatementId: "ds-1"), Round.Scored(Sam, 8, id: "r-2"));
        Assert.Single(Assert.Single(Trajectories.Of(review, _ => default)).Points);
    }

    [Fact]
    public void EachPersonHasTheirOwnLineForTheFacilitator()
    {
        var review = Case.Carried(Round.Started("r-2", dangerStatementId: "ds-1"), Round.Scored(Sam, 8, id: "r-2"), new RoundRevealed("r-2", 1, Iro, Case.ReviewAt));
        var lines = Trajectories.People([Case.First(), review], Trajectories.StatementKey("ds-1"), _ => default);
        Assert.Equal([6, 8], lines.Single(l => l.Name == "Sam").Scores.Select(s => s.Score));
        Assert.Equal([3], lines.Single(l => l.Name == "Ms Okafor").Scores.Select(s => s.Score));
    }

    [Fact]
    public void OnlyASeriesWithPointsCanBeShown()
    {
        Then.Single<TrajectoryShown>(Meeting.Decide(Case.Carried(), new ShowTrajectory(Trajectories.StatementKey("ds-1"), Iro, Case.ReviewAt)));
        Then.NotFound(Meeting.Decide(Case.Carried(), new ShowTrajectory("statement-nope", Iro, Case.ReviewAt)));
        Then.Forbidden(Meeting.Decide(Case.Carried(), new ShowTrajectory(Trajectories.StatementKey("ds-1"), Sam, Case.ReviewAt)));
    }
}
