using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Tests.Meetings;
using static MeetingBoard.Tests.Meetings.Given;

namespace MeetingBoard.Tests.Practice;

/// <summary>A next step that needs a manager's sign-off: ticked when it is added, changed afterwards by those who may.</summary>
public class SigningOffNextSteps
{
    static AddNextStep Step(string? needsSignOff, Actor? by = null, string id = "s-1") =>
        new(id, "p-sam", null, "Ask the housing team about a move closer to Pat", "14", "3", "2025", by ?? Teacher, At, needsSignOff);

    static NextStepAdded Added(bool needsSignOff = false) =>
        new("s-1", "p-sam", "Sam", "Ask the housing team about a move closer to Pat", new DateOnly(2025, 3, 14), Iro, At, needsSignOff);

    /// <summary>A group supervision: Sam presents, the teacher is in the group, with one next step on the plan.</summary>
    static MeetingState Supervision(params IMeetingEvent[] then) => Events([
        Created() with { Type = MeetingType.GroupSupervision },
        Asked(Sam), Admitted(Sam), Asked(Teacher), Admitted(Teacher),
        new SupervisionRoleGiven(Sam.Id, SupervisionRole.Presenter, Iro, At),
        Added(), .. then]);

    [Fact]
    public void ATickedBoxMarksTheStepWhenItIsAdded()
    {
        var added = Then.Single<NextStepAdded>(Meeting.Decide(OpenMeeting(), Step("true")));
        Assert.True(added.NeedsSignOff);
        Assert.True(Meeting.Apply(OpenMeeting(), added).Practice.Steps[0].NeedsSignOff);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("false")]
    public void AnUntickedBoxLeavesItUnmarked(string? value) =>
        Assert.False(Then.Single<NextStepAdded>(Meeting.Decide(OpenMeeting(), Step(value))).NeedsSignOff);

    [Theory]
    [InlineData("yes")]
    [InlineData("on")]
    [InlineData("1")]
    [InlineData("true; drop table")]
    public void RefusesAnythingButTrueOrFalse(string value)
    {
        Then.Invalid(Meeting.Decide(OpenMeeting(), Step(value)), "needsSignOff");
        Then.Invalid(Meeting.Decide(OpenMeeting(Added()), new ChangeNextStepSignOff("s-1", value, Iro, At)), "needsSignOff");
        Then.Invalid(Meeting.Decide(OpenMeeting(Added()), new ChangeNextStepSignOff("s-1", null, Iro, At)), "needsSignOff");
    }

    [Fact]
    public void TheFacilitatorChangesItAfterwards()
    {
        var given = OpenMeeting(Added());
        var marked = Then.Single<NextStepSignOffChanged>(Meeting.Decide(given, new ChangeNextStepSignOff("s-1", "true", Iro, At)));
        var state = Meeting.Apply(given, marked);
        Assert.True(state.Practice.Steps[0].NeedsSignOff);
        Then.NoEvents(Meeting.Decide(state, new ChangeNextStepSignOff("s-1", "true", Iro, At)));
        var cleared = Then.Single<NextStepSignOffChanged>(Meeting.Decide(state, new ChangeNextStepSignOff("s-1", "false", Iro, At)));
        Assert.False(Meeting.Apply(state, cleared).Practice.Steps[0].NeedsSignOff);
    }

    [Fact]
    public void ACoFacilitatorChangesItToo()
    {
        var given = OpenMeeting(new CoFacilitatorAdded(AnotherFacilitator.Id, "Robin (minute-taker)", Iro, At), Added());
        Assert.True(Then.Single<NextStepSignOffChanged>(Meeting.Decide(given, new ChangeNextStepSignOff("s-1", "true", AnotherFacilitator, At))).NeedsSignOff);
    }

    [Fact]
    public void InGroupSupervisionThePresenterChangesItAndTheGroupDoesNot()
    {
        Assert.True(Then.Single<NextStepSignOffChanged>(Meeting.Decide(Supervision(), new ChangeNextStepSignOff("s-1", "true", Sam, At))).NeedsSignOff);
        Assert.Contains("presenter", Then.Forbidden(Meeting.Decide(Supervision(), new ChangeNextStepSignOff("s-1", "true", Teacher, At))).Message);
        // Once someone else presents, Sam is part of the group again.
        var handedOver = Supervision(new SupervisionRoleGiven(Sam.Id, SupervisionRole.Group, Iro, At),
            new SupervisionRoleGiven(Teacher.Id, SupervisionRole.Presenter, Iro, At));
        Then.Forbidden(Meeting.Decide(handedOver, new ChangeNextStepSignOff("s-1", "true", Sam, At)));
        Then.Single<NextStepSignOffChanged>(Meeting.Decide(handedOver, new ChangeNextStepSignOff("s-1", "true", Teacher, At)));
    }

    [Fact]
    public void OutsideGroupSupervisionOnlyTheFacilitatorsChangeIt()
    {
        // Sam's own step: she may change its status, not whether a manager signs it off.
        var given = OpenMeeting(Added());
        Then.Single<NextStepStatusChanged>(Meeting.Decide(given, new ChangeNextStepStatus("s-1", "Done", Sam, At)));
        Then.Forbidden(Meeting.Decide(given, new ChangeNextStepSignOff("s-1", "true", Sam, At)));
        Then.Forbidden(Meeting.Decide(given, new ChangeNextStepSignOff("s-1", "true", AnotherFacilitator, At)));
    }

    [Fact]
    public void ARemovedPresenterCannotChangeIt() =>
        Then.Forbidden(Meeting.Decide(Supervision(RemovedFromMeeting(Sam)), new ChangeNextStepSignOff("s-1", "true", Sam, At)));

    [Fact]
    public void IsRefusedForAStepThatIsGoneOrAClosedMeeting()
    {
        Then.NotFound(Meeting.Decide(OpenMeeting(Added(), new NextStepRemoved("s-1", Iro, At)), new ChangeNextStepSignOff("s-1", "true", Iro, At)));
        Then.NotFound(Meeting.Decide(OpenMeeting(), new ChangeNextStepSignOff("s-nothing", "true", Iro, At)));
        Then.Conflict(Meeting.Decide(OpenMeeting(Added(), Closed()), new ChangeNextStepSignOff("s-1", "true", Iro, At)));
    }

    [Fact]
    public void AStepStoredBeforeTheFlagExistedLoadsWithoutIt()
    {
        var json = """{"$type":"NextStepAdded","StepId":"s-1","ParticipantId":"p-sam","PersonName":"Sam","Action":"Call Pat","Due":"2025-03-14","By":{"Kind":2,"Id":"p-sam"},"At":"2025-03-04T10:00:00+00:00"}""";
        var e = Assert.IsType<NextStepAdded>(System.Text.Json.JsonSerializer.Deserialize<IMeetingEvent>(json, StoredEventNames.Json));
        Assert.False(e.NeedsSignOff);
        Assert.False(Meeting.Apply(OpenMeeting(), e).Practice.Steps[0].NeedsSignOff);
    }

    [Fact]
    public void TheNewEventKeepsItsDiscriminator()
    {
        var json = System.Text.Json.JsonSerializer.Serialize<IMeetingEvent>(new NextStepSignOffChanged("s-1", true, Iro, At), StoredEventNames.Json);
        Assert.Contains("\"$type\":\"NextStepSignOffChanged\"", json);
        Assert.True(Assert.IsType<NextStepSignOffChanged>(System.Text.Json.JsonSerializer.Deserialize<IMeetingEvent>(json, StoredEventNames.Json)).NeedsSignOff);
    }
}
