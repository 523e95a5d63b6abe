using System.Net;
using MeetingBoard.Web.Tests.Infrastructure;

namespace MeetingBoard.Web.Tests.Security;

public sealed class LockingAMeeting
{
    static Dictionary<string, string> Command() => new() { ["commandId"] = Visitor.NewCommandId() };

    [Fact]
    public async Task StopsNewJoinsButKeepsEveryoneAlreadyIn()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        var (waiting, waitingId) = await meeting.AskToJoinAsync("Jordan", "Partner");
        using var late = new Visitor(meeting.App);
        var (_, form, _) = await late.GetAsync($"/join/{meeting.JoinCode}");
        var fields = new Dictionary<string, string>
        {
            ["participantId"] = form.QuerySelector("input[name=participantId]")!.GetAttribute("value")!,
            ["secret"] = form.QuerySelector("input[name=secret]")!.GetAttribute("value")!,
            ["name"] = "Late comer",
            ["role"] = "Neighbour",
        };

        await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        await meeting.ChairDoesAsync((a, t) => new MeetingBoard.Meetings.LockMeeting(a, t));
        var (_, board, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Locked", board.QuerySelector("#mb-lock-state")!.TextContent);

        // The form shown before locking no longer works, and a fresh visit says why.
        var refused = await late.PostAsync($"/join/{meeting.JoinCode}", fields);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("This meeting is locked", await refused.Content.ReadAsStringAsync());
        using var stranger = new Visitor(meeting.App);
        var (status, page, _) = await stranger.GetAsync($"/join/{meeting.JoinCode}");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("This meeting is locked", page.Body!.TextContent);
        var (_, facilitatorPage, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.DoesNotContain("Late comer", facilitatorPage.Body!.TextContent);

        // Those already in stay in; whoever was waiting can still be let in.
        Assert.Equal(HttpStatusCode.OK, (await sam.GetAsync($"/m/{meeting.MeetingId}")).Status);
        await meeting.ChairDoesAsync((a, t) => new MeetingBoard.Meetings.AdmitParticipant(waitingId, a, t));
        Assert.Equal("board", (await waiting.GetAsync($"/m/{meeting.MeetingId}")).Page.QuerySelector("[data-mb-page]")!.GetAttribute("data-mb-page"));

        await meeting.ChairDoesAsync((a, t) => new MeetingBoard.Meetings.UnlockMeeting(a, t));
        Assert.Equal(HttpStatusCode.OK, (await stranger.GetAsync($"/join/{meeting.JoinCode}")).Status);
    }

    [Fact]
    public async Task OnlyTheFacilitatorCanLock()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        Assert.Equal(MeetingBoard.Meetings.RefusalKind.Forbidden, (await meeting.RunAsync(sam, (a, t) => new MeetingBoard.Meetings.LockMeeting(a, t)))?.Kind);
        using var visitor = new Visitor(meeting.App);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/join/{meeting.JoinCode}")).Status);
    }
}

public sealed class JoinLimits
{
    [Fact]
    public async Task AskingToJoinIsLimitedPerCode()
    {
        await using var app = TestApp.Start(new Dictionary<string, string?> { ["MeetingBoard:JoinsPerCodeAllowed"] = "2" });
        await using var meeting = await MeetingScenario.StartAsync(app);
        await meeting.AskToJoinAsync("One", "Colleague");
        await meeting.AskToJoinAsync("Two", "Colleague");

        using var third = new Visitor(app);
        var (_, form, _) = await third.GetAsync($"/join/{meeting.JoinCode}");
        var response = await third.PostAsync($"/join/{meeting.JoinCode}", new Dictionary<string, string>
        {
            ["participantId"] = form.QuerySelector("input[name=participantId]")!.GetAttribute("value")!,
            ["secret"] = form.QuerySelector("input[name=secret]")!.GetAttribute("value")!,
            ["name"] = "Three",
            ["role"] = "Colleague",
        });
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.Contains("Too many people have asked to join this meeting", await response.Content.ReadAsStringAsync());
        var (_, people, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal(2, people.QuerySelectorAll(".mb-person--waiting").Length);

        // Another meeting's code is counted on its own.
        await using var other = await MeetingScenario.StartAsync(app, "Another meeting");
        await other.AskToJoinAsync("Someone", "Colleague");
    }
}

public sealed class TheLobby
{
    static async Task<(string MeetingId, string Code, HttpResponseMessage Response)> CreateAsync(Visitor facilitator, string type, bool admitAutomatically)
    {
        var (_, page, _) = await facilitator.GetAsync("/meetings");
        var meetingId = page.QuerySelector("form[action='/meetings'] input[name=meetingId]")!.GetAttribute("value")!;
        var fields = new Dictionary<string, string> { ["meetingId"] = meetingId, ["type"] = type, ["title"] = "Supervision" };
        if (admitAutomatically) fields["admitAutomatically"] = "yes";
        var response = await facilitator.PostAsync("/meetings", fields);
        if (response.StatusCode != HttpStatusCode.Redirect) return (meetingId, "", response);
        var (_, board, _) = await facilitator.GetAsync($"/m/{meetingId}");
        return (meetingId, board.QuerySelector(".mb-code")!.TextContent.Trim(), response);
    }

