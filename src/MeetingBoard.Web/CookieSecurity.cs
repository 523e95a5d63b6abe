namespace MeetingBoard.Web;

/// <summary>
/// Names and flags of every cookie the app sets. By default each is <c>__Host-</c> prefixed and Secure:
/// the browser then refuses it from any other host or subdomain and never sends it over plain http
/// (browsers treat http://localhost and http://127.0.0.1 as secure, so <c>dotnet run</c> still works).
/// <see cref="MeetingBoardOptions.AllowPlainHttpCookies"/> drops both, for trying the app over http on a LAN only.
/// </summary>
public sealed class CookieSecurity(bool allowPlainHttp)
{
    public bool AllowsPlainHttp => allowPlainHttp;

    public string Prefix => allowPlainHttp ? "" : "__Host-";

    public string Facilitator => Prefix + "mb_facilitator";
    public string Antiforgery => Prefix + "mb_antiforgery";
    public string Participant(string meetingId) => Prefix + "mb_p_" + meetingId;

    /// <summary>Every cookie, whoever appends it (sign-in, antiforgery, participants): HttpOnly, Secure unless plain http is allowed, never SameSite=None.</summary>
    public CookiePolicyOptions Policy() => new()
    {
        HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always,
        Secure = allowPlainHttp ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always,
        MinimumSameSitePolicy = SameSiteMode.Lax,
    };
}
