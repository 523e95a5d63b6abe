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
            (meeting.Facilitator, "/meetings"), (meeting.Facilitator, "/account/sessions"), (meeting.Facilitator, $"/m/{meeting.MeetingId}/record"),
            (meeting.Facilitator, $"/m/{meeting.MeetingId}/audit"), (anonymous, "/_framework/blazor.web.js"), (anonymous, "/css/pages.css"),
        })
        {
            var (_, page, response) = await who.GetAsync(path);
            var csp = response.Headers.GetValues("Content-Security-Policy").Single();
            var directives = csp.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .ToDictionary(d => d.Split(' ')[0], d => d[(d.IndexOf(' ') + 1)..]);
            Assert.Equal("'self'", directives["script-src"]);
            Assert.Equal("'none'", directives["frame-ancestors"]);
            // MudBlazor sets inline styles (DESIGN.md §4): the one exception, and only for styles.
            Assert.Equal("'self' 'unsafe-inline'", directives["style-src"]);
            Assert.DoesNotContain("unsafe", string.Join(";", directives.Where(d => d.Key != "style-src").Select(d => d.Value)));
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.False(response.Headers.Contains("Strict-Transport-Security"), "HSTS only on HTTPS");
            if (path.EndsWith(".js", StringComparison.Ordinal) || path.EndsWith(".css", StringComparison.Ordinal)) continue;
            Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), $"inline script on {path}"));
            Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        }
    }
}
