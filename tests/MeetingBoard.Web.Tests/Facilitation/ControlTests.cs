using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using MeetingBoard.Web.Tests.Infrastructure;
using static MeetingBoard.Web.Tests.Facilitation.Commands;

namespace MeetingBoard.Web.Tests.Facilitation;

public sealed class TheChairsControls
{
    static async Task<string> ScreenPathAsync(MeetingScenario meeting)
    {
        var (_, chair, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        return new Uri(chair.QuerySelector("a[href*='/screen/']")!.GetAttribute("href")!).AbsolutePath;
    }

    [Fact]
    public async Task ASpotlightedItemIsShownToEveryAudienceAndHighlightedOnTheBoard()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        Done(await meeting.AddAsync(sam, "existing-safety", "I took the children to Pat's."));
        var itemId = Assert.Single((await meeting.StateAsync()).Items).Id;

        Refused(await meeting.AsAsync(sam, (a, t) => new SpotlightItem(itemId, a, t)), RefusalKind.Forbidden);
        Assert.Null((await meeting.StateAsync()).Facilitation.SpotlightItemId);
        Done(await meeting.ChairAsync((a, t) => new SpotlightItem(itemId, a, t)));

        using var screen = new Visitor(meeting.App);
        foreach (var (who, path) in new[] { (sam, $"/m/{meeting.MeetingId}"), (screen, await ScreenPathAsync(meeting)) })
        {
            var (_, page, _) = await who.GetAsync(path);
            Assert.Equal("I took the children to Pat's.", page.QuerySelector("#mb-spotlight .mb-spotlight__text")!.TextContent);
            Assert.Contains("mb-item--spotlight", page.QuerySelector($"#item-{itemId}")!.ClassName);
            // Only the facilitators get the button.
            Assert.DoesNotContain("Clear spotlight", page.QuerySelector("#mb-spotlight")!.TextContent);
        }
        var (_, chair, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Clear spotlight", chair.QuerySelector("#mb-spotlight")!.TextContent);

        Done(await meeting.ChairAsync((a, t) => new SpotlightItem(null, a, t)));
        var (_, after, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Null(after.QuerySelector("#mb-spotlight"));
    }

    [Fact]
    public async Task TheTimerCarriesItsAbsoluteEndAndRefusesANonsenseLength()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        var bad = Refused(await meeting.ChairAsync((a, t) => new StartTimer("ten", "", a, t)), RefusalKind.Invalid);
        Assert.Equal("minutes", bad.Field);
        Assert.Contains("Minutes must be a whole number from 0 to 240", bad.Message);
        Assert.Null((await meeting.StateAsync()).Facilitation.Timer);

        var before = DateTimeOffset.UtcNow;
        Done(await meeting.ChairAsync((a, t) => new StartTimer("5", "0", a, t)));
        var (_, phone, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        var time = phone.QuerySelector("[data-mb-timer-ends]")!;
        var ends = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(time.GetAttribute("data-mb-timer-ends")!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.InRange(ends, before.AddMinutes(5).AddSeconds(-1), DateTimeOffset.UtcNow.AddMinutes(5).AddSeconds(1));
        // Without script, the time left when the page was drawn.
        Assert.Matches(@"^[45]:\d\d$", time.TextContent);

        Done(await meeting.ChairAsync((a, t) => new ChangeTimer(TimerAction.Pause, a, t)));
        (_, phone, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        var paused = phone.QuerySelector(".mb-timer__time")!;
        Assert.Null(paused.GetAttribute("data-mb-timer-ends"));
        Assert.Contains("(paused)", paused.TextContent);
        var (_, chair, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Resume the timer", chair.QuerySelector(".mb-room-controls")!.TextContent);

        Refused(await meeting.AsAsync(sam, (a, t) => new ChangeTimer(TimerAction.Clear, a, t)), RefusalKind.Forbidden);
        Assert.NotNull((await meeting.StateAsync()).Facilitation.Timer);
        Done(await meeting.ChairAsync((a, t) => new ChangeTimer(TimerAction.Clear, a, t)));
        Assert.Null((await sam.GetAsync($"/m/{meeting.MeetingId}")).Page.QuerySelector("#mb-timer"));
    }

    [Fact]
    public async Task AnAnonymousRoundHidesNamesFromParticipantsAndTheRoomScreenButNotTheFacilitator()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        var (teacher, _) = await meeting.AdmitAsync("Ms Okafor", "Class teacher");
        Done(await meeting.ChairAsync((a, t) => new SetAnonymousRound(true, a, t)));
        Refused(await meeting.AsAsync(sam, (a, t) => new SetAnonymousRound(false, a, t)), RefusalKind.Forbidden);
        Done(await meeting.AddAsync(sam, "complicating-factors", "Money is very tight."));
        Done(await meeting.ChairAsync((a, t) => new SetAnonymousRound(false, a, t)));

        var (_, chair, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var chairItem = chair.QuerySelector("#cat-complicating-factors .mb-item")!;
        Assert.Equal("Sam (Mum)", chairItem.QuerySelector(".mb-item__author")!.TextContent);
        Assert.Contains("anonymous to others", chairItem.TextContent);

        using var screen = new Visitor(meeting.App);
        foreach (var (who, path) in new[] { (teacher, $"/m/{meeting.MeetingId}"), (sam, $"/m/{meeting.MeetingId}"), (screen, await ScreenPathAsync(meeting)) })
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
        Done(await meeting.AddAsync(sam, "harm", "One"));
        Done(await meeting.AddAsync(sam, "harm", "Two"));
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
        Refused(await meeting.AsAsync(sam, (a, t) => new StartTurnRound(a, t)), RefusalKind.Forbidden);
        Done(await meeting.ChairAsync((a, t) => new StartTurnRound(a, t)));

        Refused(await meeting.AsAsync(teacher, (a, t) => new EndTurn("p:" + samId, true, a, t)), RefusalKind.Forbidden, "You can pass only when it is your turn");
        // Only the speaker's own page offers Pass.
        var (_, samPage, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal("p:" + samId, samPage.QuerySelector("#mb-turns [data-mb-owner]")!.GetAttribute("data-mb-owner"));
        Assert.Null((await teacher.GetAsync($"/m/{meeting.MeetingId}")).Page.QuerySelector("#mb-turns [data-mb-owner]"));

        // Two presses of Next for Sam: the second finds the turn already moved on and changes nothing.
        Done(await meeting.ChairAsync((a, t) => new EndTurn("p:" + samId, false, a, t)));
        Done(await meeting.ChairAsync((a, t) => new EndTurn("p:" + samId, false, a, t)));
        var (_, page, _) = await teacher.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Ms Okafor", page.QuerySelector("#mb-turns .mb-turn--now")!.TextContent);
        Assert.Equal("p:" + teacherId, page.QuerySelector("#mb-turns [data-mb-owner]")!.GetAttribute("data-mb-owner"));

        Done(await meeting.AsAsync(teacher, (a, t) => new EndTurn("p:" + teacherId, true, a, t)));
        (_, page, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Everyone has had their turn", page.QuerySelector("#mb-turns")!.TextContent);
    }
}
