using MeetingBoard.Board;
using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Tests.Meetings;

namespace MeetingBoard.Tests.Facilitation;

public sealed class SteppingThroughStages
{
    static readonly DateTimeOffset At = Given.At;

    [Fact]
    public void AConferenceFollowsItsTemplateAndStartsWithEverythingOpen()
    {
        var state = Given.OpenMeeting();
        Assert.Equal(["purpose", "family-and-network", "worries-and-working-well", "danger-scaling", "overall-scale", "decision", "plan"],
            state.Stages().Select(s => s.Id));
        Assert.Null(state.CurrentStage());
        Assert.All(Map.Categories, c => Assert.True(state.IsCategoryOpen(c.Category)));
        Assert.Equal("purpose", state.NextStage()!.Id);
        Assert.Null(state.PreviousStage());
    }

    [Theory]
    [InlineData(MeetingType.GroupSupervision, "confidentiality", "reflection")]
    [InlineData(MeetingType.FamilyNetworkMeeting, "mapping", "next-steps")]
    public void EachTypeHasItsOwnStages(MeetingType type, string first, string last)
    {
        var state = Given.Events(Given.Created() with { Type = type });
        Assert.Equal(first, state.Stages()[0].Id);
        Assert.Equal(last, state.Stages()[^1].Id);
    }

    [Fact]
    public void GoingToAStageStartsIt()
    {
        var state = Given.OpenMeeting();
        var started = Then.Single<StageStarted>(Meeting.Decide(state, new GoToStage("purpose", Given.Iro, At)));
        Assert.Equal("purpose", started.StageId);
        state = Meeting.Apply(state, started);
        Assert.Equal("purpose", state.CurrentStage()!.Id);
        Assert.Equal("family-and-network", state.NextStage()!.Id);
    }

    [Fact]
    public void PressingNextTwiceForTheSameStageMovesOnOnce()
    {
        var state = Given.OpenMeeting(new StageStarted("purpose", Given.Iro, At), new StageStarted("family-and-network", Given.Iro, At));
        // The second press names the stage it meant, which is already running.
        Then.NoEvents(Meeting.Decide(state, new GoToStage("family-and-network", Given.Iro, At)));
    }

    [Fact]
    public void BackAndAnyEarlierStageAreAlwaysReachable()
    {
        var state = Given.OpenMeeting(new StageStarted("plan", Given.Iro, At));
        Assert.Equal("decision", state.PreviousStage()!.Id);
        Assert.Null(state.NextStage());
        Then.Single<StageStarted>(Meeting.Decide(state, new GoToStage("purpose", Given.Iro, At)));
    }

    [Fact]
    public void MovingToAnotherStageClearsTheTimer()
    {
        // A finished timer's "Time is up" stayed on every screen through the following stages.
        var state = Given.OpenMeeting(new StageStarted("purpose", Given.Iro, At), new TimerStarted(60, At.AddSeconds(60), Given.Iro, At));
        var decision = Meeting.Decide(state, new GoToStage("family-and-network", Given.Iro, At.AddMinutes(5)));
        Assert.Null(decision.Refusal);
        Assert.Collection(decision.Events!, e => Assert.IsType<StageStarted>(e), e => Assert.IsType<TimerCleared>(e));
        state = decision.Events!.Aggregate(state, Meeting.Apply);
        Assert.Null(state.Facilitation.Timer);
        Assert.Equal("family-and-network", state.CurrentStage()!.Id);
    }

    [Fact]
    public void MovingOnWithNoTimerStartsTheStageOnly() =>
        Then.Single<StageStarted>(Meeting.Decide(Given.OpenMeeting(), new GoToStage("purpose", Given.Iro, At)));

    [Fact]
    public void OnlyTheFacilitatorMovesTheMeetingOn()
    {
        Then.Forbidden(Meeting.Decide(Given.OpenMeeting(), new GoToStage("purpose", Given.Sam, At)));
        Then.Forbidden(Meeting.Decide(Given.OpenMeeting(), new GoToStage("purpose", Given.AnotherFacilitator, At)));
    }

    [Fact]
    public void AnUnknownStageIsRefused() =>
        Then.NotFound(Meeting.Decide(Given.OpenMeeting(), new GoToStage("made-up", Given.Iro, At)));

    [Fact]
    public void NothingMovesOnceTheMeetingHasClosed() =>
        Then.Conflict(Meeting.Decide(Given.OpenMeeting(Given.Closed()), new GoToStage("purpose", Given.Iro, At)));
}

public sealed class WhatAStageOpens
{
    static readonly DateTimeOffset At = Given.At;

