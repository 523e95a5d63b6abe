using System.Net;
using MeetingBoard.Web.Tests.Infrastructure;

namespace MeetingBoard.Web.Tests.Scaling;

/// <summary>Scaling rounds over HTTP: bad input, who may do what, and what each page holds before and after the reveal.</summary>
public sealed class ScalingHttpTests
{
    const string SamsReason = "Sam took the children to her mother straight away last time";
    const string TeachersReason = "Maya still hides under her bed, she told me on Monday";

    static Dictionary<string, string> Fields(params (string Key, string Value)[] fields)
    {
        var d = fields.ToDictionary(f => f.Key, f => f.Value);
        d["commandId"] = Visitor.NewCommandId();
        return d;
    }

    static async Task<string> StartRoundAsync(MeetingScenario meeting)
    {
        await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var response = await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/rounds", Fields(
            ("question", "How safe are Maya and Leo?"), ("tenMeans", "Safe enough to close the case"), ("zeroMeans", "They cannot live at home"),
            ("dangerStatement", "")), fetch: true);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var action = page.QuerySelector("form[action$='/reveal']")!.GetAttribute("action")!;
        return action.Split('/')[4];
    }

    static Task<HttpResponseMessage> ScoreAsync(MeetingScenario meeting, Visitor who, string roundId, string score, string reason, string attempt = "1") =>
        who.PostAsync($"/m/{meeting.MeetingId}/rounds/{roundId}/score", Fields(("attempt", attempt), ("score", score), ("reason", reason)), fetch: true);

    static Task<HttpResponseMessage> ActAsync(MeetingScenario meeting, Visitor who, string roundId, string action) =>
        who.PostAsync($"/m/{meeting.MeetingId}/rounds/{roundId}/{action}", Fields(), fetch: true);

    static async Task<string> PageAsync(Visitor who, string path)
    {
        var (_, _, response) = await who.GetAsync(path);
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task SettingUpNeedsTheQuestionAndBothEnds()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var response = await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/rounds",
            Fields(("question", "How safe?"), ("tenMeans", " "), ("zeroMeans", "Bad")), fetch: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Enter what 10 means", html);
        Assert.Contains("How safe?", html);
        Assert.DoesNotContain("mb-scaling--active", await PageAsync(meeting.Facilitator, $"/m/{meeting.MeetingId}"));
    }

    [Fact]
    public async Task TheSetUpFormOffersTheCommonSafetyScaleTenFirst()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var form = page.QuerySelector("#start-round-form")!;
        var labels = form.QuerySelectorAll("label").Select(l => l.TextContent.Trim()).ToList();
        Assert.True(labels.IndexOf("What does 10 mean?") < labels.IndexOf("What does 0 mean?"));
        Assert.Contains("safe enough for us to close the case", form.QuerySelector("#round-ten")!.TextContent);
        Assert.Contains("cannot live at home", form.QuerySelector("#round-zero")!.TextContent);
    }

    [Fact]
    public async Task RefusesScoresThatAreNotAWholeNumberFromZeroToTenOrHaveNoReason()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        var roundId = await StartRoundAsync(meeting);
        await sam.GetAsync($"/m/{meeting.MeetingId}");

        foreach (var (score, reason, message) in new[]
        {
            ("11", SamsReason, "Give a number from 0 to 10"),
            ("-1", SamsReason, "Give a number from 0 to 10"),
            ("7.5", SamsReason, "Give a whole number from 0 to 10"),
            ("", SamsReason, "Choose a number from 0 to 10"),
            ("6", "  ", "Enter why you chose this number"),
        })
        {
            var response = await ScoreAsync(meeting, sam, roundId, score, reason);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            Assert.StartsWith("<form", html.TrimStart());
            Assert.Contains(message, html);
        }
        var page = await PageAsync(meeting.Facilitator, $"/m/{meeting.MeetingId}");
        Assert.Contains("<strong>0 of 2</strong> have scaled", page);
    }

    [Fact]
    public async Task RefusesScoresAfterTheRevealForAClosedRoundAndForAnotherMeetingsRound()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        var roundId = await StartRoundAsync(meeting);
        Assert.Equal(HttpStatusCode.OK, (await ScoreAsync(meeting, sam, roundId, "4", SamsReason)).StatusCode);

        // A round of another meeting (of another facilitator, on the same server) is not found here.
        await using var other = await MeetingScenario.StartAsync(meeting.App, "Another family");
        var otherRound = await StartRoundAsync(other);
        var elsewhere = await ScoreAsync(meeting, sam, otherRound, "5", SamsReason);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await ActAsync(meeting, meeting.Facilitator, roundId, "reveal")).StatusCode);
        var late = await ScoreAsync(meeting, sam, roundId, "9", "Changed my mind");
        Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        Assert.Contains("revealed", await late.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NoContent, (await ActAsync(meeting, meeting.Facilitator, roundId, "close")).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await ScoreAsync(meeting, sam, roundId, "9", "Changed my mind")).StatusCode);

        var page = await PageAsync(meeting.Facilitator, $"/m/{meeting.MeetingId}");
        Assert.Contains(SamsReason, page);
        Assert.DoesNotContain("Changed my mind", page);
    }

    [Fact]
    public async Task AScoreFromBeforeARerunIsNotCountedInTheNewRun()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        var roundId = await StartRoundAsync(meeting);
        (await ScoreAsync(meeting, sam, roundId, "4", SamsReason)).EnsureSuccessStatusCode();
        (await ActAsync(meeting, meeting.Facilitator, roundId, "reveal")).EnsureSuccessStatusCode();
        (await ActAsync(meeting, meeting.Facilitator, roundId, "rerun")).EnsureSuccessStatusCode();

        var stale = await ScoreAsync(meeting, sam, roundId, "5", "Typed before the re-run", attempt: "1");
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("run again", await stale.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await ScoreAsync(meeting, sam, roundId, "5", "Pat has them at weekends", attempt: "2")).StatusCode);
    }

    [Fact]
    public async Task OnlyTheFacilitatorRunsTheRound()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, samId) = await meeting.AdmitAsync("Sam", "Mum");
        var roundId = await StartRoundAsync(meeting);
        (await ScoreAsync(meeting, sam, roundId, "4", SamsReason)).EnsureSuccessStatusCode();

        foreach (var action in new[] { "reveal", "rerun", "close" })
            Assert.Equal(HttpStatusCode.Forbidden, (await ActAsync(meeting, sam, roundId, action)).StatusCode);
        var start = await sam.PostAsync($"/m/{meeting.MeetingId}/rounds", Fields(("question", "Q"), ("tenMeans", "T"), ("zeroMeans", "Z")), fetch: true);
        Assert.Equal(HttpStatusCode.Forbidden, start.StatusCode);
        var record = await sam.PostAsync($"/m/{meeting.MeetingId}/rounds/{roundId}/record",
            Fields(("attempt", "1"), ("name", "Pat"), ("role", "Gran"), ("group", "family"), ("score", "2"), ("reason", "R")), fetch: true);
        Assert.Equal(HttpStatusCode.Forbidden, record.StatusCode);
        var group = await sam.PostAsync($"/m/{meeting.MeetingId}/scaling-groups/{samId}", Fields(("group", "family")), fetch: true);
        Assert.Equal(HttpStatusCode.Forbidden, group.StatusCode);
    }

    [Fact]
    public async Task NobodyOutsideTheMeetingCanScore()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, samId) = await meeting.AdmitAsync("Sam", "Mum");
        var (waiting, _) = await meeting.AskToJoinAsync("Jordan", "Partner");
        var roundId = await StartRoundAsync(meeting);

        using var stranger = new Visitor(meeting.App);
        await stranger.GetAsync("/join");
        Assert.Equal(HttpStatusCode.Forbidden, (await ScoreAsync(meeting, stranger, roundId, "4", "R")).StatusCode);
        await waiting.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal(HttpStatusCode.Forbidden, (await ScoreAsync(meeting, waiting, roundId, "4", "R")).StatusCode);

        (await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/people/{samId}/remove", Fields(), fetch: true)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.Forbidden, (await ScoreAsync(meeting, sam, roundId, "4", SamsReason)).StatusCode);
    }

    [Fact]
    public async Task BeforeTheRevealEachPageHoldsOnlyItsOwnScoreAndAfterItEveryone()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, samId) = await meeting.AdmitAsync("Sam", "Mum");
        var (teacher, _) = await meeting.AdmitAsync("Ms Okafor", "Class teacher");
        (await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/scaling-groups/{samId}", Fields(("group", "family")), fetch: true)).EnsureSuccessStatusCode();
        var roundId = await StartRoundAsync(meeting);
        var (_, facilitatorPage, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var screen = facilitatorPage.QuerySelector("a[href*='/screen/']")!.GetAttribute("href")!;
        using var room = new Visitor(meeting.App);

        var samsAnswer = await ScoreAsync(meeting, sam, roundId, "3", SamsReason);
        Assert.Equal(HttpStatusCode.OK, samsAnswer.StatusCode);
        Assert.Contains(SamsReason, await samsAnswer.Content.ReadAsStringAsync());
        (await ScoreAsync(meeting, teacher, roundId, "7", TeachersReason)).EnsureSuccessStatusCode();
        var recorded = await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/rounds/{roundId}/record",
            Fields(("attempt", "1"), ("name", "Pat"), ("role", "Grandmother"), ("group", "family"), ("score", "5"), ("reason", "I see them every day")), fetch: true);
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.DoesNotContain("I see them every day", await recorded.Content.ReadAsStringAsync());

        var samsPage = await PageAsync(sam, $"/m/{meeting.MeetingId}");
        Assert.Contains(SamsReason, samsPage);
        Assert.DoesNotContain(TeachersReason, samsPage);
        Assert.DoesNotContain("I see them every day", samsPage);
        var teachersPage = await PageAsync(teacher, $"/m/{meeting.MeetingId}");
        Assert.DoesNotContain(SamsReason, teachersPage);
        Assert.Contains("<strong>3 of 4</strong> have scaled", teachersPage);
        var chairsPage = await PageAsync(meeting.Facilitator, $"/m/{meeting.MeetingId}");
        Assert.DoesNotContain(SamsReason, chairsPage);
        Assert.DoesNotContain(TeachersReason, chairsPage);
        Assert.Contains("Still thinking: Alex Morgan", chairsPage);
        var roomPage = await PageAsync(room, screen);
        Assert.DoesNotContain(SamsReason, roomPage);
        Assert.DoesNotContain(TeachersReason, roomPage);

        Assert.Equal(HttpStatusCode.NoContent, (await ActAsync(meeting, meeting.Facilitator, roundId, "reveal")).StatusCode);
        foreach (var html in new[] { await PageAsync(sam, $"/m/{meeting.MeetingId}"), await PageAsync(teacher, $"/m/{meeting.MeetingId}"), await PageAsync(room, screen) })
        {
            Assert.Contains(SamsReason, html);
            Assert.Contains(TeachersReason, html);
            Assert.Contains("I see them every day", html);
            Assert.Contains("entered by Alex Morgan", html);
            Assert.Contains("Median <strong>5</strong>", html);
            Assert.Contains("range <strong>3 to 7</strong>", html);
            Assert.Contains("What makes it a 3 and not a 0?", html);
        }
        var (_, revealed, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        var family = revealed.QuerySelectorAll(".mb-results__table").First(t => t.QuerySelector("caption")!.TextContent == "Family and network");
        Assert.Equal(["Pat", "Sam"], family.QuerySelectorAll("tbody th").Select(th => th.TextContent.Trim().Split(' ')[0]).Order());
        Assert.NotNull(revealed.QuerySelector("svg.mb-scale-line circle"));
    }

    [Fact]
    public async Task RoundsAndHiddenScoresSurviveARestart()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        var roundId = await StartRoundAsync(meeting);
        (await ScoreAsync(meeting, sam, roundId, "3", SamsReason)).EnsureSuccessStatusCode();

        await meeting.App.RestartAsync();

        // Still hidden from everyone but Sam, and still Sam's to change.
        Assert.DoesNotContain(SamsReason, await PageAsync(meeting.Facilitator, $"/m/{meeting.MeetingId}"));
        Assert.Contains(SamsReason, await PageAsync(sam, $"/m/{meeting.MeetingId}"));
        (await ScoreAsync(meeting, sam, roundId, "4", SamsReason)).EnsureSuccessStatusCode();
        (await ActAsync(meeting, meeting.Facilitator, roundId, "reveal")).EnsureSuccessStatusCode();
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal("4", page.QuerySelector(".mb-results__score")!.TextContent.Trim());
    }
}
