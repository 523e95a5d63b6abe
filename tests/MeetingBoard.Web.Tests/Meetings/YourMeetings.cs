using MeetingBoard.Meetings;
using MeetingBoard.Web.Features.Records;
using MeetingBoard.Web.Tests.Infrastructure;
using MeetingBoard.Web.Tests.Records;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests.Meetings;

/// <summary>"Your meetings" keeps its list live: a meeting closed or deleted elsewhere changes there without a reload.</summary>
[Collection(BrowserCollection.Name)]
public sealed class YourMeetings(BrowserFixture browsers) : IAsyncLifetime
{
    MeetingScenario meeting = default!;

    public async Task InitializeAsync() => meeting = await MeetingScenario.StartAsync(title: "Core group review");

    [Fact]
    public async Task The_list_follows_a_meeting_closing_and_being_deleted()
    {
        var page = await browsers.SignedInAsync(meeting.App, meeting.Account.Email, meeting.Account.Password);
        await page.GotoAsync("/meetings");
        var item = page.Locator(".mb-meeting-list li", new() { HasText = "Core group review" });
        await Expect(item.Locator(".mb-tag")).ToHaveTextAsync("Open");
        await Expect(page.Locator("#mb-meeting-list[data-mb-live]")).ToBeVisibleAsync();
        // The list is live once its circuit is up; the page itself stays a plain document with plain forms.
        await Expect(page.Locator("form[action='/meetings'][method=post]")).ToHaveCountAsync(1);

        await meeting.ClosesAsync();
        await Expect(item.Locator(".mb-tag")).ToHaveTextAsync("Closed");
        await Expect(item).ToContainTextAsync("will be deleted on");

        await meeting.App.Services.GetRequiredService<MeetingDeletion>().DeleteAsync(meeting.MeetingId);
        await Expect(item).ToHaveCountAsync(0);
        await Expect(page.Locator("#mb-meeting-list")).ToContainTextAsync("You have not started any meetings yet.");
        await Axe.AssertNoViolationsAsync(page, "Your meetings after a change");
    }

    public async Task DisposeAsync() => await meeting.DisposeAsync();
}