    [Fact]
    public void AddingToACategoryTheStageHasClosedIsRefusedWithTheReason()
    {
        var state = Given.OpenMeeting(new StageStarted("family-and-network", Given.Iro, At));
        var refusal = Then.Conflict(Meeting.Decide(state, new AddItem("i1", "harm", "Police were called", Given.Sam, At)));
        Assert.Contains("Harm is closed during this stage (Family and network)", refusal.Message);
        Then.Single<ItemAdded>(Meeting.Decide(state, new AddItem("i2", "existing-strengths", "Pat lives nearby", Given.Sam, At)));
    }

    [Fact]
    public void TheFacilitatorStillWritesTheMapInAnyCategory()
    {
        var state = Given.OpenMeeting(new StageStarted("purpose", Given.Iro, At));
        Then.Single<ItemAdded>(Meeting.Decide(state, new AddItem("i1", "harm", "Police were called", Given.Iro, At)));
    }

    [Fact]
    public void TheFacilitatorOpensAndClosesACategoryForTheRunningStage()
    {
        var state = Given.OpenMeeting(new StageStarted("purpose", Given.Iro, At));
        var opened = Then.Single<StageCategoriesChanged>(Meeting.Decide(state, new SetCategoryOpen("harm", true, Given.Iro, At)));
        Assert.Equal([Category.Harm], opened.Open);
        state = Meeting.Apply(state, opened);
        Then.Single<ItemAdded>(Meeting.Decide(state, new AddItem("i1", "harm", "Police were called", Given.Sam, At)));
        Then.NoEvents(Meeting.Decide(state, new SetCategoryOpen("harm", true, Given.Iro, At)));

        state = Meeting.Apply(state, Then.Single<StageCategoriesChanged>(Meeting.Decide(state, new SetCategoryOpen("harm", false, Given.Iro, At))));
        Then.Conflict(Meeting.Decide(state, new AddItem("i2", "harm", "Again", Given.Sam, At)));
    }

    [Fact]
    public void AWholeColumnOpensAndClosesAtOnce()
    {
        var state = Given.OpenMeeting(new StageStarted("worries-and-working-well", Given.Iro, At));
        var closed = Then.Single<StageCategoriesChanged>(Meeting.Decide(state, new SetCategoryOpen("worried", false, Given.Iro, At)));
        Assert.Equal([Category.ExistingStrengths, Category.ExistingSafety], closed.Open);
        var opened = Then.Single<StageCategoriesChanged>(Meeting.Decide(state, new SetCategoryOpen("needs-to-happen", true, Given.Iro, At)));
        Assert.Equal(7, opened.Open.Count);
        Then.Invalid(Meeting.Decide(state, new SetCategoryOpen("everything", true, Given.Iro, At)), "category");
    }

    [Fact]
    public void OpeningACategoryBeforeTheStagesStartIsRefused() =>
        Then.Conflict(Meeting.Decide(Given.OpenMeeting(), new SetCategoryOpen("harm", false, Given.Iro, At)));

    [Fact]
    public void TheStageEditorSetsEveryOpenCategoryOfAStage()
    {
        var state = Given.OpenMeeting();
        var changed = Then.Single<StageCategoriesChanged>(Meeting.Decide(state,
            new SetStageCategories("decision", ["next-steps", "safety-goals", "next-steps"], Given.Iro, At)));
        Assert.Equal([Category.SafetyGoals, Category.NextSteps], changed.Open);
        Then.Invalid(Meeting.Decide(state, new SetStageCategories("decision", ["harm", "nonsense"], Given.Iro, At)), "categories");
    }

    [Fact]
    public void ALockedBoardRefusesParticipantsButNotTheFacilitator()
    {
        var state = Given.OpenMeeting(Given.Added("i1", Given.Sam));
        state = Meeting.Apply(state, Then.Single<BoardLocked>(Meeting.Decide(state, new LockBoard(true, Given.Iro, At))));
        Assert.Contains("locked", Then.Conflict(Meeting.Decide(state, new AddItem("i2", "harm", "x", Given.Sam, At))).Message);
        Then.Conflict(Meeting.Decide(state, new EditItem("i1", "changed", Given.Sam, At)));
        Then.Conflict(Meeting.Decide(state, new RemoveItem("i1", Given.Sam, At)));
        Then.Single<ItemAdded>(Meeting.Decide(state, new AddItem("i3", "harm", "x", Given.Iro, At)));

        state = Meeting.Apply(state, Then.Single<BoardUnlocked>(Meeting.Decide(state, new LockBoard(false, Given.Iro, At))));
        Then.Single<ItemEdited>(Meeting.Decide(state, new EditItem("i1", "changed", Given.Sam, At)));
    }
}

