using System.Net;
using System.Security.Claims;
using MeetingBoard.Meetings;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Storage;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace MeetingBoard.Web.Tests.Infrastructure;

/// <summary>
/// The command entry point a circuit uses (<see cref="MeetingSession.RunAsync"/>), opened in the real
/// app for one person, proved the way a browser proves it: the user a circuit is given (the facilitator's
/// sign-in claims, or the participant cookie of a <see cref="Visitor"/>). No browser: for the access
/// matrix, the bad-input corpus and the command tests, which need hundreds of commands quickly.
/// </summary>
public sealed class Circuit : IAsyncDisposable
{
    readonly AsyncServiceScope scope;
    public MeetingSession Session { get; }

    Circuit(AsyncServiceScope scope, MeetingSession session)
    {
        this.scope = scope;
        Session = session;
    }

    public static async Task<Circuit> OpenAsync(TestApp app, ClaimsPrincipal user, string meetingId, string? screenKey = null)
    {
        var scope = app.Services.CreateAsyncScope();
        var auth = scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        ((IHostEnvironmentAuthenticationStateProvider)auth).SetAuthenticationState(Task.FromResult(new AuthenticationState(user)));
        var session = scope.ServiceProvider.GetRequiredService<MeetingSession>();
        await session.OpenAsync(meetingId, screenKey, live: false, onPage: work => work());
        return new Circuit(scope, session);
    }

    public Task<Refusal?> RunAsync(Func<Actor, DateTimeOffset, MeetingCommand> command, string? commandId = null) => Session.RunAsync(command, commandId);

    public async ValueTask DisposeAsync() => await scope.DisposeAsync();

    /// <summary>A signed-in facilitator, as the sign-in cookie would prove them (found by the email they signed in with).</summary>
    public static async Task<ClaimsPrincipal> FacilitatorAsync(TestApp app, string email)
    {
        var account = await app.Services.GetRequiredService<IAccountStore>().FindByEmailAsync(email)
            ?? throw new InvalidOperationException($"No facilitator account for {email}");
        return new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.NameIdentifier, account.Id), new Claim(ClaimTypes.Name, account.Name)], Viewers.FacilitatorScheme));
    }

    /// <summary>Whoever a visitor's participant cookies prove them to be (nobody, if they have none).</summary>
    public static ClaimsPrincipal ParticipantOf(TestApp app, Visitor visitor)
    {
        var claims = visitor.Cookies.GetCookies(BrowserCookies.AsSecure(app.BaseAddress)).Cast<System.Net.Cookie>()
            .Where(c => c.Name.Contains("mb_p_", StringComparison.Ordinal))
            .Select(c => new Claim(Viewers.ParticipantClaim, $"{c.Name[(c.Name.IndexOf("mb_p_", StringComparison.Ordinal) + 5)..]} {c.Value}"))
            .ToList();
        var principal = new ClaimsPrincipal(new ClaimsIdentity());
        if (claims.Count > 0) principal.AddIdentity(new ClaimsIdentity(claims));
        return principal;
    }

    public static ClaimsPrincipal Anonymous => new(new ClaimsIdentity());

    /// <summary>Whoever a browser page's participant cookies prove it to be.</summary>
    public static async Task<ClaimsPrincipal> ParticipantOfAsync(IPage page)
    {
        var claims = (await page.Context.CookiesAsync())
            .Where(c => c.Name.Contains("mb_p_", StringComparison.Ordinal))
            .Select(c => new Claim(Viewers.ParticipantClaim, $"{c.Name[(c.Name.IndexOf("mb_p_", StringComparison.Ordinal) + 5)..]} {c.Value}"))
            .ToList();
        var principal = new ClaimsPrincipal(new ClaimsIdentity());
        if (claims.Count > 0) principal.AddIdentity(new ClaimsIdentity(claims));
        return principal;
    }
}

/// <summary>MudBlazor's confirmation dialogs, as a person answers them.</summary>
public static class Dialogs
{
    /// <summary>Presses the dialog's button that goes ahead (its name, e.g. "Remove").</summary>
    public static Task ConfirmAsync(IPage page, string yes) =>
        page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = yes, Exact = true }).ClickAsync();
}

/// <summary>Telling when a page is live in its circuit, and when it has reloaded itself.</summary>
public static class LivePages
{
    /// <summary>Marks the page as it is now, so <see cref="WaitForReloadAsync"/> can tell a new page from it.</summary>
    public static Task MarkAsync(IPage page) => page.EvaluateAsync("() => { window.__mbBefore = true; }");

    /// <summary>Waits until the page has reloaded by itself (the mark is gone) and its new circuit is live.</summary>
    public static async Task WaitForReloadAsync(IPage page)
    {
        await page.WaitForFunctionAsync("() => window.__mbBefore === undefined", null, new() { Timeout = 30_000 });
        await WaitUntilLiveAsync(page);
    }

    public static Task WaitUntilLiveAsync(IPage page) =>
        Assertions.Expect(page.Locator("[data-mb-circuit=live]")).ToHaveCountAsync(1);
}

/// <summary>A category's add form as a person reaches it: a participant's folds until asked for; a facilitator's is always open.</summary>
public static class AddForms
{
    /// <summary>Unfolds a participant's add form for the category (a facilitator's is left as it is) and returns what holds it.</summary>
    public static async Task<ILocator> OpenAsync(IPage page, string category)
    {
        var add = page.Locator($"#add-{category}");
        if (await add.EvaluateAsync<bool>("e => e.tagName === 'DETAILS' && !e.open"))
            await add.Locator("summary").ClickAsync();
        await Assertions.Expect(add.Locator("textarea")).ToBeVisibleAsync();
        return add;
    }
}
