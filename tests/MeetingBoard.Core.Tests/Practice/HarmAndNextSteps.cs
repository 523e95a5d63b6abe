using MeetingBoard.Board;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Tests.Meetings;
using static MeetingBoard.Tests.Meetings.Given;

namespace MeetingBoard.Tests.Practice;

public class RecordingHarm
{
    static RecordHarm Record(string? behaviour = "Jordan shouted at and pushed Sam while the children were there", string? impact = "Maya hides under her bed", Actor? by = null) =>
        new("h-1", behaviour, "Three months", "Twice that police know of", "In January, shouting", "In March, Sam was pushed into a door", "Two weeks ago", impact, by ?? Teacher, At);

    [Fact]
    public void KeepsBehaviourTimespanSeverityAndImpact()
    {
        var recorded = Then.Single<HarmRecorded>(Meeting.Decide(OpenMeeting(), Record()));
        var entry = Assert.Single(Meeting.Apply(OpenMeeting(), recorded).Practice.Harm);
        Assert.Equal("Three months", entry.HowLong);
        Assert.Equal("Twice that police know of", entry.HowOften);
        Assert.Equal("In January, shouting", entry.First);
        Assert.Equal("In March, Sam was pushed into a door", entry.Worst);
        Assert.Equal("Two weeks ago", entry.Last);
        Assert.Equal("Maya hides under her bed", entry.Impact);
    }

    [Fact]
    public void NeedsTheBehaviourOnly()
    {
        Then.Invalid(Meeting.Decide(OpenMeeting(), Record(behaviour: "")), "behaviour");
        Assert.Equal("", Then.Single<HarmRecorded>(Meeting.Decide(OpenMeeting(), Record(impact: null))).Impact);
    }

    [Fact]
    public void StaysApartFromComplicatingFactors()
    {
        var state = Meeting.Apply(OpenMeeting(Added("i-1", Sam, Category.ComplicatingFactors, "Jordan drinks most evenings")),
            Then.Single<HarmRecorded>(Meeting.Decide(OpenMeeting(), Record())));
        Assert.Single(state.Practice.Harm);
        Assert.Single(state.ItemsIn(Category.ComplicatingFactors));
        Assert.Empty(state.ItemsIn(Category.Harm));
    }

    [Fact]
    public void OnlyTheFacilitatorRemovesAnEntry()
    {
        var given = OpenMeeting(Then.Single<HarmRecorded>(Meeting.Decide(OpenMeeting(), Record())));
        Then.Forbidden(Meeting.Decide(given, new RemoveHarm("h-1", Teacher, At)));
        Assert.Empty(Meeting.Apply(given, Then.Single<HarmRemoved>(Meeting.Decide(given, new RemoveHarm("h-1", Iro, At)))).Practice.Harm);
    }
}

public class PlanningNextSteps
{
    static AddNextStep Step(string? who = "p-sam", string? other = null, string? action = "Take the children to Pat's if an argument starts",
        string? day = "14", string? month = "3", string? year = "2025", Actor? by = null) =>
        new("s-1", who, other, action, day, month, year, by ?? Teacher, At);

    [Fact]
    public void SaysWhoWillDoWhatByWhen()
    {
        var added = Then.Single<NextStepAdded>(Meeting.Decide(OpenMeeting(), Step()));
        Assert.Equal("p-sam", added.ParticipantId);
        Assert.Equal("Sam", added.PersonName);
        Assert.Equal(new DateOnly(2025, 3, 14), added.Due);
        Assert.Equal(NextStepStatus.NotStarted, Meeting.Apply(OpenMeeting(), added).Practice.Steps[0].Status);
    }

    [Fact]
    public void CanNameSomeoneWhoIsNotHere()
    {
        var added = Then.Single<NextStepAdded>(Meeting.Decide(OpenMeeting(), Step(who: PracticeRules.SomeoneElse, other: "Pat (grandmother)")));
        Assert.Null(added.ParticipantId);
        Assert.Equal("Pat (grandmother)", added.PersonName);
        Then.Invalid(Meeting.Decide(OpenMeeting(), Step(who: PracticeRules.SomeoneElse, other: "")), "otherName");
        Assert.Equal("Alex (IRO)", Then.Single<NextStepAdded>(Meeting.Decide(OpenMeeting(), Step(who: PracticeRules.TheFacilitator))).PersonName);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("p-nobody")]
    [InlineData("p-hv")]
    public void RefusesSomeoneWhoIsNotInTheMeeting(string? who) =>
        Then.Invalid(Meeting.Decide(OpenMeeting(Asked(HealthVisitor)), Step(who: who)), "who");

