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

    /// <summary>After this many failures each further attempt waits 1, 2, 4… seconds (up to a minute); 0 turns the back-off off.</summary>
    public int SignInBackOffAfter { get; set; } = 3;
}
