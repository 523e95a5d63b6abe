using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBoard.Web.Tests.Practice;

/// <summary>
/// "Needs manager sign-off" on a next step, through the command entry point a page's circuit uses: who
/// may change it, where it shows (each page's first render), and what is refused.
/// </summary>
public sealed class SignOffRequests
{
    static AddNextStep Step(string who, string what, string? needsSignOff, Actor a, DateTimeOffset t) =>
        new(Visitor.NewCommandId(), who, null, what, "1", "6", "2030", a, t, needsSignOff);

    static async Task<MeetingState> StateAsync(MeetingScenario meeting, string? meetingId = null) =>
        (await meeting.App.Services.GetRequiredService<MeetingHosts>().FindAsync(meetingId ?? meeting.MeetingId))!.State;

    static async Task<Circuit> ChairAsync(MeetingScenario meeting, string? meetingId = null) =>
        await Circuit.OpenAsync(meeting.App, await Circuit.FacilitatorAsync(meeting.App, meeting.Account.Email), meetingId ?? meeting.MeetingId);

    /// <summary>A group supervision in which Sam presents and Jo is in the group, with one next step for Sam.</summary>
    sealed record Supervision(MeetingScenario Meeting, Visitor Sam, string SamId, Visitor Jo, string StepId, Circuit Chair, Circuit SamCircuit, Circuit JoCircuit)
        : IAsyncDisposable
    {
        public Task<Refusal?> ChangeAsync(Circuit who, string? needsSignOff) =>
            who.RunAsync((a, t) => new ChangeNextStepSignOff(StepId, needsSignOff, a, t));

        public async Task<bool> NeedsSignOffAsync() => (await StateAsync(Meeting)).Practice.FindStep(StepId)!.NeedsSignOff;

        public async ValueTask DisposeAsync()
        {
            await Chair.DisposeAsync();
            await SamCircuit.DisposeAsync();
            await JoCircuit.DisposeAsync();
            Sam.Dispose();
            Jo.Dispose();
            await Meeting.DisposeAsync();
        }
    }

    static async Task<Supervision> SupervisionAsync(string? needsSignOff)
    {
        var meeting = await MeetingScenario.StartAsync(title: "Team supervision", type: "GroupSupervision");
        var (sam, samId) = await meeting.AdmitAsync("Sam Patel", "Social worker");
        var (jo, _) = await meeting.AdmitAsync("Jo Smith", "Social worker");
        var chair = await ChairAsync(meeting);
        Assert.Null(await chair.RunAsync((a, t) => new MeetingBoard.Facilitation.GiveSupervisionRole(samId, "Presenter", a, t)));
        Assert.Null(await chair.RunAsync((a, t) => Step(samId, "Ask the manager about a family group conference", needsSignOff, a, t)));
        var stepId = Assert.Single((await StateAsync(meeting)).Practice.Steps).Id;
        var samCircuit = await Circuit.OpenAsync(meeting.App, Circuit.ParticipantOf(meeting.App, sam), meeting.MeetingId);
        var joCircuit = await Circuit.OpenAsync(meeting.App, Circuit.ParticipantOf(meeting.App, jo), meeting.MeetingId);
        return new Supervision(meeting, sam, samId, jo, stepId, chair, samCircuit, joCircuit);
    }

    static async Task<string?> TagAsync(Visitor who, string path, string stepId)
    {
        var (_, page, _) = await who.GetAsync(path);
        Assert.NotNull(page.QuerySelector($"#step-{stepId}"));
        return page.QuerySelector($"#step-{stepId} .mud-chip.mb-sign-off")?.TextContent.Trim();
    }

    [Fact]
    public async Task ATickedBoxShowsTheTagToEveryoneAndTheRoomScreen()
    {
        await using var s = await SupervisionAsync("true");
        var meetingPath = $"/m/{s.Meeting.MeetingId}";
        Assert.Equal("Needs manager sign-off", await TagAsync(s.Meeting.Facilitator, meetingPath, s.StepId));
        Assert.Equal("Needs manager sign-off", await TagAsync(s.Jo, meetingPath, s.StepId));
        var state = await StateAsync(s.Meeting);
        using var room = new Visitor(s.Meeting.App);
        Assert.Equal("Needs manager sign-off", await TagAsync(room, $"{meetingPath}/screen/{state.ScreenKey}", s.StepId));
    }

