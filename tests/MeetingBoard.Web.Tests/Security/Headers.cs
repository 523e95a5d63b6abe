using MeetingBoard.Web.Tests.Infrastructure;

namespace MeetingBoard.Web.Tests.Security;

public sealed class Headers
{
    [Fact]
    public async Task EveryPageHasTheSecurityHeadersAndNoInlineScript()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        var (_, board, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var screenPath = new Uri(board.QuerySelector("a[href*='/screen/']")!.GetAttribute("href")!).AbsolutePath;
        using var anonymous = new Visitor(meeting.App);

        foreach (var (who, path) in new[]
        {
            (anonymous, "/join"), (anonymous, "/sign-in"), (anonymous, $"/join/{meeting.JoinCode}"), (anonymous, $"/m/{meeting.MeetingId}"),
            (anonymous, screenPath), (sam, $"/m/{meeting.MeetingId}"), (meeting.Facilitator, $"/m/{meeting.MeetingId}"),
            (meeting.Facilitator, "/meetings"), (meeting.Facilitator, "/account/sessions"), (anonymous, "/js/app.js"),
        })
        {
            var (_, page, response) = await who.GetAsync(path);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            Assert.Contains("script-src 'self'", csp);
            Assert.Contains("frame-ancestors 'none'", csp);
            Assert.DoesNotContain("unsafe-inline", csp);
            Assert.DoesNotContain("unsafe-eval", csp);
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS only on HTTPS");
            if (path.EndsWith(".js", StringComparison.Ordinal)) continue;
            Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), $"inline script on {path}"));
            Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        }
    }
}
