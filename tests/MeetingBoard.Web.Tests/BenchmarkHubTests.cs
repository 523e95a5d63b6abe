using System.Net;
using MeetingBoard.Web.Tests.Infrastructure;

namespace MeetingBoard.Web.Tests;

/// <summary>The benchmark-only hub lets anyone broadcast to everyone connected, so it exists only when a benchmark asks.</summary>
public sealed class BenchmarkHub
{
    [Fact]
    public async Task IsNotMappedByDefault()
    {
        await using var app = TestApp.Start();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        var negotiate = await http.PostAsync("/hubs/bench/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.NotFound, negotiate.StatusCode);
        // The real hub is there, so the 404 is about the bench hub, not about hubs in general.
        var meeting = await http.PostAsync("/hubs/meeting/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.OK, meeting.StatusCode);
        // Nor does any answer say when the server sent it.
        Assert.False(meeting.Headers.Contains(MeetingBoard.Web.Live.BenchClock.Header));
    }

    [Fact]
    public async Task IsMappedWhenTheSettingEnablesIt()
    {
        await using var app = TestApp.Start(new Dictionary<string, string?> { ["MeetingBoard:Benchmarks:Enabled"] = "true" });
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        var negotiate = await http.PostAsync("/hubs/bench/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        Assert.Contains("connectionToken", await negotiate.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task StampsEachAnswerOnTheMonotonicClockWhenEnabled()
    {
        await using var app = TestApp.Start(new Dictionary<string, string?> { ["MeetingBoard:Benchmarks:Enabled"] = "true" });
        using var http = new HttpClient { BaseAddress = app.BaseAddress };

        var before = MeetingBoard.Web.Live.BenchClock.Milliseconds;
        var answer = await http.GetAsync("/healthz");
        var after = MeetingBoard.Web.Live.BenchClock.Milliseconds;

        var stamp = double.Parse(Assert.Single(answer.Headers.GetValues(MeetingBoard.Web.Live.BenchClock.Header)), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(stamp, before, after);
    }
}
