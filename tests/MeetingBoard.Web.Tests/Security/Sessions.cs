using System.Net;
using MeetingBoard.Web.Features.Accounts;
using MeetingBoard.Web.Storage;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBoard.Web.Tests.Security;

public sealed class Cookies
{
    static string SetCookie(HttpResponseMessage response, string name) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(name + "=", StringComparison.Ordinal));

    static void AssertHostCookie(string header, string sameSite)
    {
        var attributes = header.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        Assert.Contains("secure", attributes);
        Assert.Contains("httponly", attributes);
        Assert.Contains("path=/", attributes);
        Assert.Contains("samesite=" + sameSite, attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("domain=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EveryCookieIsHostPrefixedSecureAndHttpOnlyEvenOnLoopbackHttp()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        using var visitor = new Visitor(meeting.App);

        var (_, _, page) = await visitor.GetAsync("/sign-in");
        AssertHostCookie(SetCookie(page, "__Host-mb_antiforgery"), "strict");

        var (email, password) = await meeting.App.AddFacilitatorAsync("Kim Lee");
        var signIn = await visitor.PostAsync("/sign-in", new Dictionary<string, string> { ["email"] = email, ["password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        AssertHostCookie(SetCookie(signIn, "__Host-mb_facilitator"), "lax");

        using var participant = new Visitor(meeting.App);
        var (_, details, _) = await participant.GetAsync($"/join/{meeting.JoinCode}");
        var join = await participant.PostAsync($"/join/{meeting.JoinCode}", new Dictionary<string, string>
        {
            ["participantId"] = details.QuerySelector("input[name=participantId]")!.GetAttribute("value")!,
            ["secret"] = details.QuerySelector("input[name=secret]")!.GetAttribute("value")!,
            ["name"] = "Sam",
            ["role"] = "Mum",
        });
        Assert.Equal(HttpStatusCode.Redirect, join.StatusCode);
        AssertHostCookie(SetCookie(join, $"__Host-mb_p_{meeting.MeetingId}"), "strict");
    }

    [Fact]
    public async Task PlainHttpCookiesOnlyWhenExplicitlyAllowed()
    {
        await using var app = TestApp.Start(new Dictionary<string, string?> { ["MeetingBoard:AllowPlainHttpCookies"] = "true" });
        using var visitor = new Visitor(app);
        var (_, _, page) = await visitor.GetAsync("/sign-in");
        var header = SetCookie(page, "mb_antiforgery");
        Assert.DoesNotContain("secure", header.ToLowerInvariant());
        Assert.Contains("httponly", header.ToLowerInvariant());
        Assert.DoesNotContain(page.Headers.GetValues("Set-Cookie"), c => c.StartsWith("__Host-", StringComparison.Ordinal));
    }
}

public sealed class Sessions
{
    static Visitor CopyOf(TestApp app, Visitor source)
    {
        var copy = new Visitor(app);
        copy.Cookies.Add(source.Cookies.GetAllCookies());
        return copy;
    }

    static async Task<bool> IsSignedInAsync(Visitor who)
    {
        var (status, _, response) = await who.GetAsync("/meetings");
        if (status == HttpStatusCode.OK) return true;
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.StartsWith("/sign-in", response.Headers.Location!.PathAndQuery);
        return false;
    }

    [Fact]
    public async Task SigningOutEndsTheSessionOnTheServerSoAStolenCookieIsUseless()
    {
        await using var app = TestApp.Start();
        var (email, password) = await app.AddFacilitatorAsync();
        using var alex = new Visitor(app);
        await alex.SignInAsync(email, password);
        using var thief = CopyOf(app, alex);
        Assert.True(await IsSignedInAsync(thief));

        await alex.GetAsync("/meetings");
        Assert.Equal(HttpStatusCode.Redirect, (await alex.PostAsync("/sign-out", new Dictionary<string, string>())).StatusCode);

        Assert.False(await IsSignedInAsync(thief));
        Assert.False(await IsSignedInAsync(alex));
    }

    [Fact]
    public async Task AFacilitatorSeesTheirOtherSessionsAndEndsThem()
    {
        await using var app = TestApp.Start();
        var (email, password) = await app.AddFacilitatorAsync();
        using var laptop = new Visitor(app);
        using var phone = new Visitor(app);
        await laptop.SignInAsync(email, password);
        await phone.SignInAsync(email, password);

        var (status, page, _) = await laptop.GetAsync("/account/sessions");
        Assert.Equal(HttpStatusCode.OK, status);
        var rows = page.QuerySelectorAll("tr[id^=session-]");
        Assert.Equal(2, rows.Length);
        Assert.Single(rows, r => r.TextContent.Contains("This browser"));
        var phoneSession = rows.Single(r => !r.TextContent.Contains("This browser")).Id!["session-".Length..];

        // Another facilitator cannot end it, even knowing its id.
        var (otherEmail, otherPassword) = await app.AddFacilitatorAsync("Jo Bloggs");
        using var other = new Visitor(app);
        await other.SignInAsync(otherEmail, otherPassword);
        await other.GetAsync("/account/sessions");
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/account/sessions/{phoneSession}/end", new Dictionary<string, string>())).StatusCode);
        Assert.True(await IsSignedInAsync(phone));

        var end = await laptop.PostAsync($"/account/sessions/{phoneSession}/end", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, end.StatusCode);
        Assert.Contains("The session has been ended", await end.Content.ReadAsStringAsync());
        Assert.False(await IsSignedInAsync(phone));
        Assert.True(await IsSignedInAsync(laptop));
        var (_, after, _) = await laptop.GetAsync("/account/sessions");
        Assert.Single(after.QuerySelectorAll("tr[id^=session-]"));
    }

    [Fact]
    public async Task SignOutEverywhereElseKeepsOnlyThisBrowser()
    {
        await using var app = TestApp.Start();
        var (email, password) = await app.AddFacilitatorAsync();
        var browsers = Enumerable.Range(0, 3).Select(_ => new Visitor(app)).ToList();
        foreach (var b in browsers) await b.SignInAsync(email, password);
        await browsers[0].GetAsync("/account/sessions");
        Assert.Equal(HttpStatusCode.OK, (await browsers[0].PostAsync("/account/sessions/end-others", new Dictionary<string, string>())).StatusCode);
        Assert.True(await IsSignedInAsync(browsers[0]));
        Assert.False(await IsSignedInAsync(browsers[1]));
        Assert.False(await IsSignedInAsync(browsers[2]));
        browsers.ForEach(b => b.Dispose());
    }

    [Fact]
    public async Task ASessionIdleForThirtyMinutesHasEndedOnTheServer()
    {
        await using var app = TestApp.Start();
        var (email, password) = await app.AddFacilitatorAsync();
        using var alex = new Visitor(app);
        await alex.SignInAsync(email, password);
        Assert.True(await IsSignedInAsync(alex));

        // The cookie would still be accepted; the server's record says the session went quiet 31 minutes ago.
        var account = await app.Services.GetRequiredService<IAccountStore>().FindByEmailAsync(email);
        var sessions = app.Services.GetRequiredService<ISessionStore>();
        var session = Assert.Single(await sessions.ListOpenAsync(account!.Id, DateTimeOffset.MinValue, DateTimeOffset.MinValue));
        await sessions.TouchAsync(session.Id, DateTimeOffset.UtcNow - FacilitatorAuthentication.IdleTimeout - TimeSpan.FromMinutes(1));

        Assert.False(await IsSignedInAsync(alex));
        Assert.NotNull((await sessions.FindAsync(session.Id))!.EndedAt);
    }
}

public sealed class SignInFailures
{
    static Task<HttpResponseMessage> TryAsync(Visitor v, string email, string password) =>
        v.PostAsync("/sign-in", new Dictionary<string, string> { ["email"] = email, ["password"] = password });

    [Fact]
    public async Task LockTheEmailAfterRepeatedFailuresEvenForTheRightPassword()
    {
        await using var app = TestApp.Start(new Dictionary<string, string?>
        {
            ["MeetingBoard:SignInFailuresBeforeLockout"] = "3",
            ["MeetingBoard:SignInBackOffAfter"] = "0",
        });
        var (email, password) = await app.AddFacilitatorAsync();
        using var attacker = new Visitor(app);
        await attacker.GetAsync("/sign-in");
        Assert.Equal(HttpStatusCode.Unauthorized, (await TryAsync(attacker, email, "wrong password one")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await TryAsync(attacker, email, "wrong password two")).StatusCode);
        var third = await TryAsync(attacker, email, "wrong password three");
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Contains("It is locked for 15 minutes", await third.Content.ReadAsStringAsync());

        using var owner = new Visitor(app);
        await owner.GetAsync("/sign-in");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TryAsync(owner, email, password)).StatusCode);

        // An email with no account locks the same way, so the answers do not tell which emails exist.
        for (var i = 0; i < 2; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await TryAsync(attacker, "nobody@example.org", "wrong password")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await TryAsync(attacker, "nobody@example.org", "wrong password")).StatusCode);

        // Other accounts are not affected.
        var (otherEmail, otherPassword) = await app.AddFacilitatorAsync("Jo Bloggs");
        Assert.Equal(HttpStatusCode.Redirect, (await TryAsync(owner, otherEmail, otherPassword)).StatusCode);
    }

    [Fact]
    public async Task BackOffAfterAFewFailures()
    {
        await using var app = TestApp.Start();
        var (email, password) = await app.AddFacilitatorAsync();
        using var visitor = new Visitor(app);
        await visitor.GetAsync("/sign-in");
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.Unauthorized, (await TryAsync(visitor, email, "not the password")).StatusCode);
        var next = await TryAsync(visitor, email, password);
        Assert.Equal(HttpStatusCode.TooManyRequests, next.StatusCode);
        Assert.Contains("Wait 1 second, then try again", await next.Content.ReadAsStringAsync());
    }
}

