// Scenario D's target: three app processes on one PostgreSQL and one Redis, behind nginx with affinity,
// each started on a free loopback port in /tmp, as tests/…/NodesBehindNginx.cs and deploy/local/cluster.sh do.
using System.Diagnostics;
using System.Net.Sockets;

sealed class Cluster : ITarget
{
    readonly string dir = Directory.CreateTempSubdirectory("meetingboard-bench-cluster-").FullName;
    readonly List<Process> services = [];
    int pgPort;
    public List<AppProcess> Nodes { get; } = [];
    public string Base { get; private set; } = "";
    public string SetupPath { get; private set; } = "";

    public TimeSpan Cpu() => Nodes.Aggregate(TimeSpan.Zero, (t, n) => t + n.Cpu());
    public long RssKb() => Nodes.Sum(n => n.RssKb());
    /// <summary>PostgreSQL, Redis and nginx together: their main processes and their children (backends, workers), from /proc.</summary>
    public TimeSpan ServicesCpu()
    {
        var roots = services.Select(p => p.Id).ToHashSet();
        try { roots.Add(int.Parse(File.ReadLines(Path.Combine(dir, "pg", "postmaster.pid")).First())); } catch { }
        var ticks = 0L;
        foreach (var d in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(d), out var pid)) continue;
            try
            {
                var stat = File.ReadAllText(Path.Combine(d, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (!roots.Contains(pid) && !roots.Contains(int.Parse(fields[1]))) continue;
                ticks += long.Parse(fields[11]) + long.Parse(fields[12]);
            }
            catch { }
        }
        return TimeSpan.FromSeconds(ticks / 100.0);
    }

    public static async Task<Cluster> StartAsync(string root, int nodes)
    {
        var c = new Cluster();
        try
        {
            await c.StartPostgresAsync();
            var redisPort = AppProcess.FreePort();
            c.Spawn("/usr/bin/redis-server", ["--bind", "127.0.0.1", "--port", redisPort.ToString(), "--save", "", "--appendonly", "no",
                "--protected-mode", "no", "--daemonize", "no", "--dir", c.dir, "--logfile", Path.Combine(c.dir, "redis.log")]);
            await WaitForPortAsync(redisPort);
            var settings = new Dictionary<string, string>
            {
                ["MeetingBoard__Store"] = "Postgres",
                ["MeetingBoard__Postgres__ConnectionString"] = $"Host=127.0.0.1;Port={c.pgPort};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=50",
                ["MeetingBoard__Bus"] = "Redis",
                ["MeetingBoard__Redis__Endpoint"] = $"127.0.0.1:{redisPort}",
            };
            // The first node creates the schema; the others start beside it.
            c.Nodes.Add(await AppProcess.StartAsync(root, settings));
            c.SetupPath = c.Nodes[0].SetupPath;
            for (var i = 1; i < nodes; i++) c.Nodes.Add(await AppProcess.StartAsync(root, settings));
            var nginxPort = AppProcess.FreePort();
            var servers = string.Concat(c.Nodes.Select(n => $"    server 127.0.0.1:{n.Port} max_fails=1 fail_timeout=5s;\n"));
            await File.WriteAllTextAsync(Path.Combine(c.dir, "nginx.conf"), $$"""
                worker_processes 1;
                daemon off;
                pid {{c.dir}}/nginx.pid;
                error_log {{c.dir}}/nginx-error.log warn;
                events { worker_connections 8192; }
                http {
                  access_log off;
                  client_body_temp_path {{c.dir}}/body;
                  proxy_temp_path {{c.dir}}/proxy;
                  fastcgi_temp_path {{c.dir}}/fastcgi;
                  uwsgi_temp_path {{c.dir}}/uwsgi;
                  scgi_temp_path {{c.dir}}/scgi;
                  map $http_upgrade $connection_upgrade { default upgrade; '' close; }
                  upstream meetingboard {
                    hash $cookie_mb_affinity consistent;
                {{servers}}  }
                  server {
                    listen 127.0.0.1:{{nginxPort}};
                    location / {
                      proxy_pass http://meetingboard;
                      proxy_http_version 1.1;
                      proxy_set_header Host $http_host;
                      proxy_set_header Upgrade $http_upgrade;
                      proxy_set_header Connection $connection_upgrade;
                      proxy_read_timeout 1h;
                      proxy_next_upstream error timeout http_502 http_503;
                    }
                  }
                }
                """);
            c.Spawn("/usr/sbin/nginx", ["-c", Path.Combine(c.dir, "nginx.conf"), "-p", c.dir, "-e", Path.Combine(c.dir, "nginx-error.log")]);
            await WaitForPortAsync(nginxPort);
            c.Base = $"http://127.0.0.1:{nginxPort}";
            Console.WriteLine($"Cluster: nodes on {string.Join(", ", c.Nodes.Select(n => n.Port))} (pids {string.Join(", ", c.Nodes.Select(n => n.Pid))}), " +
                              $"PostgreSQL on {c.pgPort}, Redis on {redisPort}, nginx at {c.Base}; files in {c.dir}");
            return c;
        }
        catch
        {
            await c.DisposeAsync();
            throw;
        }
    }

    async Task StartPostgresAsync()
    {
        pgPort = AppProcess.FreePort();
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderByDescending(d => d).FirstOrDefault() ?? throw new InvalidOperationException("No PostgreSQL under /usr/lib/postgresql");
        var data = Path.Combine(dir, "pg");
        if (Environment.UserName == "root") await RunAsync("chown", ["postgres:postgres", dir], asPostgres: false);
        await RunAsync(Path.Combine(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-l", Path.Combine(dir, "pg.log"), "-w", "-t", "60",
            "-o", $"-c listen_addresses=127.0.0.1 -p {pgPort} -k {dir} -c fsync=off -c max_connections=300", "start"]);
        pgStop = () => RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", data, "-w", "-m", "immediate", "stop"]);
    }

    Func<Task>? pgStop;

    void Spawn(string file, string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        services.Add(p);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { if (!p.HasExited) p.Kill(true); } catch { } };
    }

    static async Task WaitForPortAsync(int port)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync("127.0.0.1", port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < until) { await Task.Delay(50); }
        }
    }

    static async Task RunAsync(string file, string[] args, bool asPostgres = true)
    {
        var root = Environment.UserName == "root";
        var psi = new ProcessStartInfo(asPostgres && root ? "runuser" : file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = "/tmp" };
        if (asPostgres && root) foreach (var a in new[] { "-u", "postgres", "--", file }) psi.ArgumentList.Add(a);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed: {await stdout} {await stderr}");
    }

    public void Kill()
    {
        foreach (var n in Nodes) n.Kill();
        foreach (var p in services) try { if (!p.HasExited) p.Kill(true); } catch { }
        try { pgStop?.Invoke().Wait(TimeSpan.FromSeconds(20)); } catch { }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var n in Nodes) await n.DisposeAsync();
        foreach (var p in services) try { if (!p.HasExited) { p.Kill(true); await p.WaitForExitAsync(); } } catch { }
        try { if (pgStop is not null) await pgStop(); } catch { }
        try { Directory.Delete(dir, true); } catch { }
    }
}
