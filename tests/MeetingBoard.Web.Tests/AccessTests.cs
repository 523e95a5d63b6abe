using System.Net;
using MeetingBoard.Web.Tests.Infrastructure;

namespace MeetingBoard.Web.Tests;

public sealed class Joining
{
    [Fact]
    public async Task AParticipantWaitsInTheLobbyUntilLetIn()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, samId) = await meeting.AskToJoinAsync("Sam", "Mum");

        var (status, lobby, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("lobby", lobby.QuerySelector("[data-mb-page]")!.GetAttribute("data-mb-page"));
        Assert.Null(lobby.QuerySelector("#mb-board"));

        var (_, facilitatorPage, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Sam", facilitatorPage.QuerySelector($"#person-{samId}")!.TextContent);

        await meeting.ChairDoesAsync((a, t) => new MeetingBoard.Meetings.AdmitParticipant(samId, a, t));
        var (_, board, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal("board", board.QuerySelector("[data-mb-page]")!.GetAttribute("data-mb-page"));
        Assert.NotNull(board.QuerySelector("#mb-board"));
    }

    [Fact]
    public async Task ADeclinedParticipantSeesNothingOfTheMeeting()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        (await meeting.AddItemAsync(meeting.Facilitator, "harm", "A private worry")).EnsureSuccessStatusCode();
        var (stranger, id) = await meeting.AskToJoinAsync("Someone", "Unknown");
        await meeting.ChairDoesAsync((a, t) => new MeetingBoard.Meetings.DeclineParticipant(id, a, t));

        var (status, page, response) = await stranger.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.DoesNotContain("A private worry", await response.Content.ReadAsStringAsync());
        Assert.Contains("not been let in", page.QuerySelector("h1")!.TextContent);
    }

    [Fact]
    public async Task AcceptsTheCodeInLowerCaseAndWithSpaces()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        using var visitor = new Visitor(meeting.App);
        await visitor.GetAsync("/join");
        var typed = meeting.JoinCode.Replace("-", " ").ToLowerInvariant();
        var response = await visitor.PostAsync("/join", new Dictionary<string, string> { ["code"] = typed });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/join/{meeting.JoinCode}", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task SaysSoWhenTheCodeIsWrong()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        using var visitor = new Visitor(meeting.App);
        await visitor.GetAsync("/join");
        var response = await visitor.PostAsync("/join", new Dictionary<string, string> { ["code"] = "AAA-AAA-AAA" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("There is no meeting with that code", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StopsAnAddressAfterTooManyWrongCodesEvenWithTheRightOne()
    {
        await using var app = TestApp.Start(new Dictionary<string, string?> { ["MeetingBoard:JoinFailuresAllowed"] = "3" });
        await using var meeting = await MeetingScenario.StartAsync(app);
        using var visitor = new Visitor(app);
        await visitor.GetAsync("/join");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.NotFound,
                (await visitor.PostAsync("/join", new Dictionary<string, string> { ["code"] = "BBB-BBB-BBB" })).StatusCode);

        var right = await visitor.PostAsync("/join", new Dictionary<string, string> { ["code"] = meeting.JoinCode });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Contains("Too many wrong codes", await right.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RefusesEmptyNameAndRoleBesideTheFields()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        using var visitor = new Visitor(meeting.App);
        var (_, page, _) = await visitor.GetAsync($"/join/{meeting.JoinCode}");
        var response = await visitor.PostAsync($"/join/{meeting.JoinCode}", new Dictionary<string, string>
        {
            ["participantId"] = page.QuerySelector("input[name=participantId]")!.GetAttribute("value")!,
            ["secret"] = page.QuerySelector("input[name=secret]")!.GetAttribute("value")!,
            ["name"] = "  ",
            ["role"] = "Mum",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Enter your name", html);
        Assert.Contains("mb-error-summary", html);
        var (_, facilitatorPage, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Empty(facilitatorPage.QuerySelectorAll(".mb-person--waiting"));
    }

    [Fact]
    public async Task AClosedMeetingsCodeStopsWorking()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        await meeting.ChairDoesAsync((a, t) => new MeetingBoard.Meetings.CloseMeeting(a, t));
        using var visitor = new Visitor(meeting.App);
        var (status, page, _) = await visitor.GetAsync($"/join/{meeting.JoinCode}");
        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Contains("This meeting has closed", page.Body!.TextContent);
    }
}

public sealed class MeetingAccess
{
    [Fact]
    public async Task NobodyOutsideTheMeetingCanReadOrWriteIt()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        (await meeting.AddItemAsync(meeting.Facilitator, "harm", "Secret of meeting A")).EnsureSuccessStatusCode();

        // A participant of another meeting on the same server, and another facilitator.
        await using var other = await MeetingScenario.StartAsync(meeting.App, "Meeting B");
        var (outsider, _) = await other.AdmitAsync("Outsider", "Other meeting");
        var anonymous = new Visitor(meeting.App);

        foreach (var who in new[] { outsider, other.Facilitator, anonymous })
        {
            var (status, _, response) = await who.GetAsync($"/m/{meeting.MeetingId}");
            Assert.Equal(HttpStatusCode.Forbidden, status);
            Assert.DoesNotContain("Secret of meeting A", await response.Content.ReadAsStringAsync());

            var add = await meeting.AddItemAsync(who, "harm", "Written from outside");
            Assert.Equal(HttpStatusCode.Forbidden, add.StatusCode);
            var close = MeetingScenario.Answer(await meeting.RunAsync(who, (a, t) => new MeetingBoard.Meetings.CloseMeeting(a, t)));
            Assert.Equal(HttpStatusCode.Forbidden, close.StatusCode);
        }
        Assert.Equal(["Secret of meeting A"], await meeting.ItemTextsAsync());
    }

    [Fact]
    public async Task AParticipantCannotRunTheMeeting()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        var (_, waitingId) = await meeting.AskToJoinAsync("Jordan", "Partner");

        var admit = MeetingScenario.Answer(await meeting.RunAsync(sam, (a, t) => new MeetingBoard.Meetings.AdmitParticipant(waitingId, a, t)));
        Assert.Equal(HttpStatusCode.Forbidden, admit.StatusCode);
        var close = MeetingScenario.Answer(await meeting.RunAsync(sam, (a, t) => new MeetingBoard.Meetings.CloseMeeting(a, t)));
        Assert.Equal(HttpStatusCode.Forbidden, close.StatusCode);

        var (_, page, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Null(page.QuerySelector("#mb-people"));
        Assert.Null(page.QuerySelector("form[action$='/close']"));
    }

    [Fact]
    public async Task ARemovedParticipantCanNoLongerReadOrWrite()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, samId) = await meeting.AdmitAsync("Sam", "Mum");
        (await meeting.AddItemAsync(sam, "existing-strengths", "Before removal")).EnsureSuccessStatusCode();
        await meeting.ChairDoesAsync((a, t) => new MeetingBoard.Meetings.RemoveParticipant(samId, a, t));

        var (status, _, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(HttpStatusCode.Forbidden, (await meeting.AddItemAsync(sam, "harm", "After removal")).StatusCode);
        // Rejoining from the same browser goes back to the same, removed, person.
        var (_, rejoin, response) = await sam.GetAsync($"/join/{meeting.JoinCode}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(["Before removal"], await meeting.ItemTextsAsync());
    }

    [Fact]
    public async Task TheRoomScreenNeedsItsKeyAndIsReadOnly()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        (await meeting.AddItemAsync(meeting.Facilitator, "harm", "On the screen")).EnsureSuccessStatusCode();
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var screenPath = new Uri(page.QuerySelector("a[href*='/screen/']")!.GetAttribute("href")!).AbsolutePath;

        using var screen = new Visitor(meeting.App);
        var (status, screenPage, _) = await screen.GetAsync(screenPath);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("On the screen", screenPage.QuerySelector(".mb-item__text")!.TextContent);
        Assert.Empty(screenPage.QuerySelectorAll("form"));
        Assert.Equal(meeting.JoinCode, screenPage.QuerySelector(".mb-code")!.TextContent.Trim());

        var (wrongStatus, _, wrong) = await screen.GetAsync($"/m/{meeting.MeetingId}/screen/{new string('0', 40)}");
        Assert.Equal(HttpStatusCode.NotFound, wrongStatus);
        Assert.DoesNotContain("On the screen", await wrong.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await meeting.AddItemAsync(screen, "harm", "From the screen")).StatusCode);
    }

    [Fact]
    public async Task AnUnknownMeetingSaysSo()
    {
        await using var app = TestApp.Start();
        using var visitor = new Visitor(app);
        foreach (var id in new[] { new string('a', 32), "not-an-id", "../../etc/passwd" })
        {
            var (status, page, _) = await visitor.GetAsync($"/m/{Uri.EscapeDataString(id)}");
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Contains("Meeting not found", page.QuerySelector("h1")!.TextContent);
        }
    }
}

public sealed class ClosingAMeeting
{
    [Fact]
    public async Task MakesTheBoardReadOnlyForEveryone()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        (await meeting.AddItemAsync(sam, "harm", "Written before closing")).EnsureSuccessStatusCode();
        await meeting.ChairDoesAsync((a, t) => new MeetingBoard.Meetings.CloseMeeting(a, t));

        var refused = await meeting.AddItemAsync(sam, "harm", "Written after closing");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("This meeting has closed", await refused.Content.ReadAsStringAsync());
        foreach (var who in new[] { sam, meeting.Facilitator })
        {
            var (_, page, _) = await who.GetAsync($"/m/{meeting.MeetingId}");
            Assert.Contains("Meeting closed", page.QuerySelector("#mb-status")!.TextContent);
            Assert.Empty(page.QuerySelectorAll("#mb-board form"));
        }
        Assert.Equal(["Written before closing"], await meeting.ItemTextsAsync());
    }
}

public sealed class Restarting
{
    [Fact]
    public async Task KeepsEveryMeetingParticipantAndItem()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, samId) = await meeting.AdmitAsync("Sam", "Mum");
        var (_, waitingId) = await meeting.AskToJoinAsync("Jordan", "Partner");
        (await meeting.AddItemAsync(sam, "existing-safety", "I took the children to Pat's.")).EnsureSuccessStatusCode();
        (await meeting.AddItemAsync(meeting.Facilitator, "harm", "Police were called twice.")).EnsureSuccessStatusCode();

        await meeting.App.RestartAsync();

        // Cookies still work: the facilitator's sign-in and the participant's seat survive.
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal(["Police were called twice.", "I took the children to Pat's."],
            page.QuerySelectorAll(".mb-item__text").Select(e => e.TextContent));
        Assert.NotNull(page.QuerySelector($"#person-{samId}"));
        Assert.Contains("mb-person--waiting", page.QuerySelector($"#person-{waitingId}")!.ClassName);

        var (status, samPage, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("board", samPage.QuerySelector("[data-mb-page]")!.GetAttribute("data-mb-page"));
        (await meeting.AddItemAsync(sam, "next-steps", "Pat will keep a bed ready.")).EnsureSuccessStatusCode();
        Assert.Equal(3, (await meeting.ItemTextsAsync()).Count);
    }
}
