using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests.Scaling;

/// <summary>
/// The rule that makes scaling honest: before the reveal, nobody's score or reason reaches anyone
/// else's browser — another participant's, the room screen's or the facilitator's — not in a page and
/// not in a frame of the circuit's WebSocket. Everything three browsers receive is recorded and searched.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NoLeakBeforeReveal(BrowserFixture browsers) : IAsyncLifetime
{
    TestApp app = default!;

    public Task InitializeAsync()
    {
        app = TestApp.Start();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    // Words that occur nowhere else, so finding one anywhere means the answer got out.
    const string SamsReason = "Zebracrossing Sam reason about the weekend plan";
    const string PatsReason = "Quokkajump Pat reason about the spare bed";
    const string PatsOneHigher = "Narwhalsong Pat would need Jordan to move out";
    const string ChairsReason = "Ocelotdance chair reason on the police callouts";
    const string TeachersReason = "Lighthouse teacher reason about Maya at school";

    [Fact]
    public async Task NoOtherPersonsScoreOrReasonReachesAnotherBrowserBeforeTheReveal()
    {
        var live = await ScalingMeeting.StartAsync(browsers, app, ("Sam", "Mum"), ("Pat", "Grandmother"), ("Ms Okafor", "Class teacher"));
        var (sam, pat, teacher) = (live.Phones[0], live.Phones[1], live.Phones[2]);
        // Recorded from a fresh load, so the first page and the whole life of each circuit are in the record.
        var (teachers, screens, chairs) = (new Recording(teacher), new Recording(live.Screen), new Recording(live.Chair));
        var watched = new[] { teachers, screens, chairs };
        foreach (var r in watched) await r.ReloadAsync();

        await live.StartRoundAsync();
        foreach (var r in watched) await Expect(r.Page.Locator("#mb-scaling .mb-scaling__count")).ToHaveTextAsync("0 of 4 have scaled");

        await ScaleAsync(sam, 2, SamsReason);
        await ScaleAsync(pat, 9, PatsReason, PatsOneHigher);
        await ScaleAsync(live.Chair, 8, ChairsReason);
        await ScaleAsync(pat, 10, PatsReason, PatsOneHigher); // a change
        await ScaleAsync(teacher, 5, TeachersReason);
        foreach (var r in watched) await Expect(r.Page.Locator("#mb-scaling .mb-scaling__count")).ToHaveTextAsync("4 of 4 have scaled");
        // The teacher loads the page again mid-round: the new page and its new circuit are recorded too.
        await teacher.ReloadAsync();
        await Expect(teacher.Locator("#mb-my-score .mb-score-form__status")).ToContainTextAsync("You scaled 5");
        await Expect(teacher.Locator("#my-score-reason")).ToHaveValueAsync(TeachersReason);

        var secrets = new Dictionary<Recording, string[]>
        {
            [teachers] = [SamsReason, PatsReason, PatsOneHigher, ChairsReason],
            [screens] = [SamsReason, PatsReason, PatsOneHigher, ChairsReason, TeachersReason],
            [chairs] = [SamsReason, PatsReason, PatsOneHigher, TeachersReason],
        };
        foreach (var r in watched)
        {
            var received = await r.EverythingAsync();
            Assert.True(r.FrameCount > 0, "the circuit's WebSocket was recorded");
            foreach (var secret in secrets[r])
                Assert.DoesNotContain(secret, received);
            // Other people's scores only ever appear in the results; none may exist before the reveal.
            foreach (var marker in new[] { "mb-results", "mb-scale-line" })
                Assert.DoesNotContain(marker, received);
        }
        // Each person's own answer did reach their own browser, through the circuit, so the recording
        // would have seen anyone else's.
        Assert.Contains(TeachersReason, teachers.Frames());
        Assert.Contains(ChairsReason, chairs.Frames());

        // The reveal: everything arrives, everywhere at once, through the same frames.
        await live.Chair.GetByRole(AriaRole.Button, new() { Name = "Reveal the scores" }).ClickAsync();
        foreach (var r in watched)
        {
            await Expect(r.Page.Locator(".mb-results__summary")).ToContainTextAsync("range 2 to 10");
            await Expect(r.Page.Locator(".mb-results__table tr", new() { HasText = "Pat" }).Locator(".mb-results__score")).ToHaveTextAsync("10");
            var frames = r.Frames();
            foreach (var secret in new[] { SamsReason, PatsReason, PatsOneHigher, ChairsReason, TeachersReason })
                Assert.Contains(secret, frames);
        }
    }

    static async Task ScaleAsync(IPage page, int score, string reason, string? oneHigher = null)
    {
        var form = page.Locator("#my-score-form");
        await form.GetByLabel(score.ToString(), new() { Exact = true }).CheckAsync();
        await form.GetByLabel("Why this number?").FillAsync(reason);
        if (oneHigher is not null) await form.GetByLabel("What would make it one point higher? (optional)").FillAsync(oneHigher);
        await form.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("my score$") }).ClickAsync();
        await Expect(page.Locator("#mb-my-score .mb-score-form__status")).ToContainTextAsync($"You scaled {score}");
    }

    /// <summary>Every WebSocket frame one browser receives, every page and fetch answer, and the page as it is now.</summary>
    sealed class Recording
    {
        public IPage Page { get; }
        readonly ConcurrentQueue<string> frames = new();
        readonly ConcurrentQueue<Task<string>> bodies = new();

        public Recording(IPage page)
        {
            Page = page;
            // Blazor's frames are binary (MessagePack, render batches with their strings in UTF-8): read
            // loosely as text, any string a render batch carries is found as it was typed.
            page.WebSocket += (_, ws) => ws.FrameReceived += (_, frame) =>
                frames.Enqueue(frame.Binary is { } bytes ? Encoding.UTF8.GetString(bytes) : frame.Text ?? "");
            // Pages and fetches; not the style sheets, which name every class of the app.
            page.Response += (_, response) =>
            {
                if (response.Request.ResourceType is "document" or "fetch" or "xhr") bodies.Enqueue(BodyAsync(response));
            };
        }

        public int FrameCount => frames.Count;

        public string Frames() => string.Join("\n", frames);

        public async Task ReloadAsync()
        {
            await Page.ReloadAsync();
            await Expect(Page.Locator("[data-mb-page]")).ToBeVisibleAsync();
        }

        static async Task<string> BodyAsync(IResponse response)
        {
            try { return await response.TextAsync(); }
            catch (PlaywrightException) { return ""; } // a redirect has no body
        }

        public async Task<string> EverythingAsync()
        {
            var all = new List<string>(frames);
            all.AddRange(await Task.WhenAll(bodies));
            all.Add(await Page.ContentAsync());
            return WebUtility.HtmlDecode(string.Join("\n", all));
        }
    }
}
