namespace MeetingBoard.Web.Live;

/// <summary>
/// Cross-site WebSocket hijacking defence: a page on another site could open a circuit with the
/// victim's cookies (WebSockets are not bound by CORS, and ASP.NET Core does not check their Origin),
/// so the circuit hub's negotiate and upgrade requests
/// must come from an allowed origin: the app's own (its PublicUrl, or the request's own host) or one
/// in MeetingBoard:AllowedOrigins. Requests without an Origin are not from a browser page and carry
/// no victim's cookies from one, so they pass; every page still decides who its person is.
/// </summary>
public static class HubOrigins
{
    public const string Path = "/_blazor";

    public static IApplicationBuilder UseHubOriginCheck(this IApplicationBuilder app, MeetingBoardOptions options)
    {
        var configured = options.AllowedOrigins.Append(options.PublicUrl ?? "")
            .Select(Normalise).Where(o => o is not null).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return app.Use(async (http, next) =>
        {
            if (http.Request.Path.StartsWithSegments(Path) && http.Request.Headers.Origin is { Count: > 0 } origins)
            {
                var own = Normalise($"{http.Request.Scheme}://{http.Request.Host.Value}");
                if (origins.Count != 1 || Normalise(origins[0]) is not { } origin
                    || !(configured.Contains(origin) || string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)))
                {
                    http.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await http.Response.WriteAsync("This page is not allowed to open a live connection to MeetingBoard.");
                    return;
                }
            }
            await next();
        });
    }

    /// <summary>"https://Board.Example.org:443/x" → "https://board.example.org"; null when not an http(s) origin.</summary>
    static string? Normalise(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps)
            ? u.IsDefaultPort ? $"{u.Scheme}://{u.Host}" : $"{u.Scheme}://{u.Host}:{u.Port}"
            : null;
}
