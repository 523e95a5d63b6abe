using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests.Live;

/// <summary>Cutting a region into parts: the skeleton keeps a marker where each part was.</summary>
public sealed class RegionPartsCutting
{
    [Fact]
    public void MarkedElementsAreCutOutWithTheirNestedElementsOfTheSameName()
    {
        const string html = """<div id="mb-board"><section class="col"><h2>Worried</h2><section id="cat-harm" data-mb-part><section>inner</section><p>a</p></section><section id="cat-danger" class="x" data-mb-part=""><p>b</p></section></section><p>after</p></div>""";

        var cut = RegionParts.Of(html);

        Assert.Equal(["cat-harm", "cat-danger"], cut.Parts.Select(p => p.Id));
        Assert.Equal("""<section id="cat-harm" data-mb-part><section>inner</section><p>a</p></section>""", cut.Parts[0].Html);
        Assert.Equal("""<section id="cat-danger" class="x" data-mb-part=""><p>b</p></section>""", cut.Parts[1].Html);
        Assert.Equal("<div id=\"mb-board\"><section class=\"col\"><h2>Worried</h2>\0cat-harm\0\0cat-danger\0</section><p>after</p></div>", cut.Skeleton);
    }

    [Fact]
    public void AMarkedElementWithoutAnIdStaysInTheSkeleton()
    {
        const string html = """<div><section data-mb-part><p>a</p></section></div>""";
        var cut = RegionParts.Of(html);
        Assert.Empty(cut.Parts);
        Assert.Equal(html, cut.Skeleton);
    }

    [Fact]
    public void OnlyChangedPartsAreSentWhenTheRestIsTheSame()
    {
        Region Board(string harm, string danger, string title = "Worried") =>
            new("mb-board", $"""<div id="mb-board"><h2>{title}</h2><section id="cat-harm" data-mb-part>{harm}</section><section id="cat-danger" data-mb-part>{danger}</section></div>""");
        var before = Board("a", "b");
        IEnumerable<string> Sent(Region after)
        {
            var cut = RegionParts.Of(after.Html);
            return RegionParts.Changes(RegionParts.Of(before.Html).Print(), after, cut, cut.Print()).Select(r => r.Id);
        }

        Assert.Empty(Sent(before));
        Assert.Equal(["cat-danger"], Sent(Board("a", "b2")));
        Assert.Equal(["cat-harm", "cat-danger"], Sent(Board("a2", "b2")));
        Assert.Equal(["mb-board"], Sent(Board("a", "b2", "Worries")));
    }

    [Fact]
    public void ARegionWithoutPartsIsSentWholeWhenItChangesAndNotAtAll()
    {
        var before = new Region("mb-status", "<p>Open</p>");
        var print = RegionParts.Of(before.Html).Print();
        IEnumerable<string> Sent(Region after)
        {
            var cut = RegionParts.Of(after.Html);
            return RegionParts.Changes(print, after, cut, cut.Print()).Select(r => r.Html);
        }

        Assert.Empty(Sent(before));
        Assert.Equal(["<p>Closed</p>"], Sent(new Region("mb-status", "<p>Closed</p>")));
    }

    [Fact]
    public void FingerprintsTellTextsApart()
    {
        Assert.Equal(Fingerprint.Of("<p>a</p>"), Fingerprint.Of(string.Concat("<p>", "a</p>")));
        Assert.NotEqual(Fingerprint.Of("<p>a</p>"), Fingerprint.Of("<p>b</p>"));
        Assert.NotEqual(Fingerprint.Of(""), Fingerprint.Of("\0"));
    }
}

