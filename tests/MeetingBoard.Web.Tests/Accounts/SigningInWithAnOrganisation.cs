using System.Net;
using MeetingBoard.Web.Storage;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests.Accounts;

/// <summary>
/// Facilitators sign in with their organisation's account, through a real OpenID provider (OpenIddict's
/// server, <see cref="TestProvider"/>) and real Chromium. Two providers side by side: the council lets in
/// its email domain, the NHS partner one group; local accounts stay on unless a test turns them off.
/// </summary>
public sealed class SigningInWithAnOrganisation(BrowserFixture browsers) : BrowserTest
{
    static readonly TestProvider.User Sam = new("sam", "subject-sam-0001", "Sam Okafor", "sam.okafor@northshire.gov.uk", []);
    static readonly TestProvider.User Outsider = new("kim", "subject-kim-0002", "Kim Lee", "kim.lee@gmail.example", []);
    static readonly TestProvider.User Nurse = new("ria", "subject-ria-0003", "Ria Shah", "ria.shah@nhs.example", ["safeguarding-facilitators"]);
    static readonly TestProvider.User Porter = new("tom", "subject-tom-0004", "Tom Hart", "tom.hart@nhs.example", ["estates"]);

    TestProvider provider = default!;

    public override Task InitializeAsync() => StartAsync(new Dictionary<string, string?>());

    async Task StartAsync(Dictionary<string, string?> extra)
    {
        provider ??= await TestProvider.StartAsync(Sam, Outsider, Nurse, Porter);
        var settings = new Dictionary<string, string?>
        {
            ["MeetingBoard:SignIn:AccessContact"] = "the MeetingBoard team at Northshire (meetingboard@northshire.gov.uk)",
            ["MeetingBoard:SignIn:Providers:council:DisplayName"] = "Northshire Council",
            ["MeetingBoard:SignIn:Providers:council:AllowedEmailDomains:0"] = "northshire.gov.uk",
            ["MeetingBoard:SignIn:Providers:nhs:DisplayName"] = "Northshire NHS Trust",
            ["MeetingBoard:SignIn:Providers:nhs:AllowedGroups:0"] = "safeguarding-facilitators",
        };
        foreach (var name in new[] { "council", "nhs" })
        {
            settings[$"MeetingBoard:SignIn:Providers:{name}:Authority"] = provider.Authority.ToString();
            settings[$"MeetingBoard:SignIn:Providers:{name}:ClientId"] = TestProvider.ClientId;
            settings[$"MeetingBoard:SignIn:Providers:{name}:ClientSecret"] = TestProvider.ClientSecret;
            settings[$"MeetingBoard:SignIn:Providers:{name}:RequireHttpsMetadata"] = "false";
        }
        foreach (var (key, value) in extra) settings[key] = value;
        if (app is not null) await app.DisposeAsync();
        app = TestApp.Start(settings);
        provider.AppAddress = app.BaseAddress;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await provider.DisposeAsync();
    }

