using MeetingBoard.Practice;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests.Records;

/// <summary>The record in a real Chromium: it renders, prints without the site's frame, and saves as a PDF; deleting sends open pages away.</summary>
[Collection(BrowserCollection.Name)]
public sealed class PrintingTheRecord(BrowserFixture browsers) : IAsyncLifetime
{
    MeetingScenario meeting = default!;

    public async Task InitializeAsync()
    {
        meeting = await MeetingScenario.StartAsync(title: "Review conference");
        var (sam, samId) = await meeting.AdmitAsync("Sam", "Mother");
        await meeting.AddsItemAsync(sam, "harm", "Police were called twice <script>window.pwned=1</script>");
        // A harm entry and a next step: the record shows them as tables, which the accessibility check covers too.
        await meeting.FacilitatorDoesAsync((a, t) => new RecordHarm(MeetingHosts.NewId(), "Shouting | pushing", "A year", "Weekly",
            "January", "March", "May", "Maya hides under the bed", a, t));
        var nextYear = (DateTime.UtcNow.Year + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await meeting.FacilitatorDoesAsync((a, t) => new AddNextStep(MeetingHosts.NewId(), samId, null, "Write the safety plan", "3", "2", nextYear, a, t));
        for (var i = 1; i <= 40; i++)
            await meeting.AddsItemAsync(null, "existing-strengths", $"Strength number {i}: the children are well fed and go to school");
    }

    // The meeting belongs to the scenario's facilitator: the browser signs in with that account.
    Task<IPage> SignedInAsync() => browsers.SignedInAsync(meeting.App, meeting.Account.Email, meeting.Account.Password);

    [Fact]
    public async Task The_print_view_renders_prints_without_the_frame_and_saves_as_a_pdf()
    {
        var page = await SignedInAsync();
        await page.GotoAsync($"/m/{meeting.MeetingId}/record");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Review conference", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".mb-record")).ToContainTextAsync("Police were called twice <script>window.pwned=1</script>");
        Assert.Null(await page.EvaluateAsync<int?>("() => window.pwned ?? null"));
        await Expect(page.Locator(".mb-header")).ToBeVisibleAsync();
        await Expect(page.Locator(".mb-record-tools")).ToContainTextAsync("This is the record of the meeting so far.");
        await Expect(page.Locator(".mb-record-tools")).ToBeVisibleAsync();
        await Expect(page.Locator(".mb-record table").First).ToContainTextAsync("Shouting | pushing");
        await Expect(page.Locator(".mb-record table").Nth(1)).ToContainTextAsync("Write the safety plan");
        await Axe.AssertNoViolationsAsync(page, "the record's print view");
        // The eight columns of the harm matrix wrap rather than push the page sideways at 320px.
        await page.SetViewportSizeAsync(320, 640);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "the record scrolls sideways at 320px");
        await page.SetViewportSizeAsync(1280, 800);

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator(".mb-header")).ToBeHiddenAsync();
        await Expect(page.Locator(".mb-record-tools")).ToBeHiddenAsync();
        await Expect(page.Locator(".mb-skip-link")).ToBeHiddenAsync();
        await Expect(page.Locator(".mb-record h2").First).ToBeVisibleAsync();
        var breakAfter = await page.Locator(".mb-record h2").First.EvaluateAsync<string>("h => getComputedStyle(h).breakAfter");
        Assert.Equal("avoid", breakAfter);

        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true });
        Assert.True(pdf.Length > 1000);
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        // Forty-odd items do not fit on one page: the record paginates.
        var pages = System.Text.RegularExpressions.Regex.Matches(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]").Count;
        Assert.True(pages >= 2, $"expected several pages, got {pages}");
    }

    [Fact]
    public async Task The_family_version_prints_too()
    {
        var page = await SignedInAsync();
        await page.GotoAsync($"/m/{meeting.MeetingId}/record/family");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What we are worried about" })).ToBeVisibleAsync();
        await Expect(page.Locator(".mb-record table")).ToContainTextAsync("Write the safety plan");
        await Axe.AssertNoViolationsAsync(page, "the family version of the record");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator(".mb-record-tools")).ToBeHiddenAsync();
        var pdf = await page.PdfAsync(new() { Format = "A4" });
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
    }

    [Fact]
    public async Task The_purge_date_appears_on_the_open_meeting_page_when_the_meeting_closes()
    {
        var chair = await SignedInAsync();
        await chair.GotoAsync($"/m/{meeting.MeetingId}");
        await Expect(chair.Locator(".mb-purge-date")).ToContainTextAsync("Once closed, this meeting is kept for 30 days");
        // No reload after this: whether the page is already watching or catches up when it connects, the change arrives as a patch.

        await meeting.ClosesAsync();

        await Expect(chair.Locator(".mb-purge-date")).ToContainTextAsync("This meeting will be deleted on");
    }

    [Fact]
    public async Task Open_pages_of_a_deleted_meeting_are_sent_to_a_page_that_says_so()
    {
        var chair = await SignedInAsync();
        await chair.GotoAsync($"/m/{meeting.MeetingId}");
        await Expect(chair.Locator("[data-mb-page=board]")).ToBeVisibleAsync();

        // Delete from another tab of the same facilitator, through the confirmation page.
        var other = await chair.Context.NewPageAsync();
        await other.GotoAsync($"/m/{meeting.MeetingId}");
        await other.GetByRole(AriaRole.Link, new() { Name = "Delete this meeting now" }).ClickAsync();
        await Expect(other.GetByRole(AriaRole.Heading, new() { Name = "Are you sure you want to delete this meeting?" })).ToBeVisibleAsync();
        await other.GetByRole(AriaRole.Button, new() { Name = "Delete meeting" }).ClickAsync();
        await Expect(other.GetByRole(AriaRole.Heading, new() { Name = "Your meetings" })).ToBeVisibleAsync();

        await Expect(chair.GetByRole(AriaRole.Heading, new() { Name = "This meeting was deleted" })).ToBeVisibleAsync();
        await Expect(chair.Locator(".mb-item")).ToHaveCountAsync(0);
    }

    public async Task DisposeAsync() => await meeting.DisposeAsync();
}
