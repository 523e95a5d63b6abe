using System.Net;
using System.Net.Sockets;

namespace MeetingBoard.Web.Tests.Infrastructure;

/// <summary>
/// A plain TCP relay between a browser and the app, on its own loopback port, that can drop the network:
/// <see cref="Cut"/> closes every open connection and refuses new ones (as Wi-Fi lost on a phone would look to
/// both ends) until <see cref="Restore"/>. The app keeps running throughout, so its circuits are still there.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly int target;
    readonly CancellationTokenSource stopping = new();
    readonly List<TcpClient> open = [];
    readonly Task accepting;
    volatile bool cut;

    TcpProxy(int targetPort)
    {
        target = targetPort;
        listener.Start();
        accepting = AcceptAsync();
    }

    public static TcpProxy To(Uri app) => new(app.Port);

    public Uri BaseAddress => new($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}/");

    public void Cut()
    {
        cut = true;
        lock (open)
        {
            foreach (var client in open) client.Dispose();
            open.Clear();
        }
    }

    public void Restore() => cut = false;

    async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient browser;
            try { browser = await listener.AcceptTcpClientAsync(stopping.Token); }
            catch (Exception) when (stopping.IsCancellationRequested) { return; }
            if (cut)
            {
                browser.Dispose();
                continue;
            }
            _ = RelayAsync(browser);
        }
    }

    async Task RelayAsync(TcpClient browser)
    {
        using var app = new TcpClient();
        try
        {
            await app.ConnectAsync(IPAddress.Loopback, target, stopping.Token);
            lock (open)
            {
                open.Add(browser);
                open.Add(app);
            }
            var a = browser.GetStream();
            var b = app.GetStream();
            await Task.WhenAny(a.CopyToAsync(b, stopping.Token), b.CopyToAsync(a, stopping.Token));
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // The cut, or either end closing: the relay ends.
        }
        finally
        {
            lock (open)
            {
                open.Remove(browser);
                open.Remove(app);
            }
            browser.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        Cut();
        await accepting;
        stopping.Dispose();
    }
}
