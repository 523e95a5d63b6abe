using System.Text.Json;
using System.Text.RegularExpressions;
using MeetingBoard.Web.Tests.Infrastructure;
using MeetingBoard.Web.Tests.Scaling;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests.Accessibility;

/// <summary>
/// What a screen reader hears on a live page: the page's one polite live region (#mb-announcer) says
/// what a change brings, without flooding. Each page here records every message the region is given
/// from the moment it opens, so "nothing else was said" can be checked, not assumed.
/// </summary>
public sealed class ScreenReaderAnnouncements(BrowserFixture browsers) : BrowserTest
{
    // Runs before the page's own script; records each message put in the region.
    const string Listener = """
        window.__heard = [];
        new MutationObserver(() => {
          const text = document.getElementById('mb-announcer')?.textContent ?? '';
          if (text !== '' && text !== window.__last) window.__heard.push(text);
          window.__last = text;
        }).observe(document, { subtree: true, childList: true, characterData: true });
        """;

    [Fact]
    public async Task SomeoneElsesNewItemIsAnnouncedOnAPhoneButNotYourOwnAndNothingWhenThePageOpens()
    {
        var live = await ScalingMeeting.StartAsync(browsers, app, ("Sam", "Mum"), ("Ms Okafor", "Class teacher"));
        var (sam, teacher) = (live.Phones[0], live.Phones[1]);
        await AddAsync(teacher, "existing-strengths", "The children are always clean and fed.");
        await ListenAsync(sam);

        await AddAsync(sam, "existing-safety", "Last time I took the children to my mum's straight away.");
        await AddAsync(teacher, "harm", "Maya told me she hides under her bed when there is shouting.");

        await HeardAsync(sam, "Ms Okafor (Class teacher) added to Harm: Maya told me she hides under her bed when there is shouting.");
        // Her own item, and the board she opened with (the strength was already there), were never said.
        Assert.Equal(["Ms Okafor (Class teacher) added to Harm: Maya told me she hides under her bed when there is shouting."], await HeardListAsync(sam));
        await Axe.AssertNoViolationsAsync(sam, "a phone that has just announced an item");
    }

    [Fact]
    public async Task AnItemAddedInAnAnonymousRoundIsAnnouncedWithoutItsAuthorAndNotToItsAuthor()
    {
        var live = await ScalingMeeting.StartAsync(browsers, app, ("Sam", "Mum"), ("Ms Okafor", "Class teacher"));
        var (sam, teacher) = (live.Phones[0], live.Phones[1]);
        await live.Chair.GetByText("Timer and rounds").ClickAsync();
        await live.Chair.GetByRole(AriaRole.Button, new() { Name = "Start an anonymous round" }).ClickAsync();
        await Expect(sam.Locator("#mb-anonymous")).ToBeVisibleAsync();
        await ListenAsync(sam);
        await ListenAsync(teacher);

        await AddAsync(teacher, "complicating-factors", "Jordan drinks most weekends.");
        await HeardAsync(sam, "Added anonymously to Complicating factors: Jordan drinks most weekends.");
        await AddAsync(sam, "harm", "Maya hides under the bed.");
        await HeardAsync(teacher, "Added anonymously to Harm: Maya hides under the bed.");

        // Each page heard the other's item only: not its own, though an anonymous item names nobody.
        Assert.Single(await HeardListAsync(sam));
        Assert.Single(await HeardListAsync(teacher));
        Assert.DoesNotContain(await HeardListAsync(sam), t => t.Contains("Okafor"));
    }

    [Fact]
    public async Task ABurstOfTenItemsIsOneSummaryNotTen()
    {
        var live = await ScalingMeeting.StartAsync(browsers, app, ("Sam", "Mum"), ("Ms Okafor", "Class teacher"));
        var (sam, teacher) = (live.Phones[0], live.Phones[1]);
        await ListenAsync(sam);

        // Ten items from the teacher at once, through the command entry point her page uses.
        var meetingId = live.MeetingId;
        var user = await Circuit.ParticipantOfAsync(teacher);
        var refusals = await Task.WhenAll(Enumerable.Range(1, 10).Select(async n =>
        {
            await using var circuit = await Circuit.OpenAsync(app, user, meetingId);
            var id = MeetingBoard.Web.Live.MeetingHosts.NewId();
            return await circuit.RunAsync((a, t) => new MeetingBoard.Meetings.AddItem(id, "harm", $"Worry number {n}", a, t), id);
        }));
        Assert.All(refusals, Assert.Null);
        await Expect(sam.Locator("#cat-harm .mb-item")).ToHaveCountAsync(10);

        await HeardAsync(sam, "10 new items on the board.");
        Assert.Equal(["10 new items on the board."], await HeardListAsync(sam));
    }

