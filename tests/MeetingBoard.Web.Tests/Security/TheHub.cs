using System.Net;
using System.Net.WebSockets;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBoard.Web.Tests.Security;

public sealed class HubOrigin
{
    const string Evil = "https://evil.example";

    static async Task<HttpStatusCode> NegotiateAsync(TestApp app, Visitor who, string? origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/hubs/meeting/negotiate?negotiateVersion=1");
        if (origin is not null) request.Headers.Add("Origin", origin);
        return (await who.SendAsync(request)).StatusCode;
    }

    [Fact]
    public async Task AForeignOriginGets403OnNegotiateAndOnTheUpgrade()
    {
        await using var app = TestApp.Start();
        using var visitor = new Visitor(app);
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync(app, visitor, Evil));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync(app, visitor, $"http://127.0.0.1.evil.example:{app.Port}"));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync(app, visitor, "null"));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(app, visitor, $"http://127.0.0.1:{app.Port}"));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(app, visitor, null));

        var refused = await Assert.ThrowsAsync<HubClient.RefusedException>(() => HubClient.ConnectAsync(app, null, Evil));
        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        await using var own = await HubClient.ConnectAsync(app, null, $"http://127.0.0.1:{app.Port}");
        Assert.Equal(WebSocketState.Open, own.State);
    }

    [Fact]
    public async Task OriginsOnTheAllowListAreAccepted()
    {
        await using var app = TestApp.Start(new Dictionary<string, string?>
        {
            ["MeetingBoard:AllowedOrigins:0"] = "https://board.example.org",
            ["MeetingBoard:PublicUrl"] = "https://meetings.example.org/",
        });
        using var visitor = new Visitor(app);
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(app, visitor, "https://board.example.org"));
        Assert.Equal(HttpStatusCode.OK, await NegotiateAsync(app, visitor, "https://MEETINGS.example.org"));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync(app, visitor, "http://board.example.org"));
        Assert.Equal(HttpStatusCode.Forbidden, await NegotiateAsync(app, visitor, Evil));
    }
}

public sealed class CrossSiteWebSocketHijacking
{
    [Fact]
    public async Task AForeignPageWithTheVictimsCookiesCannotWatch()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        (await meeting.AddItemAsync(meeting.Facilitator, "harm", "Secret worry about Maya")).EnsureSuccessStatusCode();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");

        foreach (var victim in new[] { meeting.Facilitator, sam })
        {
            // What a page on evil.example would send: the browser attaches the victim's cookies and its own Origin.
            var refused = await Assert.ThrowsAsync<HubClient.RefusedException>(() =>
                HubClient.ConnectAsync(meeting.App, victim.CookieHeader(meeting.App), "https://evil.example"));
            Assert.Equal(HttpStatusCode.Forbidden, refused.Status);

            // The same cookies from the app's own page do watch: the refusal above is the Origin check, not a broken client.
            await using var own = await HubClient.ConnectAsync(meeting.App, victim.CookieHeader(meeting.App), $"http://127.0.0.1:{meeting.App.Port}");
            var watched = await own.WatchAsync(meeting.MeetingId, 0, "board", null);
            Assert.Null(watched.Error);
            // The shared board patch (a personal one, their own score, may come too).
            Assert.Contains(watched.Calls("Patch"), p => p.ToJsonString().Contains("Secret worry about Maya"));
        }
    }
}

public sealed class HubLimits
{
    [Fact]
    public async Task EachConnectionHasABoundedBuffer()
    {
        await using var app = TestApp.Start();
        var options = app.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .Select(e => e.Metadata.GetMetadata<HttpConnectionDispatcherOptions>())
            .First(o => o is not null)!;
        Assert.Equal(64 * 1024, options.TransportMaxBufferSize);
        Assert.Equal(64 * 1024, options.ApplicationMaxBufferSize);
    }

    [Fact]
    public async Task ARemovedParticipantsConnectionIsToldToLeaveAndClosed()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, samId) = await meeting.AdmitAsync("Sam", "Mum");
        await using var hub = await HubClient.ConnectAsync(meeting.App, sam.CookieHeader(meeting.App), null);
        Assert.Null((await hub.WatchAsync(meeting.MeetingId, 0, "board", null)).Error);

        (await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/people/{samId}/remove",
            new Dictionary<string, string> { ["commandId"] = Visitor.NewCommandId() }, fetch: true)).EnsureSuccessStatusCode();

        var after = await hub.DrainAsync(TimeSpan.FromSeconds(5));
        Assert.Contains(after, m => (string?)m["target"] == "Navigate");
        Assert.NotEqual(WebSocketState.Open, hub.State);
        await using var again = await HubClient.ConnectAsync(meeting.App, sam.CookieHeader(meeting.App), null);
        Assert.EndsWith("HubException: You cannot view this meeting.", (await again.WatchAsync(meeting.MeetingId, 0, "board", null)).Error);
    }
}