    [Fact]
    public async Task GroupSupervisionCanLetPeopleStraightIn()
    {
        await using var app = TestApp.Start();
        var (email, password) = await app.AddFacilitatorAsync();
        using var chair = new Visitor(app);
        await chair.SignInAsync(email, password);
        var (meetingId, code, _) = await CreateAsync(chair, "GroupSupervision", admitAutomatically: true);

        using var colleague = new Visitor(app);
        await colleague.JoinAsync(code, "Priya", "Social worker");
        Assert.Equal("board", (await colleague.GetAsync($"/m/{meetingId}")).Page.QuerySelector("[data-mb-page]")!.GetAttribute("data-mb-page"));
    }

    [Fact]
    public async Task OtherMeetingsAlwaysHaveALobby()
    {
        await using var app = TestApp.Start();
        var (email, password) = await app.AddFacilitatorAsync();
        using var chair = new Visitor(app);
        await chair.SignInAsync(email, password);
        var (_, _, response) = await CreateAsync(chair, "FamilyNetworkMeeting", admitAutomatically: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Only group supervision can let people in automatically", await response.Content.ReadAsStringAsync());
        var (_, list, _) = await chair.GetAsync("/meetings");
        Assert.Empty(list.QuerySelectorAll(".mb-meeting-list li"));
    }

    [Fact]
    public async Task ARemovedParticipantCannotRejoinFromTheSameBrowserAndIsANewStrangerFromAnother()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, samId) = await meeting.AdmitAsync("Sam", "Mum");
        await meeting.ChairDoesAsync((a, t) => new MeetingBoard.Meetings.RemoveParticipant(samId, a, t));

        // Same browser: the join link leads back to the removed person, who sees nothing.
        var (_, _, again) = await sam.GetAsync($"/join/{meeting.JoinCode}");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        var (status, page, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("You have been removed", page.QuerySelector("h1")!.TextContent);

        // Another browser is a new person, who waits in the lobby like any stranger.
        using var freshBrowser = new Visitor(meeting.App);
        var newId = await freshBrowser.JoinAsync(meeting.JoinCode, "Sam", "Mum");
        Assert.NotEqual(samId, newId);
        Assert.Equal("lobby", (await freshBrowser.GetAsync($"/m/{meeting.MeetingId}")).Page.QuerySelector("[data-mb-page]")!.GetAttribute("data-mb-page"));
        var (_, facilitatorPage, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("mb-person--waiting", facilitatorPage.QuerySelector($"#person-{newId}")!.ClassName);
        Assert.DoesNotContain("mb-person--waiting", facilitatorPage.QuerySelector($"#person-{samId}")!.ClassName);

        // Until the facilitator lets them back in.
        await meeting.ChairDoesAsync((a, t) => new MeetingBoard.Meetings.AdmitParticipant(samId, a, t));
        Assert.Equal(HttpStatusCode.OK, (await sam.GetAsync($"/m/{meeting.MeetingId}")).Status);
    }
}
