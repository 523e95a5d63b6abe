using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests.Scaling;

/// <summary>
/// The rule that makes scaling honest: before the reveal, nobody's score or reason reaches
/// another participant's browser or the room screen — not in a page, not in a fetch answer, not in
/// a SignalR message. Everything two browsers receive is recorded and searched.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class NoLeakBeforeReveal(BrowserFixture browsers) : IAsyncLifetime
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
    public async Task NoOtherPersonsScoreOrReasonReachesAParticipantOrTheRoomScreenBeforeTheReveal()
    {
        var live = await ScalingMeeting.StartAsync(browsers, app, ("Sam", "Mum"), ("Pat", "Grandmother"), ("Ms Okafor", "Class teacher"));
        var (sam, pat, teacher) = (live.Phones[0], live.Phones[1], live.Phones[2]);
        // The teacher's phone and the room screen are recorded from a fresh load, so the first page is in the record too.
        var watched = new[] { new Recording(teacher), new Recording(live.Screen) };
        foreach (var r in watched) await r.ReloadAsync();

        await live.StartRoundAsync();
        foreach (var r in watched) await Expect(r.Page.Locator("#mb-scaling .mb-scaling__count")).ToHaveTextAsync("0 of 4 have scaled");

        await ScaleAsync(sam, 2, SamsReason);
        await ScaleAsync(pat, 9, PatsReason, PatsOneHigher);
        await ScaleAsync(live.Chair, 8, ChairsReason);
        await ScaleAsync(pat, 10, PatsReason, PatsOneHigher); // a change, also sent live to Pat's own page
        await ScaleAsync(teacher, 5, TeachersReason);
        foreach (var r in watched) await Expect(r.Page.Locator("#mb-scaling .mb-scaling__count")).ToHaveTextAsync("4 of 4 have scaled");
        // The teacher reconnects mid-round (a dropped connection): the catch-up patch is recorded too.
        await teacher.Context.SetOfflineAsync(true);
        await teacher.Context.SetOfflineAsync(false);
        await teacher.ReloadAsync();
        await Expect(teacher.Locator("#mb-my-score .mb-score-form__status")).ToContainTextAsync("You scaled 5");

        foreach (var r in watched)
        {
            var received = await r.EverythingAsync();
            Assert.True(r.Frames.Count > 0, "the live connection was recorded");
            foreach (var secret in new[] { SamsReason, PatsReason, PatsOneHigher, ChairsReason })
                Assert.DoesNotContain(secret, received);
            // Scores only ever appear in these places; none may exist before the reveal.
            foreach (var marker in new[] { "mb-results", "mb-scale-line", "You scaled 2", "You scaled 10", "You scaled 8" })
                Assert.DoesNotContain(marker, received);
        }
        // The teacher's own answer did reach the teacher (so the recording would have seen the others').
        Assert.Contains(TeachersReason, await watched[0].EverythingAsync());
        Assert.Contains(TeachersReason, string.Concat(watched[0].Frames));
        Assert.DoesNotContain(TeachersReason, await watched[1].EverythingAsync());

        // The reveal: everything arrives, everywhere at once.
        await live.Chair.GetByRole(AriaRole.Button, new() { Name = "Reveal the scores" }).ClickAsync();
        foreach (var r in watched)
        {
            await Expect(r.Page.Locator(".mb-results__summary")).ToContainTextAsync("range 2 to 10");
            var frames = string.Concat(r.Frames.Select(Recording.Decode));
            foreach (var secret in new[] { SamsReason, PatsReason, PatsOneHigher, ChairsReason, TeachersReason })
                Assert.Contains(secret, frames);
            Assert.Matches(new Regex("mb-results__score\"[^>]*>\\s*10\\s*<"), frames);
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

    /// <summary>Every WebSocket frame, every HTTP response body and the live page of one browser.</summary>
    sealed class Recording
    {
        public IPage Page { get; }
        public ConcurrentQueue<string> Frames { get; } = new();
        readonly ConcurrentQueue<Task<string>> bodies = new();

        public Recording(IPage page)
        {
            Page = page;
            page.WebSocket += (_, ws) =>
            {
                ws.FrameReceived += (_, frame) => Frames.Enqueue(frame.Text ?? "");
                ws.FrameSent += (_, frame) => Frames.Enqueue(frame.Text ?? "");
            };
            page.Response += (_, response) => bodies.Enqueue(BodyAsync(response));
        }

        public async Task ReloadAsync()
        {
            await Page.ReloadAsync();
            await Expect(Page.Locator("main[data-mb-live]")).ToBeVisibleAsync();
        }

        static async Task<string> BodyAsync(IResponse response)
        {
            try { return await response.TextAsync(); }
            catch (PlaywrightException) { return ""; } // a redirect has no body
        }

        /// <summary>Frames, bodies and the page as it is now, with JSON and HTML escapes undone.</summary>
        public async Task<string> EverythingAsync()
        {
            var all = new List<string>(Frames);
            all.AddRange(await Task.WhenAll(bodies));
            all.Add(await Page.ContentAsync());
            return string.Join("\n", all.Select(Decode));
        }

        public static string Decode(string text) =>
            WebUtility.HtmlDecode(JsonEscape().Replace(text, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString()).Replace("\\\"", "\""));
    }

    [GeneratedRegex(@"\\u([0-9a-fA-F]{4})")]
    private static partial Regex JsonEscape();
}