    [Fact]
    public async Task TheStageARoundStartingAndTheRevealAreAnnounced()
    {
        var live = await ScalingMeeting.StartAsync(browsers, app, ("Sam", "Mum"));
        var (chair, sam) = (live.Chair, live.Phones[0]);
        await ListenAsync(sam);

        var start = chair.Locator("#mb-stages button", new() { HasTextRegex = new Regex("^\\s*Start:") });
        var firstStage = Regex.Replace((await start.TextContentAsync())!, "^\\s*Start:\\s*|\\s+$", "");
        await start.ClickAsync();
        await HeardAsync(sam, new Regex($"^Stage 1 of \\d+: {Regex.Escape(firstStage)}\\.$"));

        await live.StartRoundAsync();
        await HeardAsync(sam, "Scaling has started: On a scale of 0 to 10, how safe are the children? Give your number and why.");
        var form = sam.Locator("#my-score-form");
        await form.GetByLabel("3", new() { Exact = true }).CheckAsync();
        await form.GetByLabel("Why this number?").FillAsync("Jordan still shouts when he has been drinking");
        await form.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("my score$") }).ClickAsync();
        await Expect(sam.Locator("#mb-my-score")).ToContainTextAsync("You scaled 3");
        await chair.Locator("#my-score-form").GetByRole(AriaRole.Button, new() { Name = "Pass on this round" }).ClickAsync();
        await chair.GetByRole(AriaRole.Button, new() { Name = "Reveal the scores" }).ClickAsync();

        await HeardAsync(sam, "Scores revealed: median 3, lowest 3, highest 3, 1 score. Everyone's scores and reasons are in the tables.");
        Assert.Equal(3, (await HeardListAsync(sam)).Count);
        await Axe.AssertNoViolationsAsync(sam, "a phone after the reveal was announced");
    }

    [Fact]
    public async Task TheRegionIsOutsideTheBoardAndSurvivesItsRenders()
    {
        var live = await ScalingMeeting.StartAsync(browsers, app, ("Sam", "Mum"));
        var sam = live.Phones[0];
        var region = sam.Locator("#mb-announcer");
        await Expect(region).ToHaveAttributeAsync("role", "status");
        await Expect(region).ToHaveAttributeAsync("aria-live", "polite");
        await Expect(region).ToHaveTextAsync("");
        // It is outside <main> and every live part of the page, and holds none of them.
        var inside = await sam.EvaluateAsync<bool>("""
            () => {
              const region = document.getElementById('mb-announcer');
              return region.closest('main') !== null || region.querySelector('[id^=mb-]') !== null
                || ['mb-status', 'mb-scaling', 'mb-board', 'mb-stages', 'mb-my-score'].some(id => document.getElementById(id).contains(region));
            }
            """);
        Assert.False(inside);

        // The same element is still there after the board re-renders (a replaced region would lose its place with screen readers).
        await sam.EvaluateAsync("() => { document.getElementById('mb-announcer').mbMark = 'kept'; }");
        await AddAsync(live.Chair, "harm", "Police were called twice.");
        await Expect(sam.Locator("#cat-harm .mb-item__text")).ToHaveTextAsync("Police were called twice.");
        await Expect(region).ToHaveTextAsync("Alex Morgan (Facilitator) added to Harm: Police were called twice.");
        Assert.Equal("kept", await sam.EvaluateAsync<string>("() => document.getElementById('mb-announcer').mbMark"));
    }

    /// <summary>Starts recording what the page's region says, from a fresh load of the page.</summary>
    static async Task ListenAsync(IPage page)
    {
        await page.Context.AddInitScriptAsync(Listener);
        await page.ReloadAsync();
        // Typing into the prerendered page before its circuit starts would be lost: wait until it is live.
        await LivePages.WaitUntilLiveAsync(page);
        Assert.True(await page.EvaluateAsync<bool>("() => Array.isArray(window.__heard)"), "the listener runs on this page");
    }

    static async Task<List<string>> HeardListAsync(IPage page) =>
        (await page.EvaluateAsync<JsonElement>("() => window.__heard")).EnumerateArray().Select(e => e.GetString()!).ToList();

    static Task HeardAsync(IPage page, string text) =>
        Eventually.TrueAsync(async () => (await HeardListAsync(page)).Contains(text), $"the page announced \"{text}\"");

    static Task HeardAsync(IPage page, Regex text) =>
        Eventually.TrueAsync(async () => (await HeardListAsync(page)).Any(text.IsMatch), $"the page announced something like /{text}/");

    static async Task AddAsync(IPage page, string category, string text)
    {
        var form = await AddForms.OpenAsync(page, category);
        await form.Locator("textarea").FillAsync(text);
        await form.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Add") }).ClickAsync();
        await Expect(page.Locator($"#add-{category} textarea")).ToHaveValueAsync("");
    }
}
