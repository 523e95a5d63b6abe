using System.Security.Cryptography;
using System.Text;
using OpenTelemetry.Metrics;

namespace MeetingBoard.Web;

/// <summary>
/// Metrics for operators: OpenTelemetry (ASP.NET Core, the runtime, and <see cref="MeetingBoardMetrics"/>)
/// scraped by Prometheus at <c>/metrics</c>. Off by default; when on, it is reachable only on
/// MeetingBoard:Metrics:Port, or only with MeetingBoard:Metrics:Token, or both: never openly on the public port.
/// </summary>
public static class MetricsEndpoint
{
    public const string Path = "/metrics";

    /// <summary>Plain-English reasons the metrics settings cannot be used; empty when they can.</summary>
    public static IReadOnlyList<string> Problems(MetricsOptions metrics)
    {
        var problems = new List<string>();
        if (!metrics.Enabled) return problems;
        if (metrics.Port is null && string.IsNullOrEmpty(metrics.Token))
            problems.Add("MeetingBoard:Metrics:Enabled is true, but neither MeetingBoard:Metrics:Port nor MeetingBoard:Metrics:Token is set, so anyone could read the metrics. Set a port that only operators can reach, a token, or both.");
        if (metrics.Port is { } port && port is < 1 or > 65535)
            problems.Add($"MeetingBoard:Metrics:Port is {port}: it must be a port number from 1 to 65535.");
        if (metrics.Token is { } token && token.Length < 16)
            problems.Add("MeetingBoard:Metrics:Token is too short to be a secret: use at least 16 characters (32 random ones are better).");
        return problems;
    }

    public static void AddMeetingBoardMetrics(this IServiceCollection services, MetricsOptions metrics)
    {
        services.AddMetrics();
        services.AddSingleton<MeetingBoardMetrics>();
        if (!metrics.Enabled) return;
        services.AddOpenTelemetry().WithMetrics(m => m
            .AddMeter(MeetingBoardMetrics.MeterName)
            // .NET 10's own circuit counts, beside ours. Not "Microsoft.AspNetCore.Components": its
            // navigation metric is tagged with the page's route, which could carry a room-screen key.
            .AddMeter("Microsoft.AspNetCore.Components.Server.Circuits")
            .AddAspNetCoreInstrumentation()
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
    }

    /// <summary>
    /// Answers scrapes before anything else runs. The port is the connection's local port, not the Host
    /// header (which the client chooses: <c>RequireHost("*:9464")</c> would let anyone reach it through
    /// the public port by sending that header).
    /// </summary>
    public static void UseMeetingBoardMetrics(this WebApplication app, MetricsOptions metrics)
    {
        if (!metrics.Enabled) return;
        var expected = metrics.Token is { Length: > 0 } t ? Encoding.UTF8.GetBytes("Bearer " + t) : null;
        bool OnMetricsPort(HttpContext http) => metrics.Port is not { } port || http.Connection.LocalPort == port;

        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: http => http.Request.Path == Path && OnMetricsPort(http),
            path: null,
            configureBranchedPipeline: branch => branch.Use(async (http, next) =>
            {
                if (expected is not null && !FixedTimeEquals(http.Request.Headers.Authorization.ToString(), expected))
                {
                    http.Response.StatusCode = StatusCodes.Status401Unauthorized;
                    http.Response.Headers.WWWAuthenticate = "Bearer";
                    await http.Response.WriteAsync("The metrics need the operators' token (Authorization: Bearer …).");
                    return;
                }
                await next();
            }),
            optionsName: null);

        // The metrics port is for scrapes only: the app's pages are not served there.
        if (metrics.Port is { } only)
            app.Use(async (http, next) =>
            {
                if (http.Connection.LocalPort != only)
                {
                    await next();
                    return;
                }
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                await http.Response.WriteAsync("Only " + Path + " is served on this port.");
            });
    }

    static bool FixedTimeEquals(string given, byte[] expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), expected);
}
