using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Tests.Meetings;
using static MeetingBoard.Tests.Meetings.Given;

namespace MeetingBoard.Tests.Practice;

public class BuildingADangerStatement
{
    internal static AddDangerStatement Build(string id = "d-1", Actor? by = null, string? sentence = null, string? who = "The social worker and Maya's teacher",
        string? behaviour = "Jordan has shouted at and pushed Sam twice while Maya and Leo were there",
        string? impact = "Maya is so frightened that she hides under her bed",
        string? ifNothing = "Maya and Leo could be hurt, and keep being frightened at home", string? safety = null) =>
        new(id, sentence, who, behaviour, impact, ifNothing, safety, by ?? Teacher, At);

    [Fact]
    public void ComposesAReadableSentenceFromItsPartsAndKeepsThem()
    {
        var added = Then.Single<DangerStatementAdded>(Meeting.Decide(OpenMeeting(), Build()));
        Assert.Equal("The social worker and Maya's teacher are worried that Jordan has shouted at and pushed Sam twice while Maya and Leo were there. "
            + "Maya is so frightened that she hides under her bed. If nothing changes, Maya and Leo could be hurt, and keep being frightened at home.", added.Sentence);
        Assert.Equal("Maya is so frightened that she hides under her bed", added.Parts.Impact);
        Assert.Null(added.Parts.SafetyInPlace);
    }

    [Fact]
    public void OpensWithTheSafetyAlreadyInPlaceWhenGiven()
    {
        var added = Then.Single<DangerStatementAdded>(Meeting.Decide(OpenMeeting(),
            Build(who: "The school", safety: "last time Sam took the children to Pat's straight away")));
        Assert.StartsWith("Last time Sam took the children to Pat's straight away. The school is worried that Jordan", added.Sentence);
    }

    [Fact]
    public void KeepsTheSentenceAsTheWriterEditedIt()
    {
        var added = Then.Single<DangerStatementAdded>(Meeting.Decide(OpenMeeting(), Build(sentence: "  We are worried Maya and Leo could be hurt.  ")));
        Assert.Equal("We are worried Maya and Leo could be hurt.", added.Sentence);
        Assert.Equal("The social worker and Maya's teacher", added.Parts.Who);
    }

    [Theory]
    [InlineData("who")]
    [InlineData("behaviour")]
    [InlineData("impact")]
    [InlineData("ifNothingChanges")]
    public void RefusesAMissingPartBesideItsField(string field)
    {
        var command = field switch
        {
            "who" => Build(who: " "),
            "behaviour" => Build(behaviour: null),
            "impact" => Build(impact: ""),
            _ => Build(ifNothing: "\n"),
        };
        var refusal = Then.Invalid(Meeting.Decide(OpenMeeting(), command), field);
        Assert.StartsWith("Enter", refusal.Message);
    }

    [Fact]
    public void RefusesAnOversizedPart() =>
        Assert.Contains("500 characters or fewer", Then.Invalid(Meeting.Decide(OpenMeeting(), Build(impact: new string('a', 501))), "impact").Message);

    [Fact]
    public void IsForbiddenToPeopleNotLetIn() =>
        Then.Forbidden(Meeting.Decide(OpenMeeting(Asked(HealthVisitor)), Build(by: HealthVisitor)));

    [Fact]
    public void IsRefusedOnceTheMeetingHasClosed() =>
        Then.Conflict(Meeting.Decide(OpenMeeting(Closed()), Build()));

    [Fact]
    public void ARemovedStatementCannotComeBackByARetry()
    {
        var given = OpenMeeting(Added(), new DangerStatementRemoved("d-1", Iro, At));
        Then.Conflict(Meeting.Decide(given, Build()));
    }

    internal static DangerStatementAdded Added(string id = "d-1", Actor? by = null) =>
        Then.Single<DangerStatementAdded>(Meeting.Decide(OpenMeeting(), Build(id, by)));
}

public class ChangingADangerStatement
{
    static readonly MeetingState WithStatement = OpenMeeting(BuildingADangerStatement.Added());

    [Fact]
    public void TheFacilitatorEditsTheSentence()
    {
        var edited = Then.Single<DangerStatementEdited>(Meeting.Decide(WithStatement, new EditDangerStatement("d-1", "Shorter words.", Iro, At)));
        var state = Meeting.Apply(WithStatement, edited);
        Assert.Equal("Shorter words.", state.Practice.Statements[0].Sentence);
        Assert.NotNull(state.Practice.Statements[0].EditedAt);
    }

    [Fact]
    public void EvenItsAuthorCannotEditOrRemoveIt()
    {
        Then.Forbidden(Meeting.Decide(WithStatement, new EditDangerStatement("d-1", "Mine", Teacher, At)));
        Then.Forbidden(Meeting.Decide(WithStatement, new RemoveDangerStatement("d-1", Teacher, At)));
    }

    [Fact]
    public void RemovingItTakesItsGoalsWithIt()
    {
        var given = OpenMeeting(BuildingADangerStatement.Added(), BuildingASafetyGoal.Added());
        Assert.Single(given.Practice.Goals);
        var state = Meeting.Apply(given, Then.Single<DangerStatementRemoved>(Meeting.Decide(given, new RemoveDangerStatement("d-1", Iro, At))));
        Assert.Empty(state.Practice.Statements);
        Assert.Empty(state.Practice.Goals);
    }

