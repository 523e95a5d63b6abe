using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Scaling;
using MeetingBoard.Tests.Meetings;
using static MeetingBoard.Tests.Meetings.Given;

namespace MeetingBoard.Tests.Practice;

public class ComposingASafetyGoal
{
    static string Compose(string carers, string child, string professionals, string howLong) =>
        new GoalParts(carers, child, professionals, howLong).Compose();

    [Fact]
    public void GivesAPhraseTheQuestionsSubjectSoEveryPartIsASentence()
    {
        Assert.Equal("The parents or carers will leave the house when an argument starts. The child will experience a calm home. "
            + "Professionals will see the children relaxed and talking about home. This will keep happening for six months.",
            Compose("Leave the house when an argument starts", "a calm home", "The children relaxed and talking about home", "Six months"));
    }

    [Fact]
    public void KeepsAPartAlreadyWrittenAsASentence()
    {
        Assert.Equal("Sam will call Pat. Maya feels calm. School sees Maya settled. This will keep happening for six months.",
            Compose("Sam will call Pat", "Maya feels calm", "School sees Maya settled", "six months"));
        Assert.StartsWith("If an argument starts, one adult will leave the house.",
            Compose("If an argument starts, one adult will leave the house", "feeling safe", "Maya at school every day", "a year"));
    }

    [Fact]
    public void ReadsAFeelingOrANameAfterTheLeadIn()
    {
        var goal = Compose("call Pat if Jordan gets angry", "Feeling safe and listened to", "Maya relaxed at school", "until the review");
        Assert.Equal("The parents or carers will call Pat if Jordan gets angry. The child will experience feeling safe and listened to. "
            + "Professionals will see Maya relaxed at school. This will keep happening until the review.", goal);
    }

    [Fact]
    public void DoesNotSayForTwice() =>
        Assert.EndsWith("This will keep happening for at least six months.", Compose("x will y", "x will y", "x will y", "for at least six months"));
}

public class NamingADangerStatement
{
    [Fact]
    public void ByItsNumberAndItsWorryNotTheOpener()
    {
        var added = Then.Single<DangerStatementAdded>(Meeting.Decide(OpenMeeting(),
            BuildingADangerStatement.Build(safety: "Last time Sam took the children to Pat's straight away and that kept them safe")));
        var practice = Meeting.Apply(OpenMeeting(), added).Practice;
        var statement = Assert.Single(practice.Statements);
        Assert.StartsWith("Last time", statement.Sentence);
        Assert.Equal("Danger statement 1: Jordan has shouted at and pushed Sam twice while Maya and Leo were there", practice.NameOf(statement, 80));
        Assert.Equal("Danger statement 1: Jordan has shouted at and pushed…", practice.NameOf(statement, 34));
    }
}

public class ADueDateBeforeTheMeeting
{
    [Fact]
    public void IsWarnedAboutNotRefused()
    {
        var day = new DateOnly(2026, 12, 7);
        Assert.Equal("This date is before the meeting (7 December 2026). Check it is right.", PracticeRules.DueDateWarning(new DateOnly(2025, 12, 28), day));
        Assert.Null(PracticeRules.DueDateWarning(day, day));
        Assert.Null(PracticeRules.DueDateWarning(new DateOnly(2027, 1, 5), day));

        var given = OpenMeeting();
        var added = Then.Single<NextStepAdded>(Meeting.Decide(given, new AddNextStep("s-1", PracticeRules.TheFacilitator, null, "Visit", "1", "1", "2001", Iro, At)));
        Assert.Equal(new DateOnly(2001, 1, 1), added.Due);
    }
}

public class ScalingADangerStatementFromTheBuilder
{
    [Fact]
    public void IsOfferedAsTheSubjectOfARound()
    {
        var given = OpenMeeting(BuildingADangerStatement.Added("d-1"));
        var started = Then.Single<RoundStarted>(Meeting.Decide(given, new StartRound("r-1", "How safe?", "Safe", "Not safe", "d-1", Iro, At)));
        Assert.Equal("d-1", started.DangerStatementId);
        Then.Invalid(Meeting.Decide(given, new StartRound("r-1", "How safe?", "Safe", "Not safe", "d-gone", Iro, At)), "dangerStatement");
    }
}
