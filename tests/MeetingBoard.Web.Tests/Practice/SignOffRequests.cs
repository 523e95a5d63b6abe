using System.Net;
using AngleSharp.Html.Dom;
using MeetingBoard.Web.Tests.Infrastructure;

namespace MeetingBoard.Web.Tests.Practice;

/// <summary>"Needs manager sign-off" on a next step over HTTP: who may change it, where it shows, and what is refused.</summary>
public sealed class SignOffRequests
{
    static Dictionary<string, string> Fields(params (string Key, string Value)[] fields)
    {
        var d = fields.ToDictionary(f => f.Key, f => f.Value);
        d["commandId"] = Visitor.NewCommandId();
        return d;
    }

    static (string, string)[] Step(string who, string what, string? needsSignOff = null) =>
    [
        ("who", who), ("what", what), ("dueDay", "1"), ("dueMonth", "6"), ("dueYear", "2030"), .. needsSignOff is null ? [] : new[] { ("needsSignOff", needsSignOff) },
    ];

    /// <summary>A group supervision in which Sam presents and Jo is in the group, with one next step for Sam.</summary>
    sealed record Supervision(MeetingScenario Meeting, Visitor Sam, string SamId, Visitor Jo, string StepId) : IAsyncDisposable
    {
        public string Path(string rest = "") => $"/m/{Meeting.MeetingId}/next-steps/{StepId}/sign-off{rest}";
        public async ValueTask DisposeAsync()
        {
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
        (await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/people/{samId}/role", Fields(("role", "Presenter")), fetch: true)).EnsureSuccessStatusCode();
        (await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/next-steps", Fields(Step(samId, "Ask the manager about a family group conference", needsSignOff)), fetch: true))
            .EnsureSuccessStatusCode();
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var stepId = page.QuerySelector("#plan tbody tr")!.Id!["step-".Length..];
        return new Supervision(meeting, sam, samId, jo, stepId);
    }

    static async Task<string?> TagAsync(Visitor who, string path, string stepId)
    {
        var (_, page, _) = await who.GetAsync(path);
        return page.QuerySelector($"#step-{stepId} .govuk-tag.mb-sign-off")?.TextContent.Trim();
    }

    [Fact]
    public async Task ATickedBoxShowsTheTagToEveryoneAndTheRoomScreen()
    {
        await using var s = await SupervisionAsync("true");
        var meetingPath = $"/m/{s.Meeting.MeetingId}";
        Assert.Equal("Needs manager sign-off", await TagAsync(s.Meeting.Facilitator, meetingPath, s.StepId));
        Assert.Equal("Needs manager sign-off", await TagAsync(s.Jo, meetingPath, s.StepId));
        var (_, chair, _) = await s.Meeting.Facilitator.GetAsync(meetingPath);
        var screen = chair.QuerySelector("a[href*='/screen/']")!.GetAttribute("href")!;
        using var room = new Visitor(s.Meeting.App);
        Assert.Equal("Needs manager sign-off", await TagAsync(room, new Uri(screen).PathAndQuery, s.StepId));
    }

    [Fact]
    public async Task ThePresenterAndTheFacilitatorChangeItAndTheGroupCannot()
    {
        await using var s = await SupervisionAsync(null);
        var meetingPath = $"/m/{s.Meeting.MeetingId}";
        Assert.Null(await TagAsync(s.Meeting.Facilitator, meetingPath, s.StepId));

        var byJo = await s.Jo.PostAsync(s.Path(), Fields(("needsSignOff", "true")), fetch: true);
        Assert.Equal(HttpStatusCode.Forbidden, byJo.StatusCode);
        Assert.Contains("Only the facilitator or the presenter", await byJo.Content.ReadAsStringAsync());
        Assert.Null(await TagAsync(s.Meeting.Facilitator, meetingPath, s.StepId));

        (await s.Sam.PostAsync(s.Path(), Fields(("needsSignOff", "true")), fetch: true)).EnsureSuccessStatusCode();
        Assert.Equal("Needs manager sign-off", await TagAsync(s.Jo, meetingPath, s.StepId));
        (await s.Meeting.Facilitator.PostAsync(s.Path(), Fields(("needsSignOff", "false")), fetch: true)).EnsureSuccessStatusCode();
        Assert.Null(await TagAsync(s.Jo, meetingPath, s.StepId));

        // The presenter's page carries the control for them only; the shared participant render hides it for the rest.
        var (_, samPage, _) = await s.Sam.GetAsync(meetingPath);
        Assert.Equal("p:" + s.SamId, samPage.QuerySelector($"#sign-off-{s.StepId}")!.ParentElement!.GetAttribute("data-mb-owner"));
    }

    [Fact]
    public async Task InAConferenceOnlyTheChairsChangeIt()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, samId) = await meeting.AdmitAsync("Sam", "Mother");
        (await sam.PostAsync($"/m/{meeting.MeetingId}/next-steps", Fields(Step(samId, "Call Pat", "true")), fetch: true)).EnsureSuccessStatusCode();
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var row = page.QuerySelector("#plan tbody tr")!;
        Assert.Equal("Needs manager sign-off", row.QuerySelector(".govuk-tag.mb-sign-off")!.TextContent.Trim());
        var stepId = row.Id!["step-".Length..];

        var bySam = await sam.PostAsync($"/m/{meeting.MeetingId}/next-steps/{stepId}/sign-off", Fields(("needsSignOff", "false")), fetch: true);
        Assert.Equal(HttpStatusCode.Forbidden, bySam.StatusCode);
        Assert.Contains("Only the facilitator can change", await bySam.Content.ReadAsStringAsync());
        var (_, samPage, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Null(samPage.QuerySelector($"#sign-off-{stepId}"));
        Assert.NotNull(samPage.QuerySelector($"#step-{stepId} .govuk-tag.mb-sign-off"));
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
        var response = await s.Meeting.Facilitator.PostAsync(s.Path(), Fields(("needsSignOff", value)), fetch: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Say whether this next step needs a manager&#x27;s sign-off", await response.Content.ReadAsStringAsync());
        Assert.Null(await TagAsync(s.Meeting.Facilitator, $"/m/{s.Meeting.MeetingId}", s.StepId));
    }

    [Fact]
    public async Task AddingRefusesABadValueBesideTheCheckboxAndKeepsWhatWasTyped()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var response = await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/next-steps",
            Fields(Step("facilitator", "Visit the school", "maybe")), fetch: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"step-sign-off-error\"", html);
        Assert.Contains("Visit the school", html);
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Null(page.QuerySelector("#plan"));
    }