public sealed class PasswordRules
{
    [Theory]
    [InlineData("password1234")]
    [InlineData("Password1234!")]
    [InlineData("Sunshine2024!")]
    [InlineData("qwertyuiop123")]
    [InlineData("123456789012")]
    [InlineData("manchesterunited")]
    [InlineData("liverpool2025")]
    [InlineData("passwordpassword")]
    [InlineData("1qaz2wsx3edc4rfv")]
    [InlineData("safeguarding123")]
    public void CommonPasswordsAreRefused(string password) =>
        Assert.Equal("Password is too easy to guess. Try a few unrelated words together", Passwords.Problem(password, "kim@example.org"));

    [Theory]
    [InlineData("mossy kettle orbit lantern")]
    [InlineData("violet tractor in the rain")]
    [InlineData("Ω≈ç√∫˜µ≤≥÷ long enough")]
    public void LongUncommonPasswordsAreAccepted(string password) => Assert.Null(Passwords.Problem(password, "kim@example.org"));

    [Fact]
    public void ShortPasswordsAreRefusedForLengthNotComposition() =>
        Assert.Equal("Password must be at least 12 characters", Passwords.Problem("X7#kq!Lm2", null));

    [Fact]
    public void TheShippedListHasThousandsOfEntries() => Assert.InRange(Passwords.CommonCount, 2000, 100_000);

    [Fact]
    public async Task TheNewFacilitatorFormRefusesACommonPasswordAndStoresNothing()
    {
        await using var app = TestApp.Start();
        var (email, password) = await app.AddFacilitatorAsync();
        using var alex = new Visitor(app);
        await alex.SignInAsync(email, password);
        await alex.GetAsync("/facilitators/new");
        var response = await alex.PostAsync("/facilitators/new", new Dictionary<string, string>
        {
            ["name"] = "Jo Bloggs", ["email"] = "jo@example.org", ["password"] = "Password1234!",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Password is too easy to guess", await response.Content.ReadAsStringAsync());
        Assert.Null(await app.Services.GetRequiredService<IAccountStore>().FindByEmailAsync("jo@example.org"));
    }
}