public sealed class ChangingTheStages
{
    static readonly DateTimeOffset At = Given.At;

    [Fact]
    public void ARenamedStageKeepsItsPlace()
    {
        var state = Given.OpenMeeting();
        var renamed = Then.Single<StageRenamed>(Meeting.Decide(state, new RenameStage("decision", "  Decision and dissent ", Given.Iro, At)));
        state = Meeting.Apply(state, renamed);
        Assert.Equal("Decision and dissent", state.Stages()[5].Title);
        Then.Invalid(Meeting.Decide(state, new RenameStage("decision", "   ", Given.Iro, At)), "title");
    }

    [Fact]
    public void AStageMovesEarlierOrLater()
    {
        var state = Given.OpenMeeting();
        state = Meeting.Apply(state, Then.Single<StageMoved>(Meeting.Decide(state, new MoveStage("plan", "up", Given.Iro, At))));
        Assert.Equal(["plan", "decision"], state.Stages().Skip(5).Select(s => s.Id));
        Then.NoEvents(Meeting.Decide(state, new MoveStage("purpose", "up", Given.Iro, At)));
        Then.Invalid(Meeting.Decide(state, new MoveStage("purpose", "sideways", Given.Iro, At)), "direction");
    }

    [Fact]
    public void SkippedStagesArePassedByNextAndBack()
    {
        var state = Given.OpenMeeting(new StageStarted("purpose", Given.Iro, At));
        state = Meeting.Apply(state, Then.Single<StageSkipped>(Meeting.Decide(state, new SkipStage("family-and-network", true, Given.Iro, At))));
        Assert.Equal("worries-and-working-well", state.NextStage()!.Id);
        Then.Invalid(Meeting.Decide(state, new GoToStage("family-and-network", Given.Iro, At)), "stageId");
        state = Meeting.Apply(state, new StageStarted("worries-and-working-well", Given.Iro, At));
        Assert.Equal("purpose", state.PreviousStage()!.Id);
    }

    [Fact]
    public void TheRunningStageCannotBeSkipped() =>
        Then.Conflict(Meeting.Decide(Given.OpenMeeting(new StageStarted("purpose", Given.Iro, At)), new SkipStage("purpose", true, Given.Iro, At)));

    [Fact]
    public void OnlyTheFacilitatorChangesTheStages()
    {
        Then.Forbidden(Meeting.Decide(Given.OpenMeeting(), new RenameStage("plan", "Our plan", Given.Teacher, At)));
        Then.Forbidden(Meeting.Decide(Given.OpenMeeting(), new LockBoard(true, Given.Sam, At)));
    }
}

public sealed class QuestionsForThePresenter
{
    static readonly DateTimeOffset At = Given.At;

    static MeetingState Supervision(params IMeetingEvent[] then) =>
        Given.Events([Given.Created() with { Type = MeetingType.GroupSupervision }, Given.Asked(Given.Sam), Given.Admitted(Given.Sam), .. then]);

    [Fact]
    public void TheGroupAsksQuestionsDuringInformationAndMapping()
    {
        var state = Supervision(new StageStarted("information", Given.Iro, At));
        Assert.False(state.IsCategoryOpen(Category.Harm));
        var asked = Then.Single<QuestionAsked>(Meeting.Decide(state, new AskQuestion("q1", "When did Maya last stay at Pat's?", Given.Sam, At)));
        Assert.Equal("information", asked.StageId);
        state = Meeting.Apply(state, asked);
        Assert.Equal("When did Maya last stay at Pat's?", Assert.Single(state.Facilitation.Questions).Text);
        Then.NoEvents(Meeting.Decide(state, new AskQuestion("q1", "When did Maya last stay at Pat's?", Given.Sam, At)));
    }

    [Theory]
    [InlineData("Maya hides under the bed when Jordan shouts.")]
    [InlineData("I think Pat could have the children more")]
    public void AStatementIsRefusedAsAQuestion(string statement)
    {
        var state = Supervision(new StageStarted("information", Given.Iro, At));
        var refusal = Then.Invalid(Meeting.Decide(state, new AskQuestion("q1", statement, Given.Sam, At)), "text");
        Assert.Equal("In group supervision the group asks questions: end it with a question mark, or turn it into a question.", refusal.Message);
        // Trailing spaces do not hide the question mark.
        Then.Single<QuestionAsked>(Meeting.Decide(state, new AskQuestion("q2", "Where do the children go when Jordan shouts?  ", Given.Sam, At)));
    }

