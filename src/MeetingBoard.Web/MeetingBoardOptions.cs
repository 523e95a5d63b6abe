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

    /// <summary>Closed meetings are purged this many days after closing.</summary>
    public int RetentionDays { get; set; } = 30;

    /// <summary>How often the purge of expired meetings runs (it also runs at start).</summary>
    public int RetentionSweepMinutes { get; set; } = 60;
}
