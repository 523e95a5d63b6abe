using MeetingBoard.Web.Features.Accounts;
using MeetingBoard.Web.Features.Bench;
using MeetingBoard.Web.Features.Board;
using MeetingBoard.Web.Features.Facilitation;
using MeetingBoard.Web.Features.Join;
using MeetingBoard.Web.Features.Meetings;
using MeetingBoard.Web.Features.Cases;
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
using MudBlazor.Services;

namespace MeetingBoard.Web;

public static class MeetingBoardExtensions
{
    public static WebApplicationBuilder AddMeetingBoard(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection("MeetingBoard").Get<MeetingBoardOptions>() ?? new MeetingBoardOptions();
        ProviderSignIn.Validate(options.SignIn);
        var dataDirectory = Path.GetFullPath(options.DataDirectory, builder.Environment.ContentRootPath);
        if (Problems(options) is { Count: > 0 } problems)
            throw new InvalidOperationException("MeetingBoard cannot start with these settings:\n- " + string.Join("\n- ", problems));
        var services = builder.Services;
        // The framework's and MudBlazor's files (blazor.web.js, MudBlazor.min.css) are served from the
        // packages when run from source, in every environment, not only Development.
        builder.WebHost.UseStaticWebAssets();
        // Request paths carry join codes (/join/KPW-7RT-C4H) and room-screen keys; the framework logs
        // them at Information and below. Our own logs name meetings and event types only.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        services.AddSingleton(options);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<MeetingBoard.Web.Features.Shared.SharedMarkup>();

        // Storage: the embedded default, or the database shared by every node.
        PostgresDatabase? postgres = null;
        if (options.Store == StoreKind.Postgres)
        {
            postgres = new PostgresDatabase(options.Postgres.ConnectionString);
            services.AddSingleton(postgres);
            services.AddSingleton<IEventStore, PostgresEventStore>();
            services.AddSingleton<IAccountStore, PostgresAccountStore>();
            services.AddSingleton<ISessionStore, PostgresSessionStore>();
            services.AddSingleton<ISetupLinkStore, PostgresSetupLinkStore>();
            services.AddSingleton<ICaseStore, PostgresCaseStore>();
        }
        else
        {
            services.AddSingleton(new SqliteDatabase(dataDirectory));
            services.AddSingleton<IEventStore, SqliteEventStore>();
            services.AddSingleton<IAccountStore, SqliteAccountStore>();
            services.AddSingleton<ISessionStore, SqliteSessionStore>();
            services.AddSingleton<ISetupLinkStore, SqliteSetupLinkStore>();
            services.AddSingleton<ICaseStore, SqliteCaseStore>();
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
        services.AddSingleton<IdleMeetings>();
        services.AddHostedService(sp => sp.GetRequiredService<IdleMeetings>());
        services.AddMeetingBoardMetrics(options.Metrics);
        services.AddSingleton<MeetingHosts>();
        services.AddSingleton<Presence>();
        services.AddSingleton<MeetingFeed>();
        services.AddSingleton<MeetingFeed.IPrepare, MeetingBoard.Web.Features.Scaling.ScalingResults.Prepare>();
        services.AddSingleton(sp => new MeetingClock(FindZone(options.TimeZone), sp.GetRequiredService<TimeProvider>()));

        // Every live page is an interactive server component: its circuit is its live connection.
        services.AddRazorComponents().AddInteractiveServerComponents(circuits => circuits.DetailedErrors = false);
        services.AddMudServices();
        services.AddScoped<MeetingSession>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, LiveCircuit>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<Microsoft.AspNetCore.Components.Authorization.AuthenticationStateProvider, SessionRevalidation>();

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
        services.AddSingleton<MeetingBoard.Web.Features.Cases.CaseDirectory>();
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
            .AddCookie(o => FacilitatorAuthentication.Configure(o, cookies))
            .AddProviders(options.SignIn, options.PublicUrl);
        services.AddSingleton<ProviderAccounts>();
        // Signed in means a facilitator's sign-in, nothing else (a participant's cookie is never enough).
        services.AddAuthorization(o => o.DefaultPolicy = new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder()
            .RequireAssertion(c => Viewers.FacilitatorId(c.User) is not null).Build());
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
        await app.Services.GetRequiredService<ISetupLinkStore>().InitialiseAsync();
        var options = app.Services.GetRequiredService<MeetingBoardOptions>();
        if (options.AllowPlainHttpCookies)
            app.Logger.LogWarning("AllowPlainHttpCookies is on: cookies lose the __Host- prefix and are sent over plain http. Use this only on a trusted network, never with real cases");

        var bus = app.Services.GetRequiredService<IMeetingBus>();
        var feed = app.Services.GetRequiredService<MeetingFeed>();
        bus.Subscribe(feed.OnChangedAsync);
        app.Services.GetRequiredService<MeetingBoardMetrics>().Observe(app.Services.GetRequiredService<MeetingHosts>(), feed, bus);
        var presence = app.Services.GetRequiredService<Presence>();
        bus.SubscribePresence((node, notice) =>
        {
            if (presence.SetRemote(node, notice)) feed.PresenceChanged(notice.MeetingId);
            return Task.CompletedTask;
        });

        var setup = app.Services.GetRequiredService<SetupLink>();
        // With local accounts switched off the first facilitator signs in through a provider: no setup link.
        if (options.SignIn.LocalAccounts) await setup.OpenAsync();
        app.Lifetime.ApplicationStarted.Register(() => Announce(app, setup));

        app.UseSecurityHeaders();
        app.UseBenchOnlyWhenEnabled(options.Benchmarks);
        app.UseMeetingBoardMetrics(options.Metrics);
        app.RefuseNewLiveConnectionsWhileStopping();
        app.UseStoreUnavailableAnswer();
        app.UseCookiePolicy(app.Services.GetRequiredService<CookieSecurity>().Policy());
        app.UseHubOriginCheck(options);
        app.UseAffinityCookie();
        app.UseAuthentication();
        app.UseParticipantIdentity();
        app.UseAuthorization();
        app.UseAntiforgery();

        // /healthz: is this process able to serve (the store answers)? /readyz adds the bus, whose
        // failure only degrades (200 "Degraded"): nodes fall back to catching up from the store.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("live") }).DisableAntiforgery();
        app.MapHealthChecks("/readyz").DisableAntiforgery();
        // Static files are precompressed at build time (no compression of pages: they mix secrets,
        // antiforgery tokens, with text people typed, the recipe for BREACH-style attacks).
        app.MapStaticAssets();
        app.MapRazorComponents<Components.App>().AddInteractiveServerRenderMode();
        app.MapAccounts();
        app.MapMeetings();
        app.MapCases();
        app.MapJoin();
        app.MapRecords();
        app.MapDeletion();
        app.MapBench(options.Benchmarks);
    }

    /// <summary>
    /// Circuits' connections close as soon as the app starts stopping, and the pages reconnect at once;
    /// while the server drains, those new connections would hold the shutdown open until its timeout.
    /// Refusing them sends the pages to wait for the next start (or another node).
    /// </summary>
    static void RefuseNewLiveConnectionsWhileStopping(this WebApplication app)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        app.Use(async (http, next) =>
        {
            if (stopping.IsCancellationRequested && http.Request.Path.StartsWithSegments(HubOrigins.Path))
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
        var metrics = app.Services.GetRequiredService<MeetingBoardOptions>().Metrics;
        if (metrics.Enabled && metrics.Port is { } port && !addresses.Any(a => a.EndsWith($":{port}", StringComparison.Ordinal)))
            app.Logger.LogWarning("MeetingBoard:Metrics:Port is {Port}, but the server does not listen on it, so the metrics cannot be scraped. Add it to ASPNETCORE_URLS, e.g. http://+:{Port}", port, port);
    }

    /// <summary>Settings that cannot work, each said in plain English.</summary>
    static List<string> Problems(MeetingBoardOptions options)
    {
        var problems = new List<string>(MetricsEndpoint.Problems(options.Metrics));
        if (options.UnloadIdleMeetingsAfterMinutes < 0)
            problems.Add($"MeetingBoard:UnloadIdleMeetingsAfterMinutes is {options.UnloadIdleMeetingsAfterMinutes}: use 0 to keep meetings loaded, or a number of minutes above 0.");
        if (options.SetupLinkHours <= 0)
            problems.Add($"MeetingBoard:SetupLinkHours is {options.SetupLinkHours}: the setup link must work for some time; use a number of hours above 0 (the default is 24).");
        return problems;
    }

    static TimeZoneInfo FindZone(string id) =>
        TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;
}