/// <summary>
/// A change to one category reaches pages that already have the board as that category alone;
/// a page new to the broadcaster, or one that missed a patch, gets the whole page.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PartPatches(BrowserFixture browsers)
{
    static string[] RegionIds(JsonObject patch) =>
        patch["arguments"]![0]!["regions"]!.AsArray().Select(r => (string)r!["id"]!).ToArray();

    static long? Since(JsonObject patch) => (long?)patch["arguments"]![0]!["since"];
    static long? Seq(JsonObject patch) => (long?)patch["arguments"]![0]!["seq"];

    [Fact]
    public async Task AnItemAddedToOneCategoryIsSentAsThatCategoryAlone()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        await using var hub = await HubClient.ConnectAsync(meeting.App, sam.CookieHeader(meeting.App), null);
        Assert.Null((await hub.WatchAsync(meeting.MeetingId, 0, "board", null)).Error);

        (await meeting.AddItemAsync(meeting.Facilitator, "harm", "Jo was hit on 3 March")).EnsureSuccessStatusCode();
        var first = await hub.NextAsync("Patch", p => p.ToJsonString().Contains("Jo was hit on 3 March"));
        (await meeting.AddItemAsync(meeting.Facilitator, "existing-strengths", "Grandma walks Jo to school")).EnsureSuccessStatusCode();
        var second = await hub.NextAsync("Patch", p => p.ToJsonString().Contains("Grandma walks Jo to school"));

        Assert.Equal(Seq(first), Since(second));
        Assert.Equal(["cat-existing-strengths"], RegionIds(second));
        Assert.DoesNotContain("Jo was hit on 3 March", second.ToJsonString());
    }

    [Fact]
    public async Task APageThatWatchesAgainGetsTheWholeBoardWithTheNextChange()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        await using var hub = await HubClient.ConnectAsync(meeting.App, sam.CookieHeader(meeting.App), null);
        Assert.Null((await hub.WatchAsync(meeting.MeetingId, 0, "board", null)).Error);
        (await meeting.AddItemAsync(meeting.Facilitator, "harm", "Jo was hit on 3 March")).EnsureSuccessStatusCode();
        await hub.NextAsync("Patch", p => p.ToJsonString().Contains("Jo was hit on 3 March"));

        // Watching again (as after a reconnect) makes this a new viewer to the broadcaster, even at the current version.
        var (_, page, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        var version = long.Parse(page.QuerySelector("main")!.GetAttribute("data-mb-version")!);
        Assert.Null((await hub.WatchAsync(meeting.MeetingId, version, "board", null)).Error);
        (await meeting.AddItemAsync(meeting.Facilitator, "existing-strengths", "Grandma walks Jo to school")).EnsureSuccessStatusCode();
        var next = await hub.NextAsync("Patch", p => p.ToJsonString().Contains("Grandma walks Jo to school"));

        Assert.Null(Since(next));
        Assert.Contains("mb-board", RegionIds(next));
        Assert.Contains("Jo was hit on 3 March", next.ToJsonString());
    }

    [Fact]
    public async Task APersonsOwnScoreIsSentToThemOnlyWhenItChanges()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        var (pat, _) = await meeting.AdmitAsync("Pat", "Grandmother");
        await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        (await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/rounds", new Dictionary<string, string>
        {
            ["commandId"] = Visitor.NewCommandId(), ["question"] = "How safe is Jo?", ["tenMeans"] = "Safe enough to close the case",
            ["zeroMeans"] = "Jo cannot live at home", ["dangerStatement"] = "",
        }, fetch: true)).EnsureSuccessStatusCode();
        var (_, board, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var roundId = board.QuerySelector("form[action$='/reveal']")!.GetAttribute("action")!.Split('/')[4];
        await using var hub = await HubClient.ConnectAsync(meeting.App, sam.CookieHeader(meeting.App), null);
        Assert.Null((await hub.WatchAsync(meeting.MeetingId, 0, "board", null)).Error);
        Task<HttpResponseMessage> ScoreAsync(Visitor who, string reason) =>
            who.PostAsync($"/m/{meeting.MeetingId}/rounds/{roundId}/score", new Dictionary<string, string>
            {
                ["commandId"] = Visitor.NewCommandId(), ["attempt"] = "1", ["score"] = "6", ["reason"] = reason,
            }, fetch: true);

        // The broadcaster sends a person's own part once after they connect; then only when it changes.
        (await meeting.AddItemAsync(meeting.Facilitator, "harm", "Jo was hit on 3 March")).EnsureSuccessStatusCode();
        await hub.NextAsync("Patch", p => RegionIds(p).Contains("mb-my-score"));

        await pat.GetAsync($"/m/{meeting.MeetingId}");
        (await ScoreAsync(pat, "Grandma is there every evening")).EnsureSuccessStatusCode();
        await sam.GetAsync($"/m/{meeting.MeetingId}");
        (await ScoreAsync(sam, "Mum has kept every appointment")).EnsureSuccessStatusCode();
        var passed = new List<JsonObject>();
        var mine = await hub.NextAsync("Patch", p => p.ToJsonString().Contains("Mum has kept every appointment"), passed);

        // Pat's score changed the progress everyone sees, not what Sam's own part shows: Sam got no copy of it then.
        Assert.Equal(["mb-my-score"], RegionIds(mine));
        Assert.Contains(passed, p => RegionIds(p).Length > 0 && !RegionIds(p).Contains("mb-my-score"));
        Assert.DoesNotContain(passed, p => RegionIds(p).Contains("mb-my-score"));
    }

    [Fact]
    public async Task APageGivenChangesSinceAPatchItNeverHadAsksForTheWholePageInstead()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var chair = await browsers.SignedInAsync(meeting.App, meeting.Account.Email, meeting.Account.Password);
        var fromPage = new ConcurrentQueue<string>();
        IWebSocketRoute? toPage = null;
        await chair.RouteWebSocketAsync(new Regex("/hubs/meeting"), ws =>
        {
            var server = ws.ConnectToServer();
            ws.OnMessage(frame =>
            {
                fromPage.Enqueue(frame.Text ?? "");
                server.Send(frame.Text ?? "");
            });
            toPage = ws;
        });
        await chair.GotoAsync($"/m/{meeting.MeetingId}");
        await Eventually.TrueAsync(() => fromPage.Any(m => m.Contains("\"Watch\"")), "the page watches the meeting");

        static string Frame(long version, string html, long seq, long? since) =>
            new JsonObject
            {
                ["type"] = 1,
                ["target"] = "Patch",
                ["arguments"] = new JsonArray(new JsonObject
                {
                    ["version"] = version,
                    ["regions"] = new JsonArray(new JsonObject { ["id"] = "mb-board", ["html"] = html }),
                    ["seq"] = seq,
                    ["since"] = since,
                }),
            }.ToJsonString() + "\u001e";

        // Changes since a patch this page never had: not applied, and the page asks for everything.
        toPage!.Send(Frame(1000, """<div id="mb-board"><p>Not from the server</p></div>""", 77_777, 66_666));
        await Eventually.TrueAsync(() => fromPage.Any(m => m.Contains("\"Watch\"") && m.Contains(",-1,")), "the page asks for the whole page");
        (await meeting.AddItemAsync(meeting.Facilitator, "harm", "Jo was hit on 3 March")).EnsureSuccessStatusCode();
        await Expect(chair.Locator("#cat-harm")).ToContainTextAsync("Jo was hit on 3 March");
        await Expect(chair.GetByText("Not from the server")).ToHaveCountAsync(0);

        // The same frame as a whole patch is applied: the refusal above was the numbers, not the injection.
        toPage.Send(Frame(1000, """<div id="mb-board"><p>Not from the server</p></div>""", 77_778, null));
        await Expect(chair.GetByText("Not from the server")).ToBeVisibleAsync();
    }
}
