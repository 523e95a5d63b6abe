using System.Net;
using System.Net.Sockets;
using MeetingBoard.Web.Features.Accounts;
using MeetingBoard.Web.Storage;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MeetingBoard.Web.Tests.Infrastructure;

/// <summary>
/// The real app on real Kestrel, on a loopback port, with its own SQLite file in a temporary data
/// directory. <see cref="RestartAsync"/> stops the server and starts a new one on the same port and
/// data, as an operator's restart would: everything in memory is gone, only the store remains.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    readonly Dictionary<string, string?> settings;
    Factory factory;

    public string DataDirectory { get; }
    public int Port { get; }
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    TestApp(string dataDirectory, int port, Dictionary<string, string?> settings)
    {
        DataDirectory = dataDirectory;
        Port = port;
        this.settings = settings;
        factory = Start();
    }

    public static TestApp Start(IDictionary<string, string?>? settings = null)
    {
        var dir = Path.Combine(Path.GetTempPath(), "meetingboard-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return new TestApp(dir, FreePort(), new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>()));
    }

    public IServiceProvider Services => factory.Services;

    Factory Start()
    {
        var f = new Factory(DataDirectory, settings, Logs);
        // A metrics port is listened on beside the app's, as an operator adds it to ASPNETCORE_URLS.
        var metricsPort = settings.TryGetValue("MeetingBoard:Metrics:Port", out var p) && int.TryParse(p, out var mp) ? mp : (int?)null;
        f.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, Port);
            if (metricsPort is { } extra) o.Listen(IPAddress.Loopback, extra);
        });
        f.StartServer();
        var addresses = f.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        if (!addresses.Any(a => a.EndsWith($":{Port}", StringComparison.Ordinal)))
            throw new InvalidOperationException($"Expected to listen on {Port}, got {string.Join(", ", addresses)}");
        return f;
    }

    public async Task RestartAsync()
    {
        await factory.DisposeAsync();
        factory = Start();
    }

    /// <summary>Makes a facilitator account directly in the store; tests sign in through the form.</summary>
    public async Task<(string Email, string Password)> AddFacilitatorAsync(string name = "Alex Morgan")
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        const string password = "mossy kettle orbit lantern";
        var accounts = Services.GetRequiredService<IAccountStore>();
        await accounts.AddAsync(new FacilitatorAccount(Guid.NewGuid().ToString("N"), name, email, Passwords.Hash(password), DateTimeOffset.UtcNow));
        return (email, password);
    }

    public async ValueTask DisposeAsync()
    {
        await factory.DisposeAsync();
        try { Directory.Delete(DataDirectory, recursive: true); } catch (IOException) { }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Every log line the app wrote, across restarts, at every level.</summary>
    public LogCapture Logs { get; } = new();

    sealed class Factory(string dataDirectory, IReadOnlyDictionary<string, string?> settings, LogCapture logs) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("MeetingBoard:DataDirectory", dataDirectory);
            foreach (var (key, value) in settings) builder.UseSetting(key, value);
            builder.ConfigureLogging(l => l.AddProvider(logs).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace));
        }
    }
}
