using MeetingBoard.Meetings;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests.Live;

/// <summary>
/// A node that runs for months lets go of meetings nobody watches: after
/// MeetingBoard:UnloadIdleMeetingsAfterMinutes a meeting no circuit watches is unloaded, and it comes
/// back from the store, whole, when it is opened again; a meeting with a live page stays.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class UnloadingIdleMeetings(BrowserFixture browsers)
{
    [Fact]
    public async Task AMeetingNobodyWatchesIsUnloadedAndComesBackWholeWhileAWatchedOneStays()
    {
        await using var meeting = await MeetingScenario.StartAsync(TestApp.Start(new Dictionary<string, string?>
        {
            ["MeetingBoard:UnloadIdleMeetingsAfterMinutes"] = "0.02", // 1.2 s
            // The catch-up sweep reads watched meetings too; kept out of the way, only watching keeps a meeting loaded.
            ["MeetingBoard:CatchUpSeconds"] = "3600",
        }), title: "Watched meeting");
        var app = meeting.App;
        var hosts = app.Services.GetRequiredService<MeetingHosts>();
        var chair = await Circuit.FacilitatorAsync(app, meeting.Account.Email);

        // The watched meeting: a facilitator's live page, opened first, so it was used before the other.
        (await meeting.AddItemAsync(meeting.Facilitator, "harm", "Watched item")).EnsureSuccessStatusCode();
        var page = await browsers.SignedInAsync(app, meeting.Account.Email, meeting.Account.Password);
        await page.GotoAsync($"/m/{meeting.MeetingId}");
        await LivePages.WaitUntilLiveAsync(page);

        // The unwatched one: started and filled through the same command entry point, then left.
        var (quietId, _) = await meeting.Facilitator.CreateMeetingAsync("Quiet meeting");
        var texts = new[] { "First quiet item", "Second quiet item", "Third quiet item" };
        var ids = texts.Select(_ => MeetingHosts.NewId()).ToArray();
        await using (var circuit = await Circuit.OpenAsync(app, chair, quietId))
            for (var i = 0; i < texts.Length; i++)
            {
                var (id, text) = (ids[i], texts[i]);
                Assert.Null(await circuit.RunAsync((a, t) => new AddItem(id, "harm", text, a, t), commandId: id));
            }
        var before = (await hosts.FindAsync(quietId))!.State;

        await Eventually.TrueAsync(() => !hosts.IsLoaded(quietId), "the meeting nobody watches is unloaded");
        // It was used after the watched one, so the watched one has been idle at least as long: watching kept it.
        Assert.True(hosts.IsLoaded(meeting.MeetingId), "the watched meeting stays loaded");

        // Opened again, it is read back from the store with everything it had.
        var (_, board, _) = await meeting.Facilitator.GetAsync($"/m/{quietId}");
        Assert.Equal(texts, board.QuerySelectorAll("#cat-harm .mb-item__text").Select(e => e.TextContent.Trim()).ToArray());
        var after = (await hosts.FindAsync(quietId))!.State;
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Items.Select(i => (i.Id, i.Text)), after.Items.Select(i => (i.Id, i.Text)));
        Assert.True(hosts.IsLoaded(quietId));

        // A command sent again with an id already applied before the unload is still recognised as done.
        await using (var circuit = await Circuit.OpenAsync(app, chair, quietId))
            Assert.Null(await circuit.RunAsync((a, t) => new AddItem(ids[0], "harm", "First quiet item", a, t), commandId: ids[0]));
        Assert.Equal(before.Version, (await hosts.FindAsync(quietId))!.State.Version);

        // The watched page is still live and still hears changes.
        (await meeting.AddItemAsync(meeting.Facilitator, "harm", "Added after the unload")).EnsureSuccessStatusCode();
        await Expect(page.Locator("#cat-harm .mb-item__text")).ToHaveTextAsync(["Watched item", "Added after the unload"]);

        // The person leaves the page: their circuit closes, lets go of its watch and its presence, and
        // then the meeting itself is let go of.
        var feed = app.Services.GetRequiredService<MeetingFeed>();
        var presence = app.Services.GetRequiredService<Presence>();
        await page.GotoAsync("about:blank");
        await Eventually.TrueAsync(() => !feed.IsWatched(meeting.MeetingId), "the closed page's circuit stops watching");
        Assert.Empty(presence.In(meeting.MeetingId));
        await Eventually.TrueAsync(() => !hosts.IsLoaded(meeting.MeetingId), "the meeting nobody watches any more is unloaded");
    }
}
