using System.Diagnostics;

namespace MeetingBoard.Web.Tests.Infrastructure;

/// <summary>
/// The built web app as a separate process (`dotnet MeetingBoard.Web.dll`) on a free loopback port,
/// so a test can kill -9 it as a crash would.
/// </summary>
public sealed class NodeProcess : IAsyncDisposable
{
    readonly Process process;
    readonly string dataDirectory;

    readonly System.Collections.Concurrent.ConcurrentQueue<string> output = new();

    public int Port { get; }

    /// <summary>What the node printed (standard output and error), as an operator would see it.</summary>
    public IReadOnlyList<string> Output => [.. output];
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    NodeProcess(Process process, int port, string dataDirectory)
    {
        this.process = process;
        Port = port;
        this.dataDirectory = dataDirectory;
    }

    public static async Task<NodeProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var (dll, contentRoot) = FindApp();
        var port = PostgresServer.FreePort();
        var data = Path.Combine(Path.GetTempPath(), "meetingboard-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(data);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = contentRoot, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["MeetingBoard__DataDirectory"] = data;
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__")] = value;
        var process = Process.Start(start)!;
        var node = new NodeProcess(process, port, data);
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) node.output.Enqueue(line); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) node.output.Enqueue(line); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        await Eventually.TrueAsync(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"The node exited with {process.ExitCode}");
            try { return (await http.GetAsync(new Uri(node.BaseAddress, "/readyz"))).IsSuccessStatusCode; }
            catch (HttpRequestException) { return false; }
            catch (TaskCanceledException) { return false; }
        }, $"the node on {port} is ready", 60);
        return node;
    }

    /// <summary>kill -9: no shutdown, no goodbye to its connections.</summary>
    public async Task KillAsync()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process.Dispose();
        try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { }
    }

    /// <summary>The web project's own build output (same configuration as these tests), run from its folder so it finds wwwroot.</summary>
    static (string Dll, string ContentRoot) FindApp()
    {
        var bin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = bin.Name;
        var configuration = bin.Parent!.Name;
        var root = bin;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MeetingBoard.sln"))) root = root.Parent;
        if (root is null) throw new InvalidOperationException("Could not find the repository root from " + AppContext.BaseDirectory);
        var contentRoot = Path.Combine(root.FullName, "src", "MeetingBoard.Web");
        return (Path.Combine(contentRoot, "bin", configuration, framework, "MeetingBoard.Web.dll"), contentRoot);
    }
}
