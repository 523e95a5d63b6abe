using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Tests.Meetings;

namespace MeetingBoard.Tests.Practice;

/// <summary>Plan rules, the safety network, bottom lines and the testing period (issue 17, part 6).</summary>
public sealed class BuildingASafetyPlan
{
    static readonly DateTimeOffset At = Given.At;

    static MeetingState FamilyNetwork(params IMeetingEvent[] then) => Given.Events(
    [
        Given.Created() with { Type = MeetingType.FamilyNetworkMeeting },
        Given.Asked(Given.Sam), Given.Admitted(Given.Sam), Given.Asked(Given.Teacher), Given.Admitted(Given.Teacher),
        .. then,
    ]);

    static MeetingState Run(MeetingState state, MeetingCommand command) =>
        Meeting.Decide(state, command).Events!.Aggregate(state, Meeting.Apply);

    [Fact]
    public void TheFamilyWritesPlanRulesAndTheNetwork()
    {
        var state = FamilyNetwork(new StageStarted("plan-rules", Given.Iro, At));
        state = Run(state, new AddPlanRule("rule-1", "If Jordan starts shouting, Sam takes the children to Pat's", "Sam, and Pat checks in", "Pat calls the social worker the same day", Given.Sam, At));
        state = Run(state, new AddNetworkMember("net-1", "Pat", "Grandmother", "Has the children when things get heated", Given.Sam, At));
        var rule = Assert.Single(state.SafetyPlan.Rules);
        Assert.Equal("Sam, and Pat checks in", rule.WhoMakesSure);
        Assert.Equal(Given.Sam, rule.Author);
        Assert.Equal("Grandmother", Assert.Single(state.SafetyPlan.Network).Relationship);
    }

    [Fact]
    public void EveryPartOfARuleIsNeeded()
    {
        var state = FamilyNetwork();
        Then.Invalid(Meeting.Decide(state, new AddPlanRule("r", "", "Sam", "Pat calls", Given.Sam, At)), "rule");
        Then.Invalid(Meeting.Decide(state, new AddPlanRule("r", "A rule", " ", "Pat calls", Given.Sam, At)), "whoMakesSure");
        Then.Invalid(Meeting.Decide(state, new AddPlanRule("r", "A rule", "Sam", null, Given.Sam, At)), "ifBroken");
        Then.Invalid(Meeting.Decide(state, new AddNetworkMember("n", "Pat", "", "Visits", Given.Sam, At)), "relationship");
    }

    [Fact]
    public void ThePlanIsOpenWhenTheStageOpensIt()
    {
        var mapping = FamilyNetwork(new StageStarted("mapping", Given.Iro, At));
        var refusal = Then.Conflict(Meeting.Decide(mapping, new AddPlanRule("r", "A rule", "Sam", "Pat calls", Given.Sam, At)));
        Assert.StartsWith("The safety plan is closed", refusal.Message);
        Then.Single<PlanRuleAdded>(Meeting.Decide(mapping, new AddPlanRule("r", "A rule", "Sam", "Pat calls", Given.Iro, At)));
    }

    [Fact]
    public void BottomLinesAndTheTestingPeriodAreTheProfessionals()
    {
        var state = FamilyNetwork();
        Then.Forbidden(Meeting.Decide(state, new AddBottomLine("b", "The children are never left alone with Jordan", Given.Sam, At)));
        Then.Forbidden(Meeting.Decide(state, new SetTestingPeriod("1", "6", "2025", Given.Sam, At)));
        state = Run(state, new AddBottomLine("b", "The children are never left alone with Jordan", Given.Iro, At));
        state = Run(state, new SetTestingPeriod("3", "6", "2025", Given.Iro, At));
        Assert.Equal(new DateOnly(2025, 6, 3), state.SafetyPlan.Testing!.Ends);
        Then.NoEvents(Meeting.Decide(state, new SetTestingPeriod("03", "06", "2025", Given.Iro, At)));
        state = Run(state, new ClearTestingPeriod(Given.Iro, At));
        Assert.Null(state.SafetyPlan.Testing);
    }

    [Fact]
    public void TheTestingPeriodEndsOnARealDateAfterTheMeeting()
    {
        var state = FamilyNetwork();
        Assert.Equal("Enter the date the testing period ends", Then.Invalid(Meeting.Decide(state, new SetTestingPeriod("", "", "", Given.Iro, At)), "ends").Message);
        Then.Invalid(Meeting.Decide(state, new SetTestingPeriod("31", "2", "2025", Given.Iro, At)), "ends");
        Then.Invalid(Meeting.Decide(state, new SetTestingPeriod("1", "1", "2025", Given.Iro, At)), "ends");
    }

    [Fact]
    public void PeopleRemoveWhatTheyAddedAndTheFacilitatorAnything()
    {
        var state = Run(FamilyNetwork(), new AddPlanRule("r", "A rule", "Sam", "Pat calls", Given.Sam, At));
        state = Run(state, new AddBottomLine("b", "No contact", Given.Iro, At));
        Then.Forbidden(Meeting.Decide(state, new RemoveFromSafetyPlan("r", Given.Teacher, At)));
        Then.Forbidden(Meeting.Decide(state, new RemoveFromSafetyPlan("b", Given.Sam, At)));
        state = Run(state, new RemoveFromSafetyPlan("r", Given.Sam, At));
        state = Run(state, new RemoveFromSafetyPlan("b", Given.Iro, At));
        Assert.True(state.SafetyPlan.IsEmpty);
        Then.Conflict(Meeting.Decide(state, new AddPlanRule("r", "A rule", "Sam", "Pat calls", Given.Sam, At)));
    }

    [Fact]
    public void GroupSupervisionHasNoSafetyPlan() =>
        Then.Conflict(Meeting.Decide(Given.Events(Given.Created() with { Type = MeetingType.GroupSupervision }),
            new AddBottomLine("b", "No contact", Given.Iro, At)));

    [Fact]
    public void AConferenceHasOneToo() =>
        Then.Single<NetworkMemberAdded>(Meeting.Decide(Given.OpenMeeting(), new AddNetworkMember("n", "Pat", "Grandmother", "Visits daily", Given.Sam, At)));
}