    /// <summary>From MeetingBoard's sign-in page, through the provider's own login page, and back.</summary>
    async Task<IPage> SignInWithAsync(string button, TestProvider.User user, IPage? page = null)
    {
        page ??= await browsers.NewPageAsync(app);
        await page.GotoAsync("/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = $"Sign in with {button}" }).ClickAsync();
        await page.GetByLabel("Username").FillAsync(user.Username);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        return page;
    }

    async Task<FacilitatorAccount?> AccountOfAsync(string provider, TestProvider.User user) =>
        await app.Services.GetRequiredService<IAccountStore>().FindByLoginAsync(provider, user.Subject);

    static async Task<bool> SignedInAsync(IPage page) =>
        (await page.Context.CookiesAsync()).Any(c => c.Name == "__Host-mb_facilitator");

    /// <summary>No sideways scrolling and no axe violation, on a small phone and on a laptop.</summary>
    static async Task CheckAsync(IPage page, string state)
    {
        foreach (var width in new[] { 320, 1280 })
        {
            await page.SetViewportSizeAsync(width, 900);
            var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            Assert.True(scrollWidth <= width, $"{state} at {width}px is {scrollWidth}px wide");
            await Axe.AssertNoViolationsAsync(page, $"{state} at {width}px");
            if (Environment.GetEnvironmentVariable("MEETINGBOARD_SCREENSHOTS") is { Length: > 0 } shots)
            {
                Directory.CreateDirectory(shots);
                var name = new string([.. state.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')]);
                await page.ScreenshotAsync(new() { Path = Path.Combine(shots, $"sign-in-{name}-{width}.png"), FullPage = true });
            }
        }
        await page.SetViewportSizeAsync(1280, 900);
    }

    [Fact]
    public async Task SignsInThroughTheProviderAndLandsOnYourMeetings()
    {
        var page = await browsers.NewPageAsync(app);
        await page.GotoAsync("/sign-in");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Northshire Council" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Northshire NHS Trust" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Password")).ToBeVisibleAsync();
        await CheckAsync(page, "the sign-in page with two providers and passwords");

        await SignInWithAsync("Northshire Council", Sam, page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your meetings" })).ToBeVisibleAsync();
        Assert.StartsWith(app.BaseAddress.ToString(), page.Url);
        await Expect(page.Locator(".mb-header__user")).ToHaveTextAsync("Sam Okafor");

        // Linked by the provider's subject; no password; the session is an ordinary one, listed with the others.
        var account = await AccountOfAsync("council", Sam);
        Assert.NotNull(account);
        Assert.Equal(Sam.Email, account.Email);
        Assert.Equal("", account.PasswordHash);
        await page.GotoAsync("/account/sessions");
        await Expect(page.GetByText("This browser")).ToBeVisibleAsync();
        var sessions = await app.Services.GetRequiredService<ISessionStore>().ListOpenAsync(account.Id, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(-1));
        var session = Assert.Single(sessions);
        Assert.Equal("council", (await app.Services.GetRequiredService<ISessionStore>().FindProviderAsync(session.Id))?.Provider);
    }

    [Fact]
    public async Task ReturnsToThePageThatAskedForSignIn()
    {
        var page = await browsers.NewPageAsync(app);
        await page.GotoAsync("/account/sessions");
        Assert.Contains("/sign-in?returnUrl=", page.Url);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Northshire Council" }).ClickAsync();
        await page.GetByLabel("Username").FillAsync(Sam.Username);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Where you are signed in" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task RefusesSomeoneOutsideTheAllowedDomainAndStoresNothing()
    {
        var page = await SignInWithAsync("Northshire Council", Outsider);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You do not have access to MeetingBoard" })).ToBeVisibleAsync();
        await Expect(page.GetByText("ask the MeetingBoard team at Northshire (meetingboard@northshire.gov.uk)")).ToBeVisibleAsync();
        await CheckAsync(page, "no access");
        Assert.Null(await AccountOfAsync("council", Outsider));
        Assert.False(await SignedInAsync(page));
        await page.GotoAsync("/meetings");
        Assert.Contains("/sign-in", page.Url);
    }

    [Fact]
    public async Task LetsInTheAllowedGroupOfTheSecondProviderAndNobodyElseFromIt()
    {
        var porter = await SignInWithAsync("Northshire NHS Trust", Porter);
        await Expect(porter.GetByRole(AriaRole.Heading, new() { Name = "You do not have access to MeetingBoard" })).ToBeVisibleAsync();
        Assert.Null(await AccountOfAsync("nhs", Porter));
        Assert.False(await SignedInAsync(porter));

        var nurse = await SignInWithAsync("Northshire NHS Trust", Nurse);
        await Expect(nurse.GetByRole(AriaRole.Heading, new() { Name = "Your meetings" })).ToBeVisibleAsync();
        Assert.NotNull(await AccountOfAsync("nhs", Nurse));
    }

    [Fact]
    public async Task TheAccountFollowsTheSubjectNotTheEmail()
    {
        var page = await SignInWithAsync("Northshire Council", Sam);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your meetings" })).ToBeVisibleAsync();
        var first = (await AccountOfAsync("council", Sam))!;
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You have signed out of MeetingBoard" })).ToBeVisibleAsync();

        // Sam marries and changes name and address: the same account, brought up to date.
        // Still signed in at the provider, so no login page this time.
        provider.Change(Sam with { Name = "Sam Adeyemi", Email = "sam.adeyemi@northshire.gov.uk" });
        await page.GotoAsync("/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Northshire Council" }).ClickAsync();
        await Expect(page.Locator(".mb-header__user")).ToHaveTextAsync("Sam Adeyemi");
        var second = (await AccountOfAsync("council", Sam))!;
        Assert.Equal(first.Id, second.Id);
        Assert.Equal("sam.adeyemi@northshire.gov.uk", second.Email);
    }

    [Fact]
    public async Task SignsOutAtBothEnds()
    {
        var page = await SignInWithAsync("Northshire Council", Sam);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your meetings" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You have signed out of MeetingBoard" })).ToBeVisibleAsync();
        Assert.False(await SignedInAsync(page));
        await CheckAsync(page, "signed out, offered the provider too");

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign out of Northshire Council too" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You have signed out" })).ToBeVisibleAsync();
        await Expect(page.GetByText("You have signed out of MeetingBoard and of Northshire Council.")).ToBeVisibleAsync();
        Assert.Equal(1, provider.EndSessionRequests);
        await CheckAsync(page, "signed out at both ends");

        // Signed out at the provider too: the next sign-in asks who you are again.
        await page.GotoAsync("/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Northshire Council" }).ClickAsync();
        await Expect(page.GetByLabel("Username")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SigningOutOnlyHereLeavesTheProviderSignedIn()
    {
        var page = await SignInWithAsync("Northshire Council", Sam);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your meetings" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You have signed out of MeetingBoard" })).ToBeVisibleAsync();
        await page.GotoAsync("/meetings");
        Assert.Contains("/sign-in", page.Url);
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Northshire Council" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your meetings" })).ToBeVisibleAsync();
        Assert.Equal(0, provider.EndSessionRequests);
    }

    [Theory]
    [InlineData(TestProvider.Fault.WrongSignature)]
    [InlineData(TestProvider.Fault.WrongIssuer)]
    [InlineData(TestProvider.Fault.WrongAudience)]
    [InlineData(TestProvider.Fault.WrongNonce)]
    [InlineData(TestProvider.Fault.WrongState)]
    public async Task RefusesAnAnswerItCannotTrust(TestProvider.Fault fault)
    {
        provider.Misbehave = fault;
        var page = await SignInWithAsync("Northshire Council", Sam);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "We could not sign you in" })).ToBeVisibleAsync();
        await Expect(page.GetByText("MeetingBoard could not check the answer from Northshire Council, so you have not been signed in.")).ToBeVisibleAsync();
        await CheckAsync(page, $"sign-in refused ({fault})");
        Assert.Null(await AccountOfAsync("council", Sam));
        Assert.False(await SignedInAsync(page));
        // Refused for the reason the provider was made to give, not by accident.
        var marker = fault switch
        {
            TestProvider.Fault.WrongSignature => "IDX10511", // signature validation failed
            TestProvider.Fault.WrongIssuer => "IDX10205",
            TestProvider.Fault.WrongAudience => "IDX10214",
            TestProvider.Fault.WrongNonce => "IDX2132", // no cookie holds that nonce (21323), or it differs (21321)
            _ => "Unable to unprotect the message.State",
        };
        Assert.Contains(app.Logs.Lines, l => l.Contains("Sign-in with provider council was refused", StringComparison.Ordinal) && l.Contains(marker, StringComparison.Ordinal));

        // The provider mends its ways: the same person signs in.
        provider.Misbehave = TestProvider.Fault.None;
        await page.GetByRole(AriaRole.Link, new() { Name = "Back to sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Northshire Council" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your meetings" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ADisabledAccountLosesItsLivePageAtTheNextRevalidation()
    {
        await StartAsync(new()
        {
            ["MeetingBoard:SessionRevalidationSeconds"] = "1",
            ["MeetingBoard:SignIn:Providers:council:AccountCheckMinutes"] = "0",
        });
        var page = await SignInWithAsync("Northshire Council", Sam);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create a demo meeting" }).ClickAsync();
        await Expect(page.Locator("[data-mb-circuit=live]")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You have been signed out" })).Not.ToBeVisibleAsync();

        provider.Disable(Sam.Username);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "You have been signed out" })).ToBeVisibleAsync();
        var account = (await AccountOfAsync("council", Sam))!;
        Assert.Empty(await app.Services.GetRequiredService<ISessionStore>().ListOpenAsync(account.Id, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddHours(-1)));
        await page.GotoAsync("/meetings");
        Assert.Contains("/sign-in", page.Url);
    }

    [Fact]
    public async Task WithLocalAccountsOffOnlyTheProvidersRemain()
    {
        await StartAsync(new() { ["MeetingBoard:SignIn:LocalAccounts"] = "false" });
        Assert.Null(app.Services.GetRequiredService<MeetingBoard.Web.Features.Accounts.SetupLink>().Token);
        var (email, password) = await app.AddFacilitatorAsync();

        var page = await browsers.NewPageAsync(app);
        await page.GotoAsync("/sign-in");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Northshire Council" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Password")).Not.ToBeVisibleAsync();
        await CheckAsync(page, "the sign-in page with providers only");

        using var visitor = new Visitor(app);
        await visitor.GetAsync("/sign-in");
        var refused = await visitor.PostAsync("/sign-in", new Dictionary<string, string> { ["email"] = email, ["password"] = password });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("Signing in with a MeetingBoard password is switched off here", await refused.Content.ReadAsStringAsync());

        await SignInWithAsync("Northshire Council", Sam, page);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your meetings" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Add another facilitator" })).Not.ToBeVisibleAsync();
    }

    [Theory]
    [InlineData("/sign-in/nobody", HttpStatusCode.NotFound, "There is no such way to sign in")]
    [InlineData("/sign-in/Council%20One/no-access", HttpStatusCode.NotFound, "There is no such way to sign in")]
    [InlineData("/sign-out/council/at-provider?s=not-a-link", HttpStatusCode.BadRequest, "This sign-out link has expired")]
    [InlineData("/sign-out/council/at-provider", HttpStatusCode.BadRequest, "This sign-out link has expired")]
    [InlineData("/sign-in/council/callback?code=made-up&state=made-up", HttpStatusCode.Redirect, null)]
    public async Task BadAddressesGetAPlainAnswer(string path, HttpStatusCode status, string? says)
    {
        using var visitor = new Visitor(app);
        var (got, page, response) = await visitor.GetAsync(path);
        Assert.Equal(status, got);
        if (says is not null) Assert.Contains(says, page.Body!.TextContent);
        else Assert.Equal("/sign-in/council/failed", response.Headers.Location?.OriginalString);
        Assert.DoesNotContain(visitor.Cookies.GetAllCookies(), c => c.Name.Contains("mb_facilitator", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AProviderThatCannotBeReachedIsSaidPlainly()
    {
        await provider.DisposeAsync();
        var page = await browsers.NewPageAsync(app);
        await page.GotoAsync("/sign-in");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Northshire Council" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "We could not sign you in" })).ToBeVisibleAsync();
        await Expect(page.GetByText("MeetingBoard could not reach Northshire Council. Try again in a few minutes.")).ToBeVisibleAsync();
        await CheckAsync(page, "provider unreachable");
        provider = await TestProvider.StartAsync(); // DisposeAsync stops one
    }
}
