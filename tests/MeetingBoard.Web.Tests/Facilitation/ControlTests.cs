using System.Net;
using MeetingBoard.Web.Tests.Infrastructure;

namespace MeetingBoard.Web.Tests.Facilitation;

public sealed class TheChairsControls
{
    [Fact]
    public async Task ASpotlightedItemIsShownToEveryAudienceAndHighlightedOnTheBoard()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        await meeting.AddItemAsync(sam, "existing-safety", "I took the children to Pat's.");
        var (_, chair, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var itemId = chair.QuerySelector("#cat-existing-safety .mb-item")!.Id!["item-".Length..];

        Assert.Equal(HttpStatusCode.Forbidden, (await Post.Fetch(sam, $"/m/{meeting.MeetingId}/spotlight", new() { ["itemId"] = itemId })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Post.Fetch(meeting.Facilitator, $"/m/{meeting.MeetingId}/spotlight", new() { ["itemId"] = itemId })).StatusCode);

        var screenUrl = chair.QuerySelector("a[href*='/screen/']")!.GetAttribute("href")!;
        using var screen = new Visitor(meeting.App);
        foreach (var (who, path) in new[] { (sam, $"/m/{meeting.MeetingId}"), (screen, new Uri(screenUrl).AbsolutePath) })
        {
            var (_, page, _) = await who.GetAsync(path);
            Assert.Equal("I took the children to Pat's.", page.QuerySelector("#mb-spotlight .mb-spotlight__text")!.TextContent);
            Assert.Contains("mb-item--spotlight", page.QuerySelector($"#item-{itemId}")!.ClassName);
        }
        await Post.Fetch(meeting.Facilitator, $"/m/{meeting.MeetingId}/spotlight", new() { ["itemId"] = "" });
        var (_, after, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Null(after.QuerySelector("#mb-spotlight"));
    }

    [Fact]
    public async Task TheTimerCarriesItsAbsoluteEndAndRefusesANonsenseLength()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        var bad = await Post.Fetch(meeting.Facilitator, $"/m/{meeting.MeetingId}/timer", new() { ["minutes"] = "ten", ["seconds"] = "" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Contains("Minutes must be a whole number from 0 to 240", await bad.Content.ReadAsStringAsync());

        var before = DateTimeOffset.UtcNow;
        Assert.Equal(HttpStatusCode.NoContent, (await Post.Fetch(meeting.Facilitator, $"/m/{meeting.MeetingId}/timer", new() { ["minutes"] = "5", ["seconds"] = "0" })).StatusCode);
        var (_, phone, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        var ends = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(phone.QuerySelector("[data-mb-timer-ends]")!.GetAttribute("data-mb-timer-ends")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(ends, before.AddMinutes(5).AddSeconds(-1), DateTimeOffset.UtcNow.AddMinutes(5).AddSeconds(1));

        await Post.Fetch(meeting.Facilitator, $"/m/{meeting.MeetingId}/timer/pause");
        (_, phone, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        var paused = phone.QuerySelector(".mb-timer__time")!;
        Assert.Null(paused.GetAttribute("data-mb-timer-ends"));
        Assert.Contains("(paused)", paused.TextContent);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post.Fetch(sam, $"/m/{meeting.MeetingId}/timer/clear")).StatusCode);
    }

    [Fact]
    public async Task AnAnonymousRoundHidesNamesFromParticipantsAndTheRoomScreenButNotTheFacilitator()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        var (teacher, _) = await meeting.AdmitAsync("Ms Okafor", "Class teacher");
        await Post.Fetch(meeting.Facilitator, $"/m/{meeting.MeetingId}/anonymous/start");
        await meeting.AddItemAsync(sam, "complicating-factors", "Money is very tight.");
        await Post.Fetch(meeting.Facilitator, $"/m/{meeting.MeetingId}/anonymous/end");

        var (_, chair, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var chairItem = chair.QuerySelector("#cat-complicating-factors .mb-item")!;
        Assert.Equal("Sam (Mum)", chairItem.QuerySelector(".mb-item__author")!.TextContent);
        Assert.Contains("anonymous to others", chairItem.TextContent);

        var screenUrl = new Uri(chair.QuerySelector("a[href*='/screen/']")!.GetAttribute("href")!).AbsolutePath;
        using var screen = new Visitor(meeting.App);
        foreach (var (who, path) in new[] { (teacher, $"/m/{meeting.MeetingId}"), (sam, $"/m/{meeting.MeetingId}"), (screen, screenUrl) })
        {
            var (_, page, response) = await who.GetAsync(path);
            var html = await response.Content.ReadAsStringAsync();
            Assert.Equal("Anonymous", page.QuerySelector("#cat-complicating-factors .mb-item__author")!.TextContent);
            // Nothing in the page ties the item to its author: no name, no owner marker.
            Assert.Null(page.QuerySelector("#cat-complicating-factors [data-mb-owner]"));
            Assert.DoesNotContain("Sam (Mum)", page.QuerySelector("#cat-complicating-factors")!.TextContent);
        }
    }

    [Fact]
    public async Task TheFacilitatorSeesHowMuchEachPersonHasAdded()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        await meeting.AdmitAsync("Ms Okafor", "Class teacher");
        await meeting.AddItemAsync(sam, "harm", "One");
        await meeting.AddItemAsync(sam, "harm", "Two");
        var (_, chair, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var people = chair.QuerySelectorAll("#mb-people .mb-person").ToList();
        Assert.Contains("2 contributions", people.First(p => p.TextContent.Contains("Sam")).QuerySelector(".mb-person__count")!.TextContent);
        Assert.Contains("0 contributions", people.First(p => p.TextContent.Contains("Ms Okafor")).QuerySelector(".mb-person__count")!.TextContent);
        var (_, phone, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Empty(phone.QuerySelectorAll(".mb-person__count"));
    }

    [Fact]
    public async Task GoingRoundTheRoomLetsOnlyTheSpeakerPassAndNextNeverSkipsSomeone()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, samId) = await meeting.AdmitAsync("Sam", "Mum");
        var (teacher, teacherId) = await meeting.AdmitAsync("Ms Okafor", "Class teacher");
        Assert.Equal(HttpStatusCode.Forbidden, (await Post.Fetch(sam, $"/m/{meeting.MeetingId}/turns/start")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Post.Fetch(meeting.Facilitator, $"/m/{meeting.MeetingId}/turns/start")).StatusCode);

        var notYours = await Post.Fetch(teacher, $"/m/{meeting.MeetingId}/turns/pass", new() { ["speaker"] = "p:" + samId });
        Assert.Equal(HttpStatusCode.Forbidden, notYours.StatusCode);
        Assert.Equal("You can pass only when it is your turn", await notYours.Content.ReadAsStringAsync());

        // Two presses of Next for Sam: the second finds the turn already moved on and changes nothing.
        await Post.Fetch(meeting.Facilitator, $"/m/{meeting.MeetingId}/turns/next", new() { ["speaker"] = "p:" + samId });
        await Post.Fetch(meeting.Facilitator, $"/m/{meeting.MeetingId}/turns/next", new() { ["speaker"] = "p:" + samId });
        var (_, page, _) = await teacher.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Ms Okafor", page.QuerySelector("#mb-turns .mb-turn--now")!.TextContent);
        Assert.Equal("p:" + teacherId, page.QuerySelector("#mb-turns [data-mb-owner]")!.GetAttribute("data-mb-owner"));

        Assert.Equal(HttpStatusCode.NoContent, (await Post.Fetch(teacher, $"/m/{meeting.MeetingId}/turns/pass", new() { ["speaker"] = "p:" + teacherId })).StatusCode);
        (_, page, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Everyone has had their turn", page.QuerySelector("#mb-turns")!.TextContent);
    }
}
