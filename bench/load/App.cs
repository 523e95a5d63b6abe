// The app under test, started as its own process, and a browser-like HTTP client.
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

/// <summary>What a scenario drives: one app process, or several behind a balancer (scenario D).</summary>
interface ITarget : IAsyncDisposable
{
    /// <summary>Where browsers go: the app, or the balancer.</summary>
    string Base { get; }
    string SetupPath { get; }
    /// <summary>CPU time of the app process(es) so far.</summary>
    TimeSpan Cpu();
    long RssKb();
    void Kill();
}

sealed class AppProcess : ITarget
{
    public required Process Process { get; init; }
    public required string Base { get; init; }
    public required string SetupPath { get; init; }
    public required string DataDir { get; init; }
    public required int Port { get; init; }
    /// <summary>--gc=server|workstation: the app's GC (DOTNET_gcServer); empty keeps the app's own setting.</summary>
    public static string Gc = "";
    /// <summary>Where the app's Prometheus endpoint answers (its own loopback port), when it was turned on.</summary>
    public string? MetricsBase { get; init; }
    public int Pid => Process.Id;

    public static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "MeetingBoard.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? throw new InvalidOperationException("Cannot find the repository root (MeetingBoard.sln)");
    }

    public static void Build(string root)
    {
        Console.WriteLine("Building the app (Release)…");
        using var p = Process.Start(new ProcessStartInfo("dotnet", ["build", Path.Combine(root, "src", "MeetingBoard.Web"), "-c", "Release", "--nologo", "-v", "q"])
        { RedirectStandardOutput = true })!;
        p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0) throw new InvalidOperationException("The app did not build");
    }

    /// <param name="settings">More environment for the app (MeetingBoard__… settings).</param>
    /// <param name="withMetrics">Turns the metrics on, on a second loopback port that serves only /metrics.</param>
    /// <param name="port">0: a free port. Given with <paramref name="dataDir"/>: a restart of the same node.</param>
    /// <param name="expectSetup">Wait for the one-time setup link (a fresh store); otherwise only until the app listens.</param>
    public static async Task<AppProcess> StartAsync(string root, IReadOnlyDictionary<string, string>? settings = null, bool withMetrics = false,
        int port = 0, string? dataDir = null, bool expectSetup = true)
    {
        var project = Path.Combine(root, "src", "MeetingBoard.Web");
        var dll = Path.Combine(project, "bin", "Release", "net10.0", "MeetingBoard.Web.dll");
        if (port == 0) port = FreePort();
        var data = dataDir ?? Directory.CreateTempSubdirectory("meetingboard-bench-").FullName;
        var baseUrl = $"http://127.0.0.1:{port}";
        var metricsPort = withMetrics ? FreePort() : 0;
        var psi = new ProcessStartInfo("dotnet", [dll, "--urls", withMetrics ? $"{baseUrl};http://127.0.0.1:{metricsPort}" : baseUrl])
        {
            WorkingDirectory = project,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["MeetingBoard__DataDirectory"] = data;
        psi.Environment["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning";
        // 300 people join one meeting from one address within minutes: above the default join limit per code.
        psi.Environment["MeetingBoard__JoinsPerCodeAllowed"] = "100000";
        // The floor page of scenario F (and nothing else) exists only with this.
        psi.Environment["MeetingBoard__Benchmarks__Enabled"] = "true";
        if (Gc != "") psi.Environment["DOTNET_gcServer"] = Gc == "server" ? "1" : "0";
        if (Environment.GetEnvironmentVariable("BENCH_DETAILED_ERRORS") == "1") psi.Environment["DetailedErrors"] = "true";
        if (withMetrics)
        {
            psi.Environment["MeetingBoard__Metrics__Enabled"] = "true";
            psi.Environment["MeetingBoard__Metrics__Port"] = metricsPort.ToString();
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) psi.Environment[key] = value;
        var process = Process.Start(psi)!;
        var setup = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            if (!setup.Task.IsCompleted)
            {
                lock (log) log.AppendLine(e.Data);
                var m = Regex.Match(e.Data, @"Create the first one here \(this link works once\): (\S+)");
                if (m.Success) setup.TrySetResult(new Uri(m.Groups[1].Value).AbsolutePath);
                else if (!expectSetup && e.Data.StartsWith("MeetingBoard is running at")) setup.TrySetResult("");
            }
            else if (e.Data.Contains("fail:") || e.Data.Contains("crit:")) Console.WriteLine($"[app] {e.Data}");
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.WriteLine($"[app err] {e.Data}"); };
        process.Exited += (_, _) => setup.TrySetException(new InvalidOperationException("The app exited:\n" + log));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { if (!process.HasExited) process.Kill(true); } catch { } };
        var done = await Task.WhenAny(setup.Task, Task.Delay(TimeSpan.FromSeconds(90)));
        if (done != setup.Task) { process.Kill(true); throw new TimeoutException("The app did not start within 90 s:\n" + log); }
        var app = new AppProcess { Process = process, Base = baseUrl, SetupPath = await setup.Task, DataDir = data, Port = port, MetricsBase = withMetrics ? $"http://127.0.0.1:{metricsPort}" : null };
        Console.WriteLine($"App pid {app.Pid} at {baseUrl}");
        return app;
    }

    public void Kill()
    {
        try { if (!Process.HasExited) Process.Kill(true); } catch { }
    }

    /// <summary>kill -9, keeping the data directory: for a restart on the same port and data.</summary>
    public async Task CrashAsync()
    {
        Process.Kill(true);
        await Process.WaitForExitAsync();
    }

    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    static readonly HttpClient Scraper = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>One scrape of the app's metrics: each sample's value summed by metric name (labels ignored).</summary>
    public async Task<Dictionary<string, double>> ScrapeAsync()
    {
        var text = await Scraper.GetStringAsync(MetricsBase + "/metrics");
        var sums = new Dictionary<string, double>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var name = line[..line.IndexOfAny(['{', ' '])];
            // "name{labels} value": the exporter writes no timestamps.
            if (double.TryParse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture, out var v))
                sums[name] = sums.GetValueOrDefault(name) + v;
        }
        return sums;
    }

    /// <summary>User + system CPU time of the app so far, from /proc/pid/stat.</summary>
    public TimeSpan Cpu()
    {
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // After the command: field 3 is state, so utime (14) and stime (15) are at 11 and 12.
        var ticks = long.Parse(fields[11]) + long.Parse(fields[12]);
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    /// <summary>Resident set size in KiB, from /proc/pid/status.</summary>
    public long RssKb()
    {
        foreach (var line in File.ReadLines($"/proc/{Pid}/status"))
            if (line.StartsWith("VmRSS:")) return long.Parse(Regex.Match(line, @"\d+").Value);
        return 0;
    }

    public bool KeepData;

    public async ValueTask DisposeAsync()
    {
        try { if (!Process.HasExited) Process.Kill(true); await Process.WaitForExitAsync(); } catch { }
        if (!KeepData) try { Directory.Delete(DataDir, true); } catch { }
    }
}

