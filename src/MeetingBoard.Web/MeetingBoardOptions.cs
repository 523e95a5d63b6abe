namespace MeetingBoard.Web;

/// <summary>The "MeetingBoard" configuration section (env: MeetingBoard__Name). See docs/configuration.md.</summary>
public sealed class MeetingBoardOptions
{
    /// <summary>Where the embedded database and the data-protection keys live.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>The address people use to reach this server, for join links and QR codes; the request's own address when empty.</summary>
    public string? PublicUrl { get; set; }

    /// <summary>Times on boards and records are shown in this zone.</summary>
    public string TimeZone { get; set; } = "Europe/London";

    /// <summary>Wrong join codes allowed from one address within <see cref="JoinFailureWindowMinutes"/>.</summary>
    public int JoinFailuresAllowed { get; set; } = 10;

    public int JoinFailureWindowMinutes { get; set; } = 10;

    /// <summary>Asks to join allowed for one join code within <see cref="JoinFailureWindowMinutes"/>: a flood of strangers cannot fill a lobby.</summary>
    public int JoinsPerCodeAllowed { get; set; } = 60;

    /// <summary>
    /// Drops the <c>__Host-</c> prefix and the Secure flag from cookies on plain-http requests. Only for
    /// trying the app on a home or office network over http, where phones would otherwise lose every cookie.
    /// </summary>
    public bool AllowPlainHttpCookies { get; set; }

    /// <summary>Origins (scheme://host[:port]) allowed to open the live connection, besides the app's own. See docs/security.md.</summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>Failed sign-ins for one email address before it is locked for <see cref="SignInLockoutMinutes"/>.</summary>
    public int SignInFailuresBeforeLockout { get; set; } = 10;

    public int SignInLockoutMinutes { get; set; } = 15;

    /// <summary>How long the one-time setup link printed at start works (while there is no facilitator yet).</summary>
    public double SetupLinkHours { get; set; } = 24;

    /// <summary>After this many failures each further attempt waits 1, 2, 4… seconds (up to a minute); 0 turns the back-off off.</summary>
    public int SignInBackOffAfter { get; set; } = 3;
    /// <summary>Closed meetings are purged this many days after closing.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>How often the purge of expired meetings runs (it also runs at start).</summary>
    public int RetentionSweepMinutes { get; set; } = 60;

    /// <summary>
    /// An open meeting with no change for this many hours is closed by the retention sweep, so its
    /// retention clock starts; 0 turns this off.
    /// </summary>
    public int CloseIdleMeetingsAfterHours { get; set; } = 72;
    /// <summary>Where events and accounts live: <c>Sqlite</c> (one node, the default) or <c>Postgres</c> (shared by many nodes).</summary>
    public StoreKind Store { get; set; } = StoreKind.Sqlite;

    public PostgresOptions Postgres { get; set; } = new();

    /// <summary>How nodes tell each other that a meeting changed: <c>InProcess</c> (one node, the default) or <c>Redis</c>.</summary>
    public BusKind Bus { get; set; } = BusKind.InProcess;

    public RedisOptions Redis { get; set; } = new();

    /// <summary>How often each meeting with viewers on this node is checked against the store, in case a bus notice was lost.</summary>
    public double CatchUpSeconds { get; set; } = 5;

    /// <summary>How often a facilitator's live page checks that their session still gives access (ended, expired, provider account disabled).</summary>
    public double SessionRevalidationSeconds { get; set; } = 30;

    /// <summary>How facilitators sign in: local accounts, organisation providers (OpenID Connect), or both. See docs/sign-in.md.</summary>
    public SignInOptions SignIn { get; set; } = new();

    /// <summary>
    /// A meeting no circuit on this node has watched for this many minutes is unloaded from memory (it
    /// is read again from the store when next opened); 0 keeps every meeting loaded until restart.
    /// </summary>
    public double UnloadIdleMeetingsAfterMinutes { get; set; } = 10;

    public MetricsOptions Metrics { get; set; } = new();

    /// <summary>Benchmark-only pages and endpoints (bench/, docs/benchmarks.md). Never on a server people use.</summary>
    public BenchmarkOptions Benchmarks { get; set; } = new();
}

public sealed class BenchmarkOptions
{
    /// <summary>Serves the floor page at /bench/floor and POST /bench/floor/{label}, which re-renders it in every circuit showing it.</summary>
    public bool Enabled { get; set; }
}

public sealed class SignInOptions
{
    /// <summary>Email and password accounts kept by MeetingBoard. Switch off once everyone signs in through a provider.</summary>
    public bool LocalAccounts { get; set; } = true;

