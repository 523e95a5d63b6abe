using System.Globalization;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace MeetingBoard.Web.Features.Accounts;

/// <summary>
/// The facilitator's sign-in: a cookie naming a session kept on the server. It ends after 30 idle
/// minutes, 12 hours after signing in whatever happens, and at once when signed out or ended from
/// another device, because every request checks the session row, not only the cookie.
/// </summary>
public static class FacilitatorAuthentication
{
    public const string SignedInAtClaim = "mb:signed_in_at";
    public const string SessionClaim = "mb:session";
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(12);
    /// <summary>How stale "last seen" may get before a request writes it again: one write a minute, not one per request.</summary>
    static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    public static void Configure(CookieAuthenticationOptions options, CookieSecurity cookies)
    {
        options.Cookie.Name = cookies.Facilitator;
        options.Cookie.HttpOnly = true;
        // Lax: a link to a meeting in an email opens signed in; posts from other sites still carry no cookie.
        options.Cookie.SameSite = SameSiteMode.Lax;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // made Always by the cookie policy unless plain http is allowed
        options.Cookie.Path = "/";
        options.ExpireTimeSpan = IdleTimeout;
        options.SlidingExpiration = true;
        options.LoginPath = "/sign-in";
        options.ReturnUrlParameter = "returnUrl";
        options.Events.OnValidatePrincipal = ValidateAsync;
    }

    static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var principal = context.Principal;
        var signedInAt = principal?.FindFirst(SignedInAtClaim)?.Value;
        var secret = principal?.FindFirst(SessionClaim)?.Value;
        var accountId = principal?.FindFirstValue(ClaimTypes.NameIdentifier);
        if (!long.TryParse(signedInAt, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            || DateTimeOffset.FromUnixTimeSeconds(seconds) + AbsoluteTimeout < now
            || secret is null || accountId is null)
        {
            await RejectAsync(context);
            return;
        }

        var sessions = services.GetRequiredService<ISessionStore>();
        var id = SessionId(secret);
        var session = await sessions.FindAsync(id, context.HttpContext.RequestAborted);
        if (session is null || !IsLive(session, accountId, null, now))
        {
            if (session is { EndedAt: null }) await sessions.EndAsync(session.FacilitatorId, session.Id, now);
            await RejectAsync(context);
            return;
        }
        if (!await services.GetRequiredService<ProviderAccounts>().StillAllowedAsync(sessions, id, context.HttpContext.RequestAborted))
        {
            await sessions.EndAsync(session.FacilitatorId, session.Id, now);
            EndLiveConnections(services, session.Id);
            await RejectAsync(context);
            return;
        }
        if (now - session.LastSeenAt > TouchEvery) await sessions.TouchAsync(id, now);
    }

    /// <summary>Whether a session still gives access: not ended, not idle too long, not past its absolute limit.</summary>
    public static bool IsLive(FacilitatorSession session, string accountId, DateTimeOffset? signedInAt, DateTimeOffset now) =>
        session.EndedAt is null && session.FacilitatorId == accountId
        && session.LastSeenAt + IdleTimeout >= now && session.StartedAt + AbsoluteTimeout >= now
        && (signedInAt is null || signedInAt + AbsoluteTimeout >= now);

    /// <summary>
    /// Running a meeting is not being idle: a facilitator's circuit at work (a command, "Stay signed in")
    /// keeps the session alive, at most one write a minute.
    /// </summary>
    public static async Task KeepAliveAsync(ISessionStore sessions, ClaimsPrincipal user, DateTimeOffset now, CancellationToken ct = default)
    {
        if (CurrentSessionId(user) is not { } id || Viewers.FacilitatorId(user) is not { } accountId) return;
        if (await sessions.FindAsync(id, ct) is not { } session || !IsLive(session, accountId, null, now)) return;
        if (now - session.LastSeenAt > TouchEvery) await sessions.TouchAsync(id, now);
    }

    static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>Starts a server-side session and sets the cookie that names it.</summary>
    /// <param name="provider">For a sign-in through an organisation's provider: its name and the tokens it gave, protected.</param>
    public static async Task SignInAsync(HttpContext http, FacilitatorAccount account, (string Name, string ProtectedTokens)? provider = null)
    {
        var services = http.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var sessions = services.GetRequiredService<ISessionStore>();
        await sessions.StartAsync(
            new FacilitatorSession(SessionId(secret), account.Id, Device(http.Request.Headers.UserAgent.ToString()), now, now, null));
        if (provider is { } p) await sessions.AttachProviderAsync(new ProviderSession(SessionId(secret), p.Name, p.ProtectedTokens, now));
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, account.Id),
            new Claim(ClaimTypes.Name, account.Name),
            new Claim(SignedInAtClaim, now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            new Claim(SessionClaim, secret),
        ], Viewers.FacilitatorScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    /// <summary>Ends this request's session on the server, then clears the cookie.</summary>
    public static async Task SignOutAsync(HttpContext http)
    {
        if (CurrentSessionId(http.User) is { } id && Viewers.FacilitatorId(http.User) is { } accountId)
        {
            await http.RequestServices.GetRequiredService<ISessionStore>().EndAsync(accountId, id,
                http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow());
            EndLiveConnections(http.RequestServices, id);
        }
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>
    /// Takes access away from this node's circuits opened under an ended session: their page says the
    /// session ended at once. Circuits on other nodes lose it at their next revalidation.
    /// </summary>
    public static void EndLiveConnections(IServiceProvider services, string sessionId)
    {
        foreach (var c in services.GetRequiredService<Presence>().All)
            if (c.SessionId == sessionId) c.End();
    }

    public static string? CurrentSessionId(ClaimsPrincipal user) =>
        user.FindFirst(SessionClaim)?.Value is { } secret ? SessionId(secret) : null;

    public static string SessionId(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>A coarse name for the browser, enough to recognise a session ("Firefox on Windows"), no version or fingerprint.</summary>
    public static string Device(string userAgent)
    {
        var browser = userAgent.Contains("Edg/", StringComparison.Ordinal) ? "Edge"
            : userAgent.Contains("Firefox/", StringComparison.Ordinal) ? "Firefox"
            : userAgent.Contains("Chrome/", StringComparison.Ordinal) || userAgent.Contains("Chromium/", StringComparison.Ordinal) ? "Chrome"
            : userAgent.Contains("Safari/", StringComparison.Ordinal) ? "Safari"
            : "A browser";
        var system = userAgent.Contains("iPhone", StringComparison.Ordinal) || userAgent.Contains("iPad", StringComparison.Ordinal) ? "iOS"
            : userAgent.Contains("Android", StringComparison.Ordinal) ? "Android"
            : userAgent.Contains("Windows", StringComparison.Ordinal) ? "Windows"
            : userAgent.Contains("Mac OS", StringComparison.Ordinal) ? "macOS"
            : userAgent.Contains("Linux", StringComparison.Ordinal) ? "Linux"
            : "an unknown system";
        return $"{browser} on {system}";
    }
}
