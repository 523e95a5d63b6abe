using MeetingBoard.Web.Features.Accounts;
using MeetingBoard.Web.Features.Board;
using MeetingBoard.Web.Features.Facilitation;
using MeetingBoard.Web.Features.Join;
using MeetingBoard.Web.Features.Meetings;
using MeetingBoard.Web.Features.Records;
using MeetingBoard.Web.Features.Practice;
using MeetingBoard.Web.Features.Scaling;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Storage;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using MeetingBoard.Web.Live.Redis;
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
        // Request paths carry join codes (/join/KPW-7RT-C4H) and room-screen keys; the framework logs
        // them at Information and below. Our own logs name meetings and event types only.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);

        // Storage: the embedded default, or the database shared by every node.
        PostgresDatabase? postgres = null;
        if (options.Store == StoreKind.Postgres)
        {
            postgres = new PostgresDatabase(options.Postgres.ConnectionString);
            services.AddSingleton(postgres);
            services.AddSingleton<IEventStore, PostgresEventStore>();
            services.AddSingleton<IAccountStore, PostgresAccountStore>();
            services.AddSingleton<ISessionStore, PostgresSessionStore>();
        }
        else
        {
            services.AddSingleton(new SqliteDatabase(dataDirectory));
            services.AddSingleton<IEventStore, SqliteEventStore>();
            services.AddSingleton<IAccountStore, SqliteAccountStore>();
            services.AddSingleton<ISessionStore, SqliteSessionStore>();
        }

        // Live: hosts, bus, rendering and the hub.
        if (options.Bus == BusKind.Redis)
        {
            services.AddSingleton<RedisBus>();
            services.AddSingleton<IMeetingBus>(sp => sp.GetRequiredService<RedisBus>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisBus>());
        }
        else
        {
            services.AddSingleton<IMeetingBus, InProcessBus>();
        }
        services.AddHostedService<CatchUpSweep>();
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
        services.AddSingleton(sp => new JoinsPerCode(new JoinAttempts(sp.GetRequiredService<TimeProvider>(),
            options.JoinsPerCodeAllowed, TimeSpan.FromMinutes(options.JoinFailureWindowMinutes))));
        services.AddSingleton(sp => new SignInAttempts(sp.GetRequiredService<TimeProvider>(),
            options.SignInFailuresBeforeLockout, TimeSpan.FromMinutes(options.SignInLockoutMinutes), options.SignInBackOffAfter));
        services.AddSingleton<SetupLink>();

        // Records and retention: closed meetings are purged after MeetingBoard:RetentionDays.
        services.AddSingleton<RetentionPolicy>();
        services.AddSingleton<MeetingDeletion>();
        services.AddSingleton<RetentionSweep>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionSweep>());

        // Sign-in cookies must survive a restart, and with many nodes be read by every node: keep the keys with the data.
        var protection = services.AddDataProtection().SetApplicationName("MeetingBoard");
        if (postgres is not null)
            services.Configure<KeyManagementOptions>(o => o.XmlRepository = new PostgresKeyRepository(postgres));
        else
            protection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDirectory, "keys")));
        var cookies = new CookieSecurity(options.AllowPlainHttpCookies);
        services.AddSingleton(cookies);
        services.AddAntiforgery(a =>
        {
            a.Cookie.Name = cookies.Antiforgery;
            a.Cookie.Path = "/";
            a.Cookie.SameSite = SameSiteMode.Strict;
            // SameAsRequest here (Always would refuse every form on http://localhost); the cookie policy adds Secure.
            a.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            a.HeaderName = "RequestVerificationToken";
        });
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o => FacilitatorAuthentication.Configure(o, cookies));
        services.AddAuthorization();
        services.AddRazorComponents();
        services.AddResponseCompression(c =>
        {
            c.EnableForHttps = true;
            c.MimeTypes = ["text/css", "text/javascript", "application/javascript", "image/svg+xml"];
        });
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck>("store", tags: ["live"])
            .AddCheck<BusHealthCheck>("bus");
        return builder;
    }

    public static async Task MapMeetingBoardAsync(this WebApplication app)
    {
        var store = app.Services.GetRequiredService<IEventStore>();
        await store.InitialiseAsync();
        var accounts = app.Services.GetRequiredService<IAccountStore>();
        await accounts.InitialiseAsync();
        await app.Services.GetRequiredService<ISessionStore>().InitialiseAsync();
        var options = app.Services.GetRequiredService<MeetingBoardOptions>();
        if (options.AllowPlainHttpCookies)
            app.Logger.LogWarning("AllowPlainHttpCookies is on: cookies lose the __Host- prefix and are sent over plain http. Use this only on a trusted network, never with real cases");

        var bus = app.Services.GetRequiredService<IMeetingBus>();
        var broadcaster = app.Services.GetRequiredService<Broadcaster>();
        bus.Subscribe(broadcaster.OnChangedAsync);
        var presence = app.Services.GetRequiredService<Presence>();
        bus.SubscribePresence((node, notice) =>
        {
            if (presence.SetRemote(node, notice)) broadcaster.RemotePresenceChanged(notice.MeetingId);
            return Task.CompletedTask;
        });

        var setup = app.Services.GetRequiredService<SetupLink>();
        if (!await accounts.AnyAsync()) setup.Open();
        app.Lifetime.ApplicationStarted.Register(() => Announce(app, setup));

        app.UseSecurityHeaders();
        if (options.Benchmarks.Enabled) app.UseBenchClock();
        app.RefuseNewLiveConnectionsWhileStopping();
        // Only our own static files are compressed: pages mix secrets (antiforgery tokens) with
        // text people typed, the recipe for BREACH-style attacks on compressed HTTPS responses.
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/js") || http.Request.Path.StartsWithSegments("/css"),
            branch => branch.UseResponseCompression());
        app.UseStoreUnavailableAnswer();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = ctx => ctx.Context.Response.Headers.CacheControl = "no-cache",
        });
        app.UseCookiePolicy(app.Services.GetRequiredService<CookieSecurity>().Policy());
        app.UseHubOriginCheck(options);
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseAntiforgery();

        // /healthz: is this process able to serve (the store answers)? /readyz adds the bus, whose
        // failure only degrades (200 "Degraded"): nodes fall back to catching up from the store.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live") }).DisableAntiforgery();
        app.MapHealthChecks("/readyz").DisableAntiforgery();
        app.MapHub<MeetingHub>(HubOrigins.Path, hub =>
        {
            // Bounded per connection: a client that stops reading holds at most this much on the server
            // (sends then wait on it) instead of growing a queue without limit. Patches are a few kilobytes.
            hub.TransportMaxBufferSize = 64 * 1024;
            hub.ApplicationMaxBufferSize = 64 * 1024;
        });
        // The fan-out floor for bench/: no authorisation, so only where a benchmark asked for it.
        if (app.Services.GetRequiredService<MeetingBoardOptions>().Benchmarks.Enabled)
            app.MapHub<BenchHub>("/hubs/bench");
        app.MapAccounts();
        app.MapMeetings();
        app.MapJoin();
        app.MapBoard();
        app.MapRecords();
        app.MapDeletion();
        app.MapPractice();
        app.MapScaling();
        app.MapFacilitation();
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
