using System.Text.RegularExpressions;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests.Accessibility;

/// <summary>
/// The pages PageLayout does not cover, at a small phone, a laptop and a room-sized screen: the
/// record (print view and family version), the stages (the task list with the facilitator's controls,
/// and the stage editor), and the practice builders (danger statement, next step and the plan). At
/// each width: no sideways scrolling and no axe violation. Screenshots go to MEETINGBOARD_SCREENSHOTS
/// when it is set (docs/screenshots holds the reviewed set).
/// </summary>
public sealed class MorePagesAtThreeWidths(BrowserFixture browsers) : BrowserTest
{
    readonly string? screenshots = Environment.GetEnvironmentVariable("MEETINGBOARD_SCREENSHOTS");

    [Fact]
    public async Task TheRecordTheStagesAndTheBuildersFitEveryWidth()
    {
        var (email, password) = await app.AddFacilitatorAsync("Alex Morgan");
        var chair = await browsers.SignedInAsync(app, email, password);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Create a demo meeting" }).ClickAsync();
        await Expect(chair.Locator("#mb-board .mb-item")).ToHaveCountAsync(10);
        var meeting = new Uri(chair.Url).AbsolutePath;
        // The stages started, so the task list shows one done, one now and the rest to come.
        await chair.Locator("#mb-stages button", new() { HasTextRegex = new Regex("^\\s*Start:") }).ClickAsync();
        await Expect(chair.Locator("#mb-stages .mb-stages__count")).ToContainTextAsync("Stage 1 of");
        await chair.Locator("#mb-stages button", new() { HasTextRegex = new Regex("^\\s*Next:") }).ClickAsync();
        await Expect(chair.Locator("#mb-stages .mb-stages__count")).ToContainTextAsync("Stage 2 of");

        foreach (var width in new[] { 320, 1280, 1920 })
        {
            var page = await browsers.NewPageAsync(app, width, 900);
            await page.Context.AddCookiesAsync((await chair.Context.CookiesAsync()).Select(c => new Cookie
            {
                Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
            }));

            await page.GotoAsync($"{meeting}/record");
            await Expect(page.Locator("h1")).ToContainTextAsync("Review conference");
            await CheckAsync(page, width, $"the record at {width}px", $"record-{width}");

            await page.GotoAsync($"{meeting}/record/family");
            await Expect(page.Locator("main")).ToContainTextAsync("Maya");
            await CheckAsync(page, width, $"the family version at {width}px", $"record-family-{width}");

            await page.GotoAsync($"{meeting}/stages");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change the stages" })).ToBeVisibleAsync();
            await CheckAsync(page, width, $"the stage editor at {width}px", $"stages-editor-{width}");

            // The board with the stage task list and the facilitator's controls open.
            await page.GotoAsync(meeting);
            await OpenAsync(page.Locator("#mb-stages details", new() { HasText = "All stages" }));
            await OpenAsync(page.Locator("#mb-stages details", new() { HasText = "Timer and rounds" }));
            await OpenAsync(page.Locator("#mb-scaling-controls details", new() { HasText = "Start a scaling round" }));
            await Expect(page.Locator("#mb-stages .mb-task-list__item")).Not.ToHaveCountAsync(0);
            await CheckAsync(page, width, $"the stages and controls open at {width}px");
            await ShotAsync(page.Locator("#mb-stages"), $"stage-task-list-{width}");
            await ShotAsync(page.Locator("#mb-scaling-controls"), $"scaling-start-{width}");

            // The practice builders, open.
            await OpenAsync(page.Locator("#builder-danger-details"));
            await OpenAsync(page.Locator("#cat-next-steps details", new() { HasText = "Add a next step" }));
            await CheckAsync(page, width, $"the builders open at {width}px");
            await ShotAsync(page.Locator("#cat-danger-statements"), $"danger-statement-builder-{width}");
            await ShotAsync(page.Locator("#cat-next-steps"), $"next-step-builder-{width}");
            await ShotAsync(page.Locator("#plan"), $"plan-{width}");
            await page.Context.CloseAsync();
        }
    }

    static async Task OpenAsync(ILocator details)
    {
        if (await details.GetAttributeAsync("open") is null) await details.Locator("summary").First.ClickAsync();
        await Expect(details).ToHaveAttributeAsync("open", "");
    }

    async Task CheckAsync(IPage page, int width, string state, string? shot = null)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"{state}: the page is {scrollWidth}px wide");
        await Axe.AssertNoViolationsAsync(page, state);
        if (shot is not null && !string.IsNullOrEmpty(screenshots))
        {
            Directory.CreateDirectory(screenshots);
            await page.ScreenshotAsync(new() { Path = Path.Combine(screenshots, shot + ".png"), FullPage = true });
        }
    }

    async Task ShotAsync(ILocator element, string name)
    {
        if (string.IsNullOrEmpty(screenshots)) return;
        Directory.CreateDirectory(screenshots);
        await element.ScreenshotAsync(new() { Path = Path.Combine(screenshots, name + ".png") });
    }
}
