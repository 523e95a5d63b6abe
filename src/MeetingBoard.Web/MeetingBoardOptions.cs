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

    /// <summary>Benchmark-only endpoints (bench/, docs/benchmarks.md). Never on a server people use.</summary>
    public BenchmarkOptions Benchmarks { get; set; } = new();
}

public sealed class BenchmarkOptions
{
    /// <summary>Maps <see cref="Live.BenchHub"/> at /hubs/bench.</summary>
    public bool Enabled { get; set; }
}
