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
        await Expect(phone.Locator(".govuk-error-message")).ToContainTextAsync("This meeting is locked");

        await chair.GetByRole(AriaRole.Button, new() { Name = "Unlock meeting" }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Button, new() { Name = "Lock meeting" })).ToBeVisibleAsync();
        await phone.ReloadAsync();
        await phone.GetByLabel("Your name").FillAsync("Sam");
        await phone.GetByLabel("Your role, or how you know the family").FillAsync("Mum");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Ask to join" }).ClickAsync();
        await Expect(phone.GetByRole(AriaRole.Heading, new() { Name = "Waiting to be let in" })).ToBeVisibleAsync();
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