    [Fact]
    public void QuestionsAreRefusedInOtherStagesAndWhenEmpty()
    {
        Then.Conflict(Meeting.Decide(Supervision(new StageStarted("scaling", Given.Iro, At)), new AskQuestion("q1", "Why?", Given.Sam, At)));
        Then.Invalid(Meeting.Decide(Supervision(new StageStarted("information", Given.Iro, At)), new AskQuestion("q1", "  ", Given.Sam, At)), "text");
    }
}

public sealed class CoFacilitating
{
    static readonly DateTimeOffset At = Given.At;

    [Fact]
    public void ACoFacilitatorGetsFullControl()
    {
        var state = Given.OpenMeeting();
        Then.Forbidden(Meeting.Decide(state, new GoToStage("purpose", Given.AnotherFacilitator, At)));
        var added = Then.Single<CoFacilitatorAdded>(Meeting.Decide(state, new AddCoFacilitator(Given.AnotherFacilitator.Id, "Robin (minute-taker)", Given.Iro, At)));
        state = Meeting.Apply(state, added);
        Assert.True(state.IsFacilitator(Given.AnotherFacilitator));
        Assert.Equal(("Robin (minute-taker)", "Co-facilitator"), state.Describe(Given.AnotherFacilitator));
        Then.Single<StageStarted>(Meeting.Decide(state, new GoToStage("purpose", Given.AnotherFacilitator, At)));
        Then.Single<ParticipantRemoved>(Meeting.Decide(state, new RemoveParticipant(Given.Sam.Id, Given.AnotherFacilitator, At)));
    }

    [Fact]
    public void AnUnknownOrRepeatedAccountIsRefused()
    {
        var state = Given.OpenMeeting(new CoFacilitatorAdded(Given.AnotherFacilitator.Id, "Robin", Given.Iro, At));
        Then.Invalid(Meeting.Decide(state, new AddCoFacilitator(null, null, Given.Iro, At)), "email");
        Then.Invalid(Meeting.Decide(state, new AddCoFacilitator(Given.AnotherFacilitator.Id, "Robin", Given.Iro, At)), "email");
        Then.Invalid(Meeting.Decide(state, new AddCoFacilitator(Given.Iro.Id, "Alex", Given.Iro, At)), "email");
        Then.Forbidden(Meeting.Decide(state, new AddCoFacilitator("acc-3", "Kim", Given.Sam, At)));
    }
}

public sealed class StageNamesInTheMeetingsWords
{
    [Theory]
    [InlineData(MeetingType.GroupSupervision)]
    [InlineData(MeetingType.ChildProtectionConference)]
    [InlineData(MeetingType.FamilyNetworkMeeting)]
    public void SignsOfWellbeingAndSuccessNeverSaySafetyOrDanger(MeetingType type)
    {
        foreach (var wording in new[] { Wording.SignsOfWellbeing, Wording.SignsOfSuccess })
        {
            var state = Given.Events(Given.Created() with { Type = type }, new WordingChosen(wording, Given.Iro, Given.At));
            var stages = state.Stages();
            Assert.Equal(Templates.For(type).Select(s => s.Id), stages.Select(s => s.Id));
            Assert.All(stages, s =>
            {
                Assert.DoesNotContain("safety", s.Title, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("danger", s.Title, StringComparison.OrdinalIgnoreCase);
            });
        }
    }

    [Fact]
    public void StagesUseTheChosenWords()
    {
        var wellbeing = Given.Events(Given.Created() with { Type = MeetingType.GroupSupervision }, new WordingChosen(Wording.SignsOfWellbeing, Given.Iro, Given.At));
        Assert.Equal("Worry statements and wellbeing goals", wellbeing.FindStage("danger-and-goals")!.Title);
        var success = Given.Events(Given.Created(), new WordingChosen(Wording.SignsOfSuccess, Given.Iro, Given.At));
        Assert.Equal("Overall success scale", success.FindStage("overall-scale")!.Title);
        Assert.Equal("Overall safety scale", Given.OpenMeeting().FindStage("overall-scale")!.Title);
    }

    [Fact]
    public void AStageRenamedAfterChoosingTheWordsKeepsTheOthersInThoseWords()
    {
        var state = Given.Events(Given.Created() with { Type = MeetingType.FamilyNetworkMeeting }, new WordingChosen(Wording.SignsOfWellbeing, Given.Iro, Given.At),
            new StageRenamed("mapping", "Our map", Given.Iro, Given.At));
        Assert.Equal("Wellbeing goals", state.FindStage("safety-goals")!.Title);
    }
}