/// <summary>A browser's HTTP side: its own cookies, no automatic redirects, the last page's antiforgery token.</summary>
sealed class Browser(string baseUrl)
{
    static readonly HttpClient Http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false, MaxConnectionsPerServer = 64 })
    { Timeout = TimeSpan.FromSeconds(120) };

    public string Base { get; } = baseUrl;
    public Dictionary<string, string> Cookies { get; } = [];
    public string Token { get; private set; } = "";

    public string CookieHeader() => string.Join("; ", Cookies.Select(c => $"{c.Key}={c.Value}"));

    void Keep(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Set-Cookie", out var lines)) return;
        foreach (var line in lines)
        {
            var parts = line.Split(';');
            var eq = parts[0].IndexOf('=');
            var name = parts[0][..eq].Trim();
            var value = parts[0][(eq + 1)..].Trim();
            var expired = parts.Skip(1).Any(a => Regex.IsMatch(a, @"^\s*(max-age=0|expires=thu, 01 jan 1970)", RegexOptions.IgnoreCase));
            if (expired || value == "") Cookies.Remove(name);
            else Cookies[name] = value;
        }
    }

    public async Task<(HttpStatusCode Status, string Html, string? Location)> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Base + path);
        request.Headers.TryAddWithoutValidation("Cookie", CookieHeader());
        using var response = await Http.SendAsync(request);
        Keep(response);
        var html = await response.Content.ReadAsStringAsync();
        var m = Regex.Match(html, "<meta name=\"mb-antiforgery\" content=\"([^\"]*)\"");
        if (m.Success) Token = WebUtility.HtmlDecode(m.Groups[1].Value);
        else if (Regex.Match(html, "name=\"__RequestVerificationToken\" value=\"([^\"]*)\"") is { Success: true } h) Token = WebUtility.HtmlDecode(h.Groups[1].Value);
        return (response.StatusCode, html, response.Headers.Location?.ToString());
    }

    public async Task<(HttpStatusCode Status, string Text, string? Location)> PostAsync(string path, IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Base + path)
        {
            Content = new FormUrlEncodedContent(fields.Append(new("__RequestVerificationToken", Token))),
        };
        request.Headers.TryAddWithoutValidation("Cookie", CookieHeader());
        request.Headers.TryAddWithoutValidation("Origin", Base);
        using var response = await Http.SendAsync(request);
        Keep(response);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(), response.Headers.Location?.ToString());
    }

    public static string Hidden(string html, string name)
    {
        var m = Regex.Match(html, $"<input type=\"hidden\" name=\"{name}\" value=\"([^\"]*)\"");
        if (!m.Success) throw new InvalidOperationException($"No hidden field {name} on the page");
        return WebUtility.HtmlDecode(m.Groups[1].Value);
    }
}
