using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace MeetingBoard.Web.Tests.Infrastructure;

/// <summary>
/// A real PostgreSQL server for one test class: initdb into a temporary folder, pg_ctl start on
/// 127.0.0.1 and a free port, stopped and deleted afterwards. PostgreSQL refuses to run as root,
/// so when the tests run as root the server runs as the `postgres` user (Debian's package makes it).
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    readonly string directory = Path.Combine(Path.GetTempPath(), "meetingboard-pg-" + Guid.NewGuid().ToString("N"));
    string DataDirectory => Path.Combine(directory, "data");
    public int Port { get; } = FreePort();
    public bool IsRunning { get; private set; }

    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Timeout=5;Command Timeout=10;Pooling=true";

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(directory);
        if (IsRoot) await RunAsync("chown", ["postgres:postgres", directory], asPostgres: false);
        await RunAsync(Bin("initdb"), ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        await StartAsync();
    }

    public async Task StartAsync()
    {
        // fsync off: a test database need not survive a power cut, and it makes the tests faster.
        await RunAsync(Bin("pg_ctl"), ["-D", DataDirectory, "-l", Path.Combine(directory, "log"), "-w", "-t", "60",
            "-o", $"-c listen_addresses=127.0.0.1 -p {Port} -k {directory} -c fsync=off -c max_connections=200", "start"]);
        IsRunning = true;
    }

    /// <summary>Stops the server at once, as a crash or an operator's `pg_ctl stop -m immediate` would.</summary>
    public async Task StopAsync()
    {
        await RunAsync(Bin("pg_ctl"), ["-D", DataDirectory, "-w", "-m", "immediate", "stop"]);
        IsRunning = false;
        NpgsqlConnection.ClearAllPools();
    }

    /// <summary>A new empty database, so each test starts from nothing.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "t" + Guid.NewGuid().ToString("N");
        await using var c = new NpgsqlConnection(ConnectionString());
        await c.OpenAsync();
        await using var cmd = new NpgsqlCommand($"CREATE DATABASE {name}", c);
        await cmd.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (IsRunning) await StopAsync();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    static bool IsRoot => Environment.UserName == "root";

    static string Bin(string name)
    {
        if (Environment.GetEnvironmentVariable("MEETINGBOARD_PG_BIN") is { Length: > 0 } bin) return Path.Combine(bin, name);
        var found = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin", name))
                .Where(File.Exists)
                .OrderByDescending(p => int.TryParse(Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(p))), out var v) ? v : 0)
                .FirstOrDefault()
            : null;
        return found ?? name;
    }

    static async Task RunAsync(string file, string[] args, bool asPostgres = true)
    {
        var start = new ProcessStartInfo(asPostgres && IsRoot ? "runuser" : file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (asPostgres && IsRoot)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file }) start.ArgumentList.Add(a);
        }
        foreach (var a in args) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({process.ExitCode}): {await stdout} {await stderr}");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
