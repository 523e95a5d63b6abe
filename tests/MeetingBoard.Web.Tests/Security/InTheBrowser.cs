using Microsoft.Extensions.DependencyInjection;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests.Security;

/// <summary>The security controls as people meet them, in real Chromium on plain http://127.0.0.1.</summary>
public sealed class InTheBrowser(BrowserFixture browsers) : BrowserTest
{
    static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your meetings" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ChromiumKeepsHostCookiesOnLoopbackHttpAndTheFacilitatorLocksTheMeetingLive()
    {
        var (email, password) = await app.AddFacilitatorAsync();
        var chair = await browsers.NewPageAsync(app);
        await SignInAsync(chair, email, password);
        var cookies = await chair.Context.CookiesAsync();
        Assert.Contains(cookies, c => c is { Name: "__Host-mb_facilitator", Secure: true, HttpOnly: true, Path: "/" });
        Assert.Contains(cookies, c => c is { Name: "__Host-mb_antiforgery", Secure: true, HttpOnly: true });

        await chair.GetByLabel("Family network meeting").CheckAsync();
        await chair.GetByLabel("Title").FillAsync("Network meeting");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start meeting" }).ClickAsync();
        var joinLink = await chair.Locator("a[href*='/join/']").GetAttributeAsync("href");

        // Locking is a live change: the panel updates without a reload.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Lock meeting" }).ClickAsync();
        await Expect(chair.Locator("#mb-lock-state")).ToContainTextAsync("Nobody new can ask to join");
        var phone = await browsers.NewPageAsync(app, 360, 740);
        await phone.GotoAsync(joinLink!);
        await Expect(phone.GetByRole(AriaRole.Alert)).ToContainTextAsync("This meeting is locked");

        await chair.GetByRole(AriaRole.Button, new() { Name = "Unlock meeting" }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Button, new() { Name = "Lock meeting" })).ToBeVisibleAsync();
        await phone.ReloadAsync();
        await phone.AskToJoinAsync("Sam", "Mum");
        Assert.Contains(await phone.Context.CookiesAsync(), c => c.Name.StartsWith("__Host-mb_p_", StringComparison.Ordinal) && c.Secure && c.HttpOnly);
    }

    [Fact]
    public async Task AFacilitatorEndsTheirSessionOnAnotherDevice()
    {
        var (email, password) = await app.AddFacilitatorAsync();
        var laptop = await browsers.NewPageAsync(app);
        var phone = await browsers.NewPageAsync(app, 360, 740);
        await SignInAsync(laptop, email, password);
        await SignInAsync(phone, email, password);

        await laptop.GetByRole(AriaRole.Link, new() { Name = "Where you are signed in" }).ClickAsync();
        await Expect(laptop.Locator("tr[id^=session-]")).ToHaveCountAsync(2);
        await Expect(laptop.GetByText("This browser")).ToBeVisibleAsync();
        await laptop.GetByRole(AriaRole.Button, new() { Name = "End" }).ClickAsync();
        await Expect(laptop.GetByText("The session has been ended")).ToBeVisibleAsync();
        await Expect(laptop.Locator("tr[id^=session-]")).ToHaveCountAsync(1);

        await phone.GotoAsync("/meetings");
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Sign in as a facilitator" })).ToBeVisibleAsync();
    }
}

/// <summary>The circuits' own defences: where a live connection may come from, and what a removed or signed-out person keeps.</summary>
public sealed class TheCircuits(BrowserFixture browsers) : BrowserTest
{
    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://127.0.0.1.evil.example")]
    [InlineData("null")]
    public async Task ALiveConnectionFromAnotherSiteIsRefused(string origin)
    {
        using var visitor = new Visitor(app);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        request.Headers.Add("Origin", origin);
        var response = await visitor.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);

        using var own = new HttpRequestMessage(HttpMethod.Post, "/_blazor/negotiate?negotiateVersion=1");
        own.Headers.Add("Origin", app.BaseAddress.GetLeftPart(UriPartial.Authority));
        Assert.Equal(System.Net.HttpStatusCode.OK, (await visitor.SendAsync(own)).StatusCode);
    }

    [Fact]
    public async Task ARemovedParticipantsPageSaysSoAtOnceAndGetsNothingMore()
    {
        await using var meeting = await MeetingScenario.StartAsync(app);
        await meeting.AddItemAsync(meeting.Facilitator, "harm", "Before the removal");
        var phone = await browsers.NewPageAsync(app, 360, 740);
        await phone.GotoAsync($"/join/{meeting.JoinCode}");
        await phone.AskToJoinAsync("Sam", "Mum");
        var state = await (await app.Services.GetRequiredService<MeetingBoard.Web.Live.MeetingHosts>().FindAsync(meeting.MeetingId))!.CatchUpAsync();
        var samId = state.Waiting.Single().Id;
        await meeting.ChairDoesAsync((a, t) => new MeetingBoard.Meetings.AdmitParticipant(samId, a, t));
        await Expect(phone.Locator("#cat-harm .mb-item__text")).ToHaveTextAsync("Before the removal");

        var frames = new List<string>();
        phone.WebSocket += (_, ws) => ws.FrameReceived += (_, f) => { lock (frames) frames.Add(f.Text ?? System.Text.Encoding.UTF8.GetString(f.Binary ?? [])); };
        await meeting.ChairDoesAsync((a, t) => new MeetingBoard.Meetings.RemoveParticipant(samId, a, t));
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "You have been removed from this meeting" })).ToBeVisibleAsync(new() { Timeout = 5_000 });
        await Expect(phone.Locator("#mb-board")).ToHaveCountAsync(0);

        await meeting.AddItemAsync(meeting.Facilitator, "harm", "Said after the removal");
        // The facilitator's page has it; the removed person's circuit is no longer fed the meeting.
        var chair = await browsers.SignedInAsync(app, meeting.Account.Email, meeting.Account.Password);
        await chair.GotoAsync($"/m/{meeting.MeetingId}");
        await Expect(chair.Locator(".mb-item__text", new() { HasText = "Said after the removal" })).ToBeVisibleAsync();
        lock (frames) Assert.DoesNotContain(frames, f => f.Contains("Said after the removal", StringComparison.Ordinal));
        await Expect(phone.Locator(".mb-item__text")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task AnEndedSessionTakesTheMeetingOffTheFacilitatorsOpenPage()
    {
        await using var meeting = await MeetingScenario.StartAsync(app);
        var laptop = await browsers.SignedInAsync(app, meeting.Account.Email, meeting.Account.Password);
        await laptop.GotoAsync($"/m/{meeting.MeetingId}");
        await LivePages.WaitUntilLiveAsync(laptop);

        // Signed out from another browser: "Sign out everywhere else" ends the laptop's session.
        var phone = await browsers.SignedInAsync(app, meeting.Account.Email, meeting.Account.Password, 360, 740);
        await phone.GotoAsync("/account/sessions");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere else" }).ClickAsync();

        await Expect(laptop.GetByRole(AriaRole.Heading, new() { Name = "You have been signed out" })).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await Expect(laptop.Locator("#mb-people")).ToHaveCountAsync(0);
        await Expect(laptop.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToHaveAttributeAsync("href", $"/sign-in?returnUrl=%2Fm%2F{meeting.MeetingId}");
    }
}
