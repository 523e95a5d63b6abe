using MeetingBoard.Web.Tests.Infrastructure;

namespace MeetingBoard.Web.Tests.Security;

/// <summary>Logs carry meeting ids and event types only: never what people typed, their names, reasons or join codes.</summary>
public sealed class WhatTheLogsHold
{
    [Fact]
    public async Task NoTypedTextNamesReasonsOrCodesAtAnyLevel()
    {
        await using var meeting = await MeetingScenario.StartAsync(title: "Zebracorn review");
        var (sam, _) = await meeting.AdmitAsync("Samwisewick", "Quokkamother");
        (await meeting.AddItemAsync(sam, "harm", "Marmalade-ladder worry")).EnsureSuccessStatusCode();
        (await meeting.AddItemAsync(sam, "harm", "")).Dispose(); // refused: its message must not carry the text either
        var roundId = MeetingBoard.Web.Live.MeetingHosts.NewId();
        await meeting.ChairDoesAsync((a, t) => new MeetingBoard.Scaling.StartRound(roundId, "Periwinkle question?", "Tenfold meaning", "Zeroth meaning", null, a, t));
        Assert.Null(await meeting.RunAsync(sam, (a, t) => new MeetingBoard.Scaling.GiveScore(roundId, 1, "4", "Kumquat reason", "Pomegranate step", a, t)));
        await meeting.App.RestartAsync();
        (await meeting.AddItemAsync(sam, "existing-strengths", "Butterscotch strength")).EnsureSuccessStatusCode();
        using var stranger = new Visitor(meeting.App);
        await stranger.GetAsync("/join");
        await stranger.PostAsync("/join", new Dictionary<string, string> { ["code"] = "WWW-WWW-WWW" });
        // A circuit refused for its origin, and a stranger's command: refused quietly.
        using var foreign = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        foreign.Headers.Add("Origin", "https://evil.example");
        await stranger.SendAsync(foreign);
        await using (var outsider = await Circuit.OpenAsync(meeting.App, Circuit.Anonymous, meeting.MeetingId))
            Assert.NotNull(await outsider.RunAsync((a, t) => new MeetingBoard.Meetings.AddItem(MeetingBoard.Web.Live.MeetingHosts.NewId(), "harm", "Walnut intrusion", a, t)));

        var logs = string.Join("\n", meeting.App.Logs.Lines);
        Assert.Contains(meeting.MeetingId, logs); // the logs are there, and name the meeting
        foreach (var secret in new[]
        {
            "Zebracorn", "Samwisewick", "Quokkamother", "Marmalade", "Walnut", "Periwinkle", "Tenfold", "Zeroth", "Butterscotch", "Kumquat", "Pomegranate",
            meeting.JoinCode, meeting.JoinCode.Replace("-", ""), "WWW-WWW-WWW", "WWWWWWWWW",
        })
            Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
        // Nothing above is the server's fault, so nothing is logged as an error: anyone could fill the logs otherwise.
        Assert.DoesNotContain(meeting.App.Logs.Lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
    }
}