    /// <summary>Whom to ask for access, as a sentence end: "your team manager or the IT service desk on 01234 567890".</summary>
    public string AccessContact { get; set; } = "your team manager or the person who looks after MeetingBoard for your organisation";

    /// <summary>OpenID Connect providers by a short name of the operator's choosing (letters, digits, '-'); each is a "Sign in with …" button.</summary>
    public Dictionary<string, ProviderOptions> Providers { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

public sealed class ProviderOptions
{
    /// <summary>Shown on the button: "Sign in with {DisplayName}".</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The issuer; its /.well-known/openid-configuration is read from here.</summary>
    public string Authority { get; set; } = "";

    public string ClientId { get; set; } = "";

    public string? ClientSecret { get; set; }

    /// <summary>A PFX (or PEM with its key) holding the certificate registered with the provider, instead of a secret: the client then proves itself with a signed assertion (private_key_jwt).</summary>
    public string? ClientCertificatePath { get; set; }

    public string? ClientCertificatePassword { get; set; }

    /// <summary>Scopes asked for besides <c>openid</c>; <see cref="DefaultScopes"/> when not set. <c>offline_access</c> gives the refresh token that lets MeetingBoard notice a disabled account.</summary>
    public string[]? Scopes { get; set; }

    // Not the property's initial value: the configuration binder would add the configured scopes to it rather than replace it.
    public static readonly string[] DefaultScopes = ["profile", "email", "offline_access"];

    /// <summary>The claim whose value stays the same for the person for ever: it links the MeetingBoard account. Entra ID: <c>oid</c> or <c>sub</c>.</summary>
    public string SubjectClaim { get; set; } = "sub";

    public string NameClaim { get; set; } = "name";

    /// <summary>Entra ID often sends the address in <c>preferred_username</c> (the UPN) rather than <c>email</c>.</summary>
    public string EmailClaim { get; set; } = "email";

    /// <summary>Who may facilitate: people whose email ends in one of these domains.</summary>
    public string[] AllowedEmailDomains { get; set; } = [];

    /// <summary>The claim that holds the person's groups or roles (<c>groups</c>, <c>roles</c>).</summary>
    public string GroupClaim { get; set; } = "groups";

    /// <summary>Who may facilitate: people with one of these values in <see cref="GroupClaim"/>. With domains as well, both must match.</summary>
    public string[] AllowedGroups { get; set; } = [];

    /// <summary>Everyone the provider signs in may facilitate (e.g. Entra ID with "assignment required"). Needed when there is neither list.</summary>
    public bool AllowEveryone { get; set; }

    /// <summary>How often a signed-in session asks the provider (with its refresh token) whether the account still works; 0 checks at every revalidation.</summary>
    public double AccountCheckMinutes { get; set; } = 5;

    /// <summary>Only for a provider on this machine in tests or a trial: allows an http authority.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}

/// <summary>The Prometheus endpoint for operators (docs/operations.md). Off unless enabled, and then never public without a token.</summary>
public sealed class MetricsOptions
{
    public bool Enabled { get; set; }

    /// <summary>
    /// When set, <c>/metrics</c> answers only on this port, and that port answers nothing else. The
    /// server must also listen on it: add it to ASPNETCORE_URLS (e.g. <c>http://+:8080;http://+:9464</c>).
    /// </summary>
    public int? Port { get; set; }

    /// <summary>When set, a scrape must send <c>Authorization: Bearer</c> this token. Use at least 32 random characters.</summary>
    public string? Token { get; set; }
}

public enum StoreKind
{
    Sqlite,
    Postgres,
}

public enum BusKind
{
    InProcess,
    Redis,
}

public sealed class PostgresOptions
{
    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Database=meetingboard;Username=meetingboard;Password=…</c>.</summary>
    public string ConnectionString { get; set; } = "";
}

public sealed class RedisOptions
{
    /// <summary>A StackExchange.Redis configuration string (<c>redis1:6379,password=…,ssl=true</c>); when empty, built from <see cref="Endpoint"/> and <see cref="Password"/>.</summary>
    public string? Configuration { get; set; }

    /// <summary>host:port of the Redis server, used when <see cref="Configuration"/> is empty.</summary>
    public string Endpoint { get; set; } = "127.0.0.1:6379";

    public string? Password { get; set; }

    /// <summary>Put in front of every channel name, so several deployments can share one Redis.</summary>
    public string ChannelPrefix { get; set; } = "meetingboard:";
}