    [Fact]
    public void RemovingTwiceIsNotAnError()
    {
        var given = OpenMeeting(BuildingADangerStatement.Added(), new DangerStatementRemoved("d-1", Iro, At));
        Then.NoEvents(Meeting.Decide(given, new RemoveDangerStatement("d-1", Iro, At)));
    }
}

public class BuildingASafetyGoal
{
    static readonly MeetingState WithStatement = OpenMeeting(BuildingADangerStatement.Added());

    internal static AddSafetyGoal Build(string? statementId = "d-1", string? sentence = null,
        string? carers = "If an argument starts, one adult will leave the house before it gets loud",
        string? child = "Maya and Leo will feel calm at home and go to Pat's when they need to",
        string? professionals = "The school and the health visitor will see the children relaxed and talking about home",
        string? howLong = "six months", Actor? by = null) =>
        new("g-1", statementId, sentence, carers, child, professionals, howLong, by ?? Sam, At);

    internal static SafetyGoalAdded Added() => Then.Single<SafetyGoalAdded>(Meeting.Decide(OpenMeeting(BuildingADangerStatement.Added()), Build()));

    [Fact]
    public void BelongsToItsDangerStatementAndReadsAsASentence()
    {
        var added = Then.Single<SafetyGoalAdded>(Meeting.Decide(WithStatement, Build()));
        Assert.Equal("d-1", added.StatementId);
        Assert.Equal("If an argument starts, one adult will leave the house before it gets loud. Maya and Leo will feel calm at home and go to Pat's when they need to. "
            + "The school and the health visitor will see the children relaxed and talking about home. This will keep happening for six months.", added.Sentence);
        Assert.Equal("six months", added.Parts.HowLong);
        var state = Meeting.Apply(WithStatement, added);
        Assert.Single(state.Practice.GoalsFor("d-1"));
    }

    [Fact]
    public void RefusesAGoalWithoutADangerStatement()
    {
        Then.Invalid(Meeting.Decide(WithStatement, Build(statementId: "no-such")), "statementId");
        Then.Invalid(Meeting.Decide(OpenMeeting(), Build(statementId: null)), "statementId");
    }

    [Theory]
    [InlineData("carersWillDo")]
    [InlineData("childWillExperience")]
    [InlineData("professionalsWillSee")]
    [InlineData("howLong")]
    public void RefusesAMissingPartBesideItsField(string field)
    {
        var command = field switch
        {
            "carersWillDo" => Build(carers: ""),
            "childWillExperience" => Build(child: null),
            "professionalsWillSee" => Build(professionals: " "),
            _ => Build(howLong: ""),
        };
        Then.Invalid(Meeting.Decide(WithStatement, command), field);
    }

    [Fact]
    public void OnlyTheFacilitatorEditsIt()
    {
        var given = OpenMeeting(BuildingADangerStatement.Added(), Added());
        Then.Forbidden(Meeting.Decide(given, new EditSafetyGoal("g-1", "Mine", Sam, At)));
        Assert.Equal("Everyone will see it.", Then.Single<SafetyGoalEdited>(Meeting.Decide(given, new EditSafetyGoal("g-1", "Everyone will see it.", Iro, At))).Sentence);
        Then.Invalid(Meeting.Decide(given, new EditSafetyGoal("g-1", "  ", Iro, At)), "sentence");
    }
}

public class DisagreeingWithADangerStatement
{
    static readonly MeetingState WithStatement = OpenMeeting(BuildingADangerStatement.Added());

    [Fact]
    public void TheFamilysViewIsShownBesideTheStatementWithWhoSaidIt()
    {
        var recorded = Then.Single<DisagreementRecorded>(Meeting.Decide(WithStatement,
            new RecordDisagreement("d-1", "Jordan has never pushed me in front of the children.", Sam, At)));
        var state = Meeting.Apply(WithStatement, recorded);
        var view = Assert.Single(state.Practice.Statements[0].Disagreements);
        Assert.Equal(Sam, view.By);
        Assert.Equal("Jordan has never pushed me in front of the children.", view.View);
    }

    [Fact]
    public void SayingItAgainReplacesTheEarlierView()
    {
        var given = OpenMeeting(BuildingADangerStatement.Added(), new DisagreementRecorded("d-1", "First", Sam, At),
            new DisagreementRecorded("d-1", "From the teacher", Teacher, At), new DisagreementRecorded("d-1", "Second", Sam, At));
        Assert.Equal(["From the teacher", "Second"], given.Practice.Statements[0].Disagreements.Select(d => d.View));
    }

    [Fact]
    public void IsTheFamilysNotTheFacilitators() =>
        Then.Forbidden(Meeting.Decide(WithStatement, new RecordDisagreement("d-1", "I disagree", Iro, At)));

    [Fact]
    public void NeedsTheirWords() =>
        Then.Invalid(Meeting.Decide(WithStatement, new RecordDisagreement("d-1", "", Sam, At)), "view");

    [Fact]
    public void IsRefusedForAStatementThatHasGone() =>
        Then.NotFound(Meeting.Decide(OpenMeeting(), new RecordDisagreement("d-1", "No", Sam, At)));
}