    [Theory]
    [InlineData("", "", "", "Enter the date it will be done by")]
    [InlineData("14", "", "2025", "must include a month")]
    [InlineData("", "", "2025", "must include a day and month")]
    [InlineData("31", "2", "2025", "must be a real date")]
    [InlineData("29", "2", "2025", "must be a real date")]
    [InlineData("1", "13", "2025", "must be a real date")]
    [InlineData("0", "1", "2025", "must be a real date")]
    [InlineData("1", "1", "25", "The year must include 4 numbers")]
    [InlineData("first", "1", "2025", "in numbers")]
    [InlineData("-1", "1", "2025", "in numbers")]
    public void RefusesADateThatIsNotReal(string day, string month, string year, string message) =>
        Assert.Contains(message, Then.Invalid(Meeting.Decide(OpenMeeting(), Step(day: day, month: month, year: year)), "due").Message);

    [Fact]
    public void TakesTheTwentyNinthOfFebruaryInALeapYear() =>
        Assert.Equal(new DateOnly(2028, 2, 29), Then.Single<NextStepAdded>(Meeting.Decide(OpenMeeting(), Step(day: "29", month: "02", year: "2028"))).Due);

    [Fact]
    public void RefusesAStepWithoutAnAction() =>
        Then.Invalid(Meeting.Decide(OpenMeeting(), Step(action: " ")), "what");

    static readonly MeetingState WithStep = OpenMeeting(Then.Single<NextStepAdded>(Meeting.Decide(OpenMeeting(), Step())));

    [Fact]
    public void TheFacilitatorOrThePersonDoingItChangesHowItIsGoing()
    {
        var byFacilitator = Then.Single<NextStepStatusChanged>(Meeting.Decide(WithStep, new ChangeNextStepStatus("s-1", "InProgress", Iro, At)));
        Assert.Equal(NextStepStatus.InProgress, byFacilitator.Status);
        var bySam = Then.Single<NextStepStatusChanged>(Meeting.Decide(WithStep, new ChangeNextStepStatus("s-1", "Done", Sam, At)));
        Assert.Equal(NextStepStatus.Done, Meeting.Apply(WithStep, bySam).Practice.Steps[0].Status);
        Then.Forbidden(Meeting.Decide(WithStep, new ChangeNextStepStatus("s-1", "Done", Teacher, At)));
    }

    [Fact]
    public void RefusesAStatusThatIsNotOneOfTheThree()
    {
        Then.Invalid(Meeting.Decide(WithStep, new ChangeNextStepStatus("s-1", "Abandoned", Iro, At)), "status");
        Then.Invalid(Meeting.Decide(WithStep, new ChangeNextStepStatus("s-1", "4", Iro, At)), "status");
        Then.NoEvents(Meeting.Decide(WithStep, new ChangeNextStepStatus("s-1", "NotStarted", Iro, At)));
    }
}

public class ChoosingTheWording
{
    [Fact]
    public void TheFacilitatorRenamesTheFrameAndTheStructureStays()
    {
        var chosen = Then.Single<WordingChosen>(Meeting.Decide(OpenMeeting(), new ChooseWording("SignsOfWellbeing", Iro, At)));
        var words = Meeting.Apply(OpenMeeting(), chosen).Practice.Words;
        Assert.Equal("Signs of Wellbeing", words.Frame);
        Assert.Equal("Worry statements", words.Info(Category.DangerStatements).Title);
        Assert.Equal("Wellbeing goals", words.Info(Category.SafetyGoals).Title);
        Assert.Equal("Existing wellbeing", words.Info(Category.ExistingSafety).Title);
        Assert.Equal(Map.Info(Category.Harm), words.Info(Category.Harm));
        Assert.Equal(Map.Categories.Select(c => c.Category), Map.Categories.Select(c => words.Info(c.Category).Category));
    }

    [Fact]
    public void IsTheFacilitatorsChoice()
    {
        Then.Forbidden(Meeting.Decide(OpenMeeting(), new ChooseWording("SignsOfSuccess", Sam, At)));
        Then.Invalid(Meeting.Decide(OpenMeeting(), new ChooseWording("Signs of Belonging", Iro, At)), "wording");
        Then.Invalid(Meeting.Decide(OpenMeeting(), new ChooseWording("9", Iro, At)), "wording");
        Then.NoEvents(Meeting.Decide(OpenMeeting(), new ChooseWording("SignsOfSafety", Iro, At)));
    }

    [Fact]
    public void EveryWordingNamesEveryTerm() =>
        Assert.All(Vocabulary.All, v => Assert.All(
            new[] { v.Frame, v.Danger, v.DangerStatement, v.DangerStatements, v.SafetyGoal, v.SafetyGoals, v.Safety, v.ExistingSafety },
            term => Assert.False(string.IsNullOrWhiteSpace(term))));
}
