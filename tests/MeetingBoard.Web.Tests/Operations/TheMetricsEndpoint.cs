using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests.Operations;

/// <summary>
/// The Prometheus endpoint: off by default, on its own port or behind the operators' token, scraped
/// over real HTTP; MeetingBoard's own metrics move when people use a meeting, and name nobody.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TheMetricsEndpoint(BrowserFixture browsers)
{
    const string Token = "operators-only-6f0c2a9e41d84b7d";

    static TestApp WithToken() => TestApp.Start(new Dictionary<string, string?>
    {
        ["MeetingBoard:Metrics:Enabled"] = "true",
        ["MeetingBoard:Metrics:Token"] = Token,
    });

    static async Task<(HttpStatusCode Status, string Text)> ScrapeAsync(Uri baseAddress, string? token = Token, string? host = null)
    {
        using var http = new HttpClient { BaseAddress = baseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (host is not null) request.Headers.Host = host;
        using var response = await http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The sum of a metric's samples whose labels include every one given (e.g. <c>outcome="applied"</c>).</summary>
    static double Sum(string scrape, string metric, params string[] labels) => scrape.Split('\n')
        .Where(l => l.StartsWith(metric + "{", StringComparison.Ordinal) || l.StartsWith(metric + " ", StringComparison.Ordinal))
        .Where(l => labels.All(label => l.Contains(label, StringComparison.Ordinal)))
        .Sum(l => double.Parse(l.Split(' ')[^1].Split(' ')[0], CultureInfo.InvariantCulture));

    static async Task<double> ReadAsync(TestApp app, string metric, params string[] labels) => Sum((await ScrapeAsync(app.BaseAddress)).Text, metric, labels);

    [Fact]
    public async Task IsOffUnlessAnOperatorTurnsItOn()
    {
        await using var app = TestApp.Start();
        var (status, text) = await ScrapeAsync(app.BaseAddress);
        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.DoesNotContain("meetingboard_", text);
    }

    [Fact]
    public async Task WithATokenOnlyTheOperatorsTokenIsAnswered()
    {
        await using var app = WithToken();
        Assert.Equal(HttpStatusCode.Unauthorized, (await ScrapeAsync(app.BaseAddress, token: null)).Status);
        var (wrongStatus, wrongText) = await ScrapeAsync(app.BaseAddress, token: Token + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, wrongStatus);
        Assert.DoesNotContain("meetingboard_", wrongText);
        var (status, text) = await ScrapeAsync(app.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("meetingboard_meetings_loaded", text);
    }

    [Fact]
    public async Task OnItsOwnPortTheMetricsAreThereAndNowhereElse()
    {
        var metricsPort = TestApp.FreePort();
        await using var app = TestApp.Start(new Dictionary<string, string?>
        {
            ["MeetingBoard:Metrics:Enabled"] = "true",
            ["MeetingBoard:Metrics:Port"] = metricsPort.ToString(CultureInfo.InvariantCulture),
        });
        var operators = new Uri($"http://127.0.0.1:{metricsPort}/");

        var (status, text) = await ScrapeAsync(operators, token: null);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("meetingboard_meetings_loaded", text);
        // The public port does not answer it, whatever Host the client claims...
        Assert.Equal(HttpStatusCode.NotFound, (await ScrapeAsync(app.BaseAddress, token: null)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await ScrapeAsync(app.BaseAddress, token: null, host: $"127.0.0.1:{metricsPort}")).Status);
        // ...and the operators' port serves nothing but the metrics.
        using var http = new HttpClient { BaseAddress = operators };
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/sign-in")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/healthz")).StatusCode);
    }

    [Fact]
    public async Task RefusesToStartWhenTheMetricsWouldBePublic()
    {
        var e = Assert.ThrowsAny<Exception>(() => TestApp.Start(new Dictionary<string, string?> { ["MeetingBoard:Metrics:Enabled"] = "true" }));
        var messages = string.Join(" ", Chain(e).Select(x => x.Message));
        Assert.Contains("neither MeetingBoard:Metrics:Port nor MeetingBoard:Metrics:Token is set, so anyone could read the metrics", messages);
    }

    static IEnumerable<Exception> Chain(Exception? e)
    {
        for (; e is not null; e = e.InnerException) yield return e;
    }

    [Fact]
    public async Task CircuitsCommandsAndRefusalsMoveWhenAMeetingIsUsed()
    {
        await using var meeting = await MeetingScenario.StartAsync(WithToken());
        var app = meeting.App;
        var added = await ReadAsync(app, "meetingboard_commands_total", "command=\"AddItem\"", "outcome=\"applied\"");
        var timed = await ReadAsync(app, "meetingboard_command_duration_seconds_count", "command=\"AddItem\"");

        // A facilitator's live page: a circuit on this node.
        var page = await browsers.SignedInAsync(app, meeting.Account.Email, meeting.Account.Password);
        await page.GotoAsync($"/m/{meeting.MeetingId}");
        await LivePages.WaitUntilLiveAsync(page);
        await Eventually.TrueAsync(async () => await ReadAsync(app, "meetingboard_circuits_open") >= 1, "the scrape counts the open circuit");

        // An item added through the page: a command, applied, timed.
        await page.Locator("#add-harm textarea").FillAsync("Added through the page");
        await page.Locator("#add-harm").GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Add") }).ClickAsync();
        await Expect(page.Locator("#cat-harm .mb-item__text", new() { HasText = "Added through the page" })).ToHaveCountAsync(1);
        await Eventually.TrueAsync(async () => await ReadAsync(app, "meetingboard_commands_total", "command=\"AddItem\"", "outcome=\"applied\"") >= added + 1,
            "the scrape counts the applied command");
        Assert.True(await ReadAsync(app, "meetingboard_command_duration_seconds_count", "command=\"AddItem\"") >= timed + 1);

        // A refusal, by its kind.
        var invalid = await ReadAsync(app, "meetingboard_refusals_total", "kind=\"Invalid\"");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await meeting.AddItemAsync(meeting.Facilitator, "harm", "")).StatusCode);
        await Eventually.TrueAsync(async () => await ReadAsync(app, "meetingboard_refusals_total", "kind=\"Invalid\"") >= invalid + 1, "the scrape counts the refusal");

        var scrape = (await ScrapeAsync(app.BaseAddress)).Text;
        Assert.True(Sum(scrape, "meetingboard_meetings_loaded") >= 1);
        Assert.True(Sum(scrape, "meetingboard_meetings_watched") >= 1);
        Assert.True(Sum(scrape, "meetingboard_bus_notices_published_total") >= 1);
        // ASP.NET Core's and the runtime's own metrics are there too.
        Assert.Contains("http_server_request_duration_seconds", scrape);
        Assert.Contains("dotnet_gc_", scrape);
        Assert.Contains("aspnetcore_components_circuit", scrape);
    }

    [Fact]
    public async Task TheMetricsNameNoMeetingPersonTextOrCode()
    {
        await using var meeting = await MeetingScenario.StartAsync(WithToken(), title: "Zebracorn review");
        var (sam, samId) = await meeting.AdmitAsync("Samwisewick", "Quokkamother");
        (await meeting.AddItemAsync(sam, "harm", "Marmalade-ladder worry")).EnsureSuccessStatusCode();
        (await meeting.AddItemAsync(sam, "harm", "")).Dispose();
        using var stranger = new Visitor(meeting.App);
        await stranger.GetAsync($"/join/{meeting.JoinCode}");
        await stranger.GetAsync("/join/WWW-WWW-WWW");

        var (_, scrape) = await ScrapeAsync(meeting.App.BaseAddress);
        Assert.Contains("meetingboard_commands_total", scrape);
        foreach (var secret in new[]
        {
            "Zebracorn", "Samwisewick", "Quokkamother", "Marmalade", meeting.JoinCode, meeting.JoinCode.Replace("-", ""), "WWW-WWW-WWW",
            meeting.MeetingId, samId,
        })
            Assert.DoesNotContain(secret, scrape, StringComparison.OrdinalIgnoreCase);
    }
}
