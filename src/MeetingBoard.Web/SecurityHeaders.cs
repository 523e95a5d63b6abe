namespace MeetingBoard.Web;

public static class SecurityHeaders
{
    /// <summary>
    /// Headers on every response. Script only from our own files (no inline script), no framing,
    /// no referrer (links carry meeting ids and room-screen keys). Inline styles are allowed because
    /// MudBlazor sets style attributes (popover positions, progress widths); nothing else is.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var h = http.Response.Headers;
            h.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
                "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
            h["Referrer-Policy"] = "no-referrer";
            h.XContentTypeOptions = "nosniff";
            h.XFrameOptions = "DENY";
            h["Cross-Origin-Opener-Policy"] = "same-origin";
            h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            if (http.Request.IsHttps) h.StrictTransportSecurity = "max-age=31536000";
            return Task.CompletedTask;
        });
        await next();
    });
}
