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
        (await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/rounds", new Dictionary<string, string>
        {
            ["commandId"] = Visitor.NewCommandId(),
            ["question"] = "Periwinkle question?", ["tenMeans"] = "Tenfold meaning", ["zeroMeans"] = "Zeroth meaning",
        }, fetch: true)).EnsureSuccessStatusCode();
        var (_, page, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        var scoreForm = page.QuerySelector("form[action$='/score']")!;
        (await sam.PostAsync(scoreForm.GetAttribute("action")!, new Dictionary<string, string>
        {
            ["commandId"] = Visitor.NewCommandId(),
            ["attempt"] = scoreForm.QuerySelector("input[name=attempt]")?.GetAttribute("value") ?? "1",
            ["score"] = "4", ["reason"] = "Kumquat reason", ["oneHigher"] = "Pomegranate step",
        }, fetch: true)).EnsureSuccessStatusCode();
        await meeting.App.RestartAsync();
        (await meeting.AddItemAsync(sam, "existing-strengths", "Butterscotch strength")).EnsureSuccessStatusCode();
        using var stranger = new Visitor(meeting.App);
        await stranger.GetAsync("/join");
        await stranger.PostAsync("/join", new Dictionary<string, string> { ["code"] = "WWW-WWW-WWW" });

        var logs = string.Join("\n", meeting.App.Logs.Lines);
        Assert.Contains(meeting.MeetingId, logs); // the logs are there, and name the meeting
        foreach (var secret in new[]
        {
            "Zebracorn", "Samwisewick", "Quokkamother", "Marmalade", "Periwinkle", "Tenfold", "Zeroth", "Butterscotch", "Kumquat", "Pomegranate",
            meeting.JoinCode, meeting.JoinCode.Replace("-", ""), "WWW-WWW-WWW", "WWWWWWWWW",
        })
            Assert.DoesNotContain(secret, logs, StringComparison.OrdinalIgnoreCase);
    }
}