    [Fact]
    public async Task ThePresenterAndTheFacilitatorChangeItAndTheGroupCannot()
    {
        await using var s = await SupervisionAsync(null);
        var meetingPath = $"/m/{s.Meeting.MeetingId}";
        Assert.Null(await TagAsync(s.Meeting.Facilitator, meetingPath, s.StepId));

        var byJo = await s.ChangeAsync(s.JoCircuit, "true");
        Assert.Equal(RefusalKind.Forbidden, byJo!.Kind);
        Assert.Contains("Only the facilitator or the presenter", byJo.Message);
        Assert.False(await s.NeedsSignOffAsync());

        Assert.Null(await s.ChangeAsync(s.SamCircuit, "true"));
        Assert.Equal("Needs manager sign-off", await TagAsync(s.Jo, meetingPath, s.StepId));
        // Sent twice, the same answer: a double press does not flip it back.
        Assert.Null(await s.ChangeAsync(s.SamCircuit, "true"));
        Assert.True(await s.NeedsSignOffAsync());
        Assert.Null(await s.ChangeAsync(s.Chair, "false"));
        Assert.Null(await TagAsync(s.Jo, meetingPath, s.StepId));

        // The presenter's page carries the control; the rest of the group's pages do not.
        var (_, samPage, _) = await s.Sam.GetAsync(meetingPath);
        Assert.NotNull(samPage.QuerySelector($"#sign-off-{s.StepId}"));
        var (_, joPage, _) = await s.Jo.GetAsync(meetingPath);
        Assert.Null(joPage.QuerySelector($"#sign-off-{s.StepId}"));
    }

    [Fact]
    public async Task InAConferenceOnlyTheChairsChangeIt()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, samId) = await meeting.AdmitAsync("Sam", "Mother");
        await using var samCircuit = await Circuit.OpenAsync(meeting.App, Circuit.ParticipantOf(meeting.App, sam), meeting.MeetingId);
        Assert.Null(await samCircuit.RunAsync((a, t) => Step(samId, "Call Pat", "true", a, t)));
        var step = Assert.Single((await StateAsync(meeting)).Practice.Steps);
        Assert.True(step.NeedsSignOff);
        Assert.Equal("Needs manager sign-off", await TagAsync(meeting.Facilitator, $"/m/{meeting.MeetingId}", step.Id));

        var bySam = await samCircuit.RunAsync((a, t) => new ChangeNextStepSignOff(step.Id, "false", a, t));
        Assert.Equal(RefusalKind.Forbidden, bySam!.Kind);
        Assert.Contains("Only the facilitator can change", bySam.Message);
        Assert.True((await StateAsync(meeting)).Practice.Steps[0].NeedsSignOff);
        var (_, samPage, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Null(samPage.QuerySelector($"#sign-off-{step.Id}"));
        Assert.NotNull(samPage.QuerySelector($"#step-{step.Id} .mb-sign-off"));
        sam.Dispose();
    }

    [Theory]
    [InlineData("yes")]
    [InlineData("on")]
    [InlineData("")]
    [InlineData("2")]
    public async Task RefusesAValueThatIsNotTrueOrFalse(string value)
    {
        await using var s = await SupervisionAsync(null);
        var refusal = await s.ChangeAsync(s.Chair, value);
        Assert.Equal(("needsSignOff", "Say whether this next step needs a manager's sign-off"), (refusal!.Field, refusal.Message));
        Assert.False(await s.NeedsSignOffAsync());
    }

    [Fact]
    public async Task AddingRefusesABadValueBesideTheCheckbox()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        await using var chair = await ChairAsync(meeting);
        var refusal = await chair.RunAsync((a, t) => Step(PracticeRules.TheFacilitator, "Visit the school", "maybe", a, t));
        Assert.Equal("needsSignOff", refusal!.Field);
        Assert.Empty((await StateAsync(meeting)).Practice.Steps);
    }

    [Fact]
    public async Task IsRefusedFromAnotherMeetingForAStepThatIsNotThereAndOnceClosed()
    {
        await using var s = await SupervisionAsync(null);
        var meeting = s.Meeting;

        // A participant of another meeting, and this step's id named in another meeting.
        var (otherId, otherCode) = await meeting.Facilitator.CreateMeetingAsync("Another team", "GroupSupervision");
        using var outsider = new Visitor(meeting.App);
        var outsiderId = await outsider.JoinAsync(otherCode, "Kim", "Social worker");
        await using (var otherChair = await ChairAsync(meeting, otherId))
        {
            Assert.Null(await otherChair.RunAsync((a, t) => new AdmitParticipant(outsiderId, a, t)));
            Assert.Equal(RefusalKind.NotFound, (await otherChair.RunAsync((a, t) => new ChangeNextStepSignOff(s.StepId, "true", a, t)))!.Kind);
        }
        await using (var outsiderCircuit = await Circuit.OpenAsync(meeting.App, Circuit.ParticipantOf(meeting.App, outsider), meeting.MeetingId))
            Assert.Equal(RefusalKind.Forbidden, (await s.ChangeAsync(outsiderCircuit, "true"))!.Kind);

        Assert.Null(await s.Chair.RunAsync((a, t) => new CloseMeeting(a, t)));
        var closed = await s.ChangeAsync(s.Chair, "true");
        Assert.Equal(RefusalKind.Conflict, closed!.Kind);
        Assert.Contains("This meeting has closed", closed.Message);
        Assert.False(await s.NeedsSignOffAsync());
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Null(page.QuerySelector($"#sign-off-{s.StepId}"));
    }
}
