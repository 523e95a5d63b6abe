using System.Diagnostics;
using System.Net.Sockets;

namespace MeetingBoard.Web.Tests.Infrastructure;

/// <summary>
/// A real redis-server on 127.0.0.1 and a free port, with no persistence. <see cref="KillAsync"/>
/// and <see cref="StartAsync"/> let a test take it away and bring it back on the same port.
/// </summary>
public sealed class RedisServer : IAsyncLifetime
{
    Process? process;

    public int Port { get; } = PostgresServer.FreePort();
    public string Endpoint => $"127.0.0.1:{Port}";
    public string? Password { get; init; }

    public Task InitializeAsync() => StartAsync();

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(File.Exists("/usr/bin/redis-server") ? "/usr/bin/redis-server" : "redis-server")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in new[] { "--bind", "127.0.0.1", "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--save", "", "--appendonly", "no", "--protected-mode", "no", "--daemonize", "no" })
            start.ArgumentList.Add(a);
        if (Password is not null)
        {
            start.ArgumentList.Add("--requirepass");
            start.ArgumentList.Add(Password);
        }
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Ready when it accepts a connection.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                using var tcp = new TcpClient();
                await tcp.ConnectAsync("127.0.0.1", Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>SIGSTOP: the server keeps its connections open but answers nothing, like a partition or a paused VM.</summary>
    public Task PauseAsync() => SignalAsync("-STOP");

    public Task ResumeAsync() => SignalAsync("-CONT");

    async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [signal, process!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        if (kill.ExitCode != 0) throw new InvalidOperationException($"kill {signal} failed");
    }

    /// <summary>kill -9: no goodbye to the clients.</summary>
    public async Task KillAsync()
    {
        if (process is null) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
        process = null;
    }

    public Task DisposeAsync() => KillAsync();
}
