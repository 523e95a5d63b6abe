using MeetingBoard.Web.Features.Accounts;
using MeetingBoard.Web.Features.Board;
using MeetingBoard.Web.Features.Join;
using MeetingBoard.Web.Features.Meetings;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Storage;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace MeetingBoard.Web;

public static class MeetingBoardExtensions
{
    public static WebApplicationBuilder AddMeetingBoard(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("MeetingBoard").Get<MeetingBoardOptions>() ?? new MeetingBoardOptions();
        var dataDirectory = Path.GetFullPath(options.DataDirectory, builder.Environment.ContentRootPath);
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);

        // Storage: the embedded default.
        services.AddSingleton(new SqliteDatabase(dataDirectory));
        services.AddSingleton<IEventStore, SqliteEventStore>();
        services.AddSingleton<IAccountStore, SqliteAccountStore>();

        // Live: hosts, bus, rendering and the hub.
        services.AddSingleton<IMeetingBus, InProcessBus>();
        services.AddSingleton<MeetingHosts>();
        services.AddSingleton<Presence>();
        services.AddSingleton<Broadcaster>();
        services.AddSingleton<LiveRegions>();
        services.AddSingleton(sp => new MeetingClock(FindZone(options.TimeZone), sp.GetRequiredService<TimeProvider>()));
        services.AddSignalR(hub =>
        {
            hub.MaximumReceiveMessageSize = 4 * 1024;
            hub.EnableDetailedErrors = false;
        });

        services.AddSingleton(sp => new JoinAttempts(sp.GetRequiredService<TimeProvider>(),
            options.JoinFailuresAllowed, TimeSpan.FromMinutes(options.JoinFailureWindowMinutes)));
        services.AddSingleton<SetupLink>();

        // Sign-in cookies must survive a restart: keep the keys beside the data.
        services.AddDataProtection()
            .SetApplicationName("MeetingBoard")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        services.AddAntiforgery(a =>
        {
            a.Cookie.Name = "mb_antiforgery";
            a.HeaderName = "RequestVerificationToken";
        });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(FacilitatorAuthentication.Configure);
        services.AddAuthorization();
        services.AddRazorComponents();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        return builder;
    }

    public static async Task MapMeetingBoardAsync(this WebApplication app)
    {
        var store = app.Services.GetRequiredService<IEventStore>();
        await store.InitialiseAsync();
        var accounts = app.Services.GetRequiredService<IAccountStore>();
        await accounts.InitialiseAsync();

        var bus = app.Services.GetRequiredService<IMeetingBus>();
        var broadcaster = app.Services.GetRequiredService<Broadcaster>();
        bus.Subscribe(broadcaster.OnChangedAsync);

        var setup = app.Services.GetRequiredService<SetupLink>();
        if (!await accounts.AnyAsync()) setup.Open();
        app.Lifetime.ApplicationStarted.Register(() => Announce(app, setup));

        app.UseSecurityHeaders();
        app.RefuseNewLiveConnectionsWhileStopping();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        app.MapHealthChecks("/healthz").DisableAntiforgery();
        app.MapHub<MeetingHub>("/hubs/meeting");
        // The fan-out floor for bench/: no authorisation, so only where a benchmark asked for it.
        if (app.Services.GetRequiredService<MeetingBoardOptions>().Benchmarks.Enabled)
            app.MapHub<BenchHub>("/hubs/bench");
        app.MapAccounts();
        app.MapMeetings();
        app.MapJoin();
        app.MapBoard();
    }

    /// <summary>
    /// SignalR closes its connections as soon as the app starts stopping, and the clients reconnect
    /// at once; while the server drains, those new connections would hold the shutdown open until
    /// its timeout. Refusing them sends the clients to wait for the next start (or another node).
    /// </summary>
    static void RefuseNewLiveConnectionsWhileStopping(this WebApplication app)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        app.Use(async (http, next) =>
        {
            if (stopping.IsCancellationRequested && http.Request.Path.StartsWithSegments("/hubs"))
            {
                http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
            await next();
        });
    }

    /// <summary>Prints where the app listens and, while there is no facilitator, the one-time setup link.</summary>
    static void Announce(WebApplication app, SetupLink setup)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var first = addresses.FirstOrDefault()?.Replace("0.0.0.0", "localhost").Replace("[::]", "localhost");
        Console.WriteLine();
        Console.WriteLine($"MeetingBoard is running at {string.Join(", ", addresses)}");
        if (setup.Token is { } token)
            Console.WriteLine($"No facilitator account exists yet. Create the first one here (this link works once): {first}/setup/{token}");
        Console.WriteLine();
    }

    static TimeZoneInfo FindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
