using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests.Live;

/// <summary>
/// A phone loses its network mid-meeting (a real TCP relay between Chromium and the app is cut): the
/// circuit waits on the server, the page says it is reconnecting, and when the network is back the same
/// page carries on, with what was typed still there and what happened meanwhile shown.
/// </summary>
public sealed class NetworkDrop(BrowserFixture browsers) : BrowserTest
{
    [Fact]
    public async Task APhoneThatLosesItsNetworkComesBackToTheSamePageWithItsTypingAndTheChangesItMissed()
    {
        await using var network = TcpProxy.To(app.BaseAddress);
        await using var meeting = await MeetingScenario.StartAsync(app);
        await meeting.AddItemAsync(meeting.Facilitator, "harm", "Before the drop");

        var phone = await browsers.NewPageAsync(network.BaseAddress, 360, 740);
        await phone.GotoAsync($"/join/{meeting.JoinCode}");
        await phone.AskToJoinAsync("Sam", "Mum");
        var state = await (await app.Services.GetRequiredService<MeetingBoard.Web.Live.MeetingHosts>().FindAsync(meeting.MeetingId))!.CatchUpAsync();
        await meeting.ChairDoesAsync((a, t) => new MeetingBoard.Meetings.AdmitParticipant(state.Waiting.Single().Id, a, t));
        await Expect(phone.Locator("#cat-harm .mb-item__text")).ToHaveTextAsync("Before the drop");
        await LivePages.WaitUntilLiveAsync(phone);
        await LivePages.MarkAsync(phone);

        var field = (await AddForms.OpenAsync(phone, "harm")).Locator("#add-harm-text");
        await field.FillAsync("Dad said he");
        network.Cut();
        var banner = phone.Locator("#components-reconnect-modal");
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync("Reconnecting");

        // Typing goes on while the network is away, and the meeting goes on without the phone.
        await field.PressSequentiallyAsync(" would stop drinking before contact.");
        await meeting.AddItemAsync(meeting.Facilitator, "harm", "Added while the phone was away");

        network.Restore();
        await Expect(banner).ToBeHiddenAsync(new() { Timeout = 30_000 });
        await Expect(phone.Locator("#cat-harm .mb-item__text", new() { HasText = "Added while the phone was away" })).ToBeVisibleAsync();
        // The same page, not a reload into a new one: the mark is still there, and so is the typing.
        Assert.True(await phone.EvaluateAsync<bool>("() => window.__mbBefore === true"), "the page reloaded instead of resuming its circuit");
        await Expect(field).ToHaveValueAsync("Dad said he would stop drinking before contact.");

        await phone.GetByRole(AriaRole.Button, new() { Name = "Add to harm" }).ClickAsync();
        await Expect(phone.Locator("#cat-harm .mb-item__text", new() { HasText = "Dad said he would stop drinking before contact." })).ToBeVisibleAsync();
        await Expect(field).ToHaveValueAsync("");
        Assert.Equal(
            ["Before the drop", "Added while the phone was away", "Dad said he would stop drinking before contact."],
            await meeting.ItemTextsAsync());
    }
}
