using System.Security.Cryptography;

namespace MeetingBoard.Web.Live;

/// <summary>
/// A circuit lives on one node, so a balancer in front of several must keep a browser on its node:
/// every browser gets a random cookie naming nothing but itself, and the balancer hashes on it (nginx
/// <c>hash $cookie_mb_affinity consistent</c>; Kubernetes ingress cookie affinity works without it).
/// When that node dies, the hash moves the browser to another one and its page reloads there.
/// Not a secret and not personal: it is the same value whoever uses the browser.
/// </summary>
public static class Affinity
{
    public const string CookieName = "mb_affinity";

    public static IApplicationBuilder UseAffinityCookie(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (!http.Request.Cookies.ContainsKey(CookieName) && HttpMethods.IsGet(http.Request.Method))
            http.Response.Cookies.Append(CookieName, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), new CookieOptions
            {
                HttpOnly = true,
                Secure = http.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                Path = "/",
                IsEssential = true,
                MaxAge = TimeSpan.FromDays(1),
            });
        await next();
    });
}
