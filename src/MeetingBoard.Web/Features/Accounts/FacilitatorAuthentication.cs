using System.Globalization;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace MeetingBoard.Web.Features.Accounts;

/// <summary>The facilitator's sign-in cookie: ends after 30 idle minutes, and 12 hours after signing in whatever happens.</summary>
public static class FacilitatorAuthentication
{
    public const string SignedInAtClaim = "mb:signed_in_at";
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);
    public static readonly TimeSpan AbsoluteTimeout = TimeSpan.FromHours(12);

    public static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = "mb_facilitator";
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = Microsoft.AspNetCore.Http.SameSiteMode.Lax;
        options.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = IdleTimeout;
        options.SlidingExpiration = true;
        options.LoginPath = "/sign-in";
        options.ReturnUrlParameter = "returnUrl";
        options.Events.OnValidatePrincipal = context =>
        {
            var signedInAt = context.Principal?.FindFirst(SignedInAtClaim)?.Value;
            if (!long.TryParse(signedInAt, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
                || DateTimeOffset.FromUnixTimeSeconds(seconds) + AbsoluteTimeout < DateTimeOffset.UtcNow)
                context.RejectPrincipal();
            return Task.CompletedTask;
        };
    }
}