    [Fact]
    public async Task IsRefusedFromAnotherMeetingForAStepThatIsNotThereAndOnceClosed()
    {
        await using var s = await SupervisionAsync(null);
        var meeting = s.Meeting;

        // A participant of another meeting, and this step's id named under another meeting.
        var (otherId, otherCode) = await meeting.Facilitator.CreateMeetingAsync("Another team", "GroupSupervision");
        using var outsider = new Visitor(meeting.App);
        var outsiderId = await outsider.JoinAsync(otherCode, "Kim", "Social worker");
        (await meeting.Facilitator.PostAsync($"/m/{otherId}/people/{outsiderId}/admit", Fields(), fetch: true)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.PostAsync(s.Path(), Fields(("needsSignOff", "true")), fetch: true)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await meeting.Facilitator.PostAsync($"/m/{otherId}/next-steps/{s.StepId}/sign-off", Fields(("needsSignOff", "true")), fetch: true)).StatusCode);

        (await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/close", Fields(), fetch: true)).EnsureSuccessStatusCode();
        var closed = await meeting.Facilitator.PostAsync(s.Path(), Fields(("needsSignOff", "true")), fetch: true);
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
        Assert.Contains("This meeting has closed", await closed.Content.ReadAsStringAsync());
        Assert.Null(await TagAsync(meeting.Facilitator, $"/m/{meeting.MeetingId}", s.StepId));
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Null(page.QuerySelector($"#sign-off-{s.StepId}"));
    }
}
