using Microsoft.Extensions.DependencyInjection;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests;

/// <summary>
/// The main pages at a small phone, a laptop and a room screen: nothing runs off the side, and the
/// room screen never scrolls. Screenshots go to MEETINGBOARD_SCREENSHOTS when it is set
/// (docs/screenshots holds the reviewed set).
/// </summary>
public sealed class PageLayout(BrowserFixture browsers) : BrowserTest
{
    readonly string? screenshots = Environment.GetEnvironmentVariable("MEETINGBOARD_SCREENSHOTS");

    [Fact]
    public async Task FitsAPhoneALaptopAndARoomScreen()
    {
        var (email, password) = await app.AddFacilitatorAsync("Alex Morgan");
        var chair = await browsers.SignedInAsync(app, email, password);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Create a demo meeting" }).ClickAsync();
        // Eight notes, a danger statement and its goal as cards; the harm matrix and the plan as tables.
        await Expect(chair.Locator("#mb-board .mb-item")).ToHaveCountAsync(10);
        await Expect(chair.Locator("#harm-matrix tbody tr, #plan tbody tr")).ToHaveCountAsync(4);
        var meetingPath = new Uri(chair.Url).AbsolutePath;
        var screenLink = (await chair.Locator("a[href*='/screen/']").GetAttributeAsync("href"))!;
        var code = (await chair.Locator(".mb-code").TextContentAsync())!.Trim();

        foreach (var width in new[] { 320, 1280, 1920 })
        {
            var facilitator = await browsers.NewPageAsync(app, width, 900);
            await facilitator.Context.AddCookiesAsync((await chair.Context.CookiesAsync()).Select(c => new Cookie
            {
                Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
            }));
            await facilitator.GotoAsync(meetingPath);
            await AssertNoSidewaysScrollAsync(facilitator, width);
            await Axe.AssertNoViolationsAsync(facilitator, $"the demo board at {width}px");
            await ShotAsync(facilitator, $"board-facilitator-{width}");

            var visitor = await browsers.NewPageAsync(app, width, 900);
            var weight = width == 320 ? Weigh(visitor) : null;
            await visitor.GotoAsync("/join");
            await AssertNoSidewaysScrollAsync(visitor, width);
            await Axe.AssertNoViolationsAsync(visitor, $"the join page at {width}px");
            await ShotAsync(visitor, $"join-{width}");
            await visitor.GetByLabel("Join code").FillAsync(code);
            await visitor.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
            await visitor.AskToJoinAsync($"Visitor {width}", "Health visitor");
            await AssertNoSidewaysScrollAsync(visitor, width);
            await ShotAsync(visitor, $"lobby-{width}");
            await chair.GetByRole(AriaRole.Button, new() { Name = $"Let in Visitor {width}" }).ClickAsync();
            await Expect(visitor.Locator("[data-mb-page=board]")).ToBeVisibleAsync();
            await AssertNoSidewaysScrollAsync(visitor, width);
            await ShotAsync(visitor, $"board-participant-{width}");
            if (weight is not null) await WritePageWeightAsync(weight);
        }

        var screen = await browsers.NewPageAsync(app, 1920, 1080);
        await screen.GotoAsync(screenLink);
        // Measured once live: until then the prerendered board is on the page, and the circuit's first render
        // replaces its nodes, so a measurement made across that moment reads a detached one.
        await LivePages.WaitUntilLiveAsync(screen);
        // The room screen shows the harm matrix entry and the three next steps as cards too.
        await Expect(screen.Locator("#mb-board .mb-item")).ToHaveCountAsync(14);
        await RoomScreenCutsNothingAsync(screen);
        await ShotAsync(screen, "room-screen-1920");
        var overflow = await screen.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight]");
        Assert.True(overflow[0] <= 1920 && overflow[1] <= 1080, $"The room screen scrolls: {overflow[0]}×{overflow[1]}");
        var itemFont = await screen.Locator(".mb-item__text").First.EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        // Full size is 28px; a crowded column steps down to fit, never below 0.6 of that (app.scss).
        Assert.True(itemFont >= 16.8, $"Room screen item text is {itemFont}px");
    }

    [Fact]
    public async Task ACrowdedRoomScreenStepsDownThenTurnsItsPagesAndCutsNothing()
    {
        await using var meeting = await MeetingScenario.StartAsync(app);
        var screenKey = (await (await app.Services.GetRequiredService<MeetingBoard.Web.Live.MeetingHosts>().FindAsync(meeting.MeetingId))!.CatchUpAsync()).ScreenKey;
        var screen = await browsers.NewPageAsync(app, 1920, 1080);
        await screen.GotoAsync($"/m/{meeting.MeetingId}/screen/{screenKey}");
        await LivePages.WaitUntilLiveAsync(screen);

        // Thirteen worries: the column steps down (and turns pages if even that is not enough).
        for (var i = 1; i <= 13; i++)
            await meeting.AddItemAsync(meeting.Facilitator, i % 2 == 0 ? "harm" : "complicating-factors", $"Worry {i}: Jordan shouted at Sam in front of the children, and the police were called again.");
        await Expect(screen.Locator("#mb-board .mb-item")).ToHaveCountAsync(13);
        await RoomScreenCutsNothingAsync(screen);
        var worries = screen.Locator(".mb-column").First;
        Assert.NotEqual("0", await worries.GetAttributeAsync("data-mb-fit"));
        await ShotAsync(screen, "room-screen-13-worries-1920");

        // Far more than fits: the column turns its pages and says so, still at a readable size.
        for (var i = 14; i <= 60; i++)
            await meeting.AddItemAsync(meeting.Facilitator, "harm", $"Worry {i}: Jordan shouted at Sam in front of the children, and the police were called again.");
        await Expect(screen.Locator("#mb-board .mb-item")).ToHaveCountAsync(60);
        await RoomScreenCutsNothingAsync(screen);
        await Expect(worries).ToHaveAttributeAsync("data-mb-page-label", new System.Text.RegularExpressions.Regex("^Page [0-9]+ of [2-9]$"));
        await ShotAsync(screen, "room-screen-crowded-1920");
    }

    /// <summary>
    /// Every column of the room screen shows all it holds: it fits (at whatever step it took), or it turns
    /// pages and says so; item text never falls below 0.6 of full size.
    /// </summary>
    static async Task RoomScreenCutsNothingAsync(IPage screen)
    {
        await screen.WaitForFunctionAsync("""
            () => [...document.querySelectorAll('.mb-room .mb-column')].every(c =>
              c.scrollHeight <= c.clientHeight + 1 || (c.dataset.mbPages && c.dataset.mbPageLabel))
            """, null, new() { Timeout = 20_000 });
        var smallest = await screen.EvaluateAsync<double>(
            "() => Math.min(...[...document.querySelectorAll('.mb-room .mb-item__text')].map(e => parseFloat(getComputedStyle(e).fontSize)))");
        Assert.True(smallest >= 16.8, $"Room screen item text is {smallest}px");
    }

    /// <summary>Bytes on the wire per document a phone loads (the first visit, nothing cached), by page path.</summary>
    static List<(string Page, string Url, long Bytes)> Weigh(IPage page)
    {
        var rows = new List<(string, string, long)>();
        page.RequestFinished += async (_, request) =>
        {
            var sizes = await request.SizesAsync();
            var path = new Uri(page.Url).AbsolutePath;
            lock (rows) rows.Add((path, new Uri(request.Url).AbsolutePath, sizes.ResponseHeadersSize + sizes.ResponseBodySize));
        };
        return rows;
    }

    async Task WritePageWeightAsync(List<(string Page, string Url, long Bytes)> rows)
    {
        if (string.IsNullOrEmpty(screenshots)) return;
        List<(string Page, string Url, long Bytes)> copy;
        lock (rows) copy = [.. rows];
        var lines = new List<string>
        {
            "| page (as a phone first loads it) | requests | bytes on the wire | of which the page itself |",
            "|---|---|---|---|",
        };
        foreach (var group in copy.GroupBy(r => System.Text.RegularExpressions.Regex.Replace(r.Page, "[0-9a-f]{32}|[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}", "…")))
            lines.Add($"| `{group.Key}` | {group.Count()} | {group.Sum(r => r.Bytes):N0} | {group.Where(r => !r.Url.Contains('.')).Sum(r => r.Bytes):N0} |");
        await File.WriteAllLinesAsync(Path.Combine(screenshots, "page-weight.md"), lines);
    }

    static async Task AssertNoSidewaysScrollAsync(IPage page, int width)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"{page.Url} is {scrollWidth}px wide at a {width}px viewport");
    }

    async Task ShotAsync(IPage page, string name)
    {
        if (string.IsNullOrEmpty(screenshots)) return;
        Directory.CreateDirectory(screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(screenshots, name + ".png"), FullPage = true });
    }
}
