using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MeetingBoard.Web.Tests.Infrastructure;

/// <summary>
/// The meeting hub spoken to over a raw WebSocket with SignalR's JSON protocol (the .NET SignalR
/// client does not restore here). It can send any Origin and any cookies, as a hostile page or a
/// script could: that is what the hub's own checks must withstand.
/// </summary>
public sealed class HubClient : IAsyncDisposable
{
    const char RecordSeparator = '\u001e';
    readonly ClientWebSocket socket;
    readonly StringBuilder pending = new();
    readonly Decoder decoder = Encoding.UTF8.GetDecoder(); // a character may be split across two frames
    int invocations;

    HubClient(ClientWebSocket socket) => this.socket = socket;

    /// <summary>What came back for one call: the error (null when it succeeded) and what the server sent meanwhile.</summary>
    public sealed record Result(string? Error, IReadOnlyList<JsonObject> Received)
    {
        public IEnumerable<JsonObject> Calls(string target) => Received.Where(m => (string?)m["target"] == target);
    }

    /// <summary>Opens the WebSocket and completes the handshake; throws <see cref="RefusedException"/> when the upgrade is refused.</summary>
    public static async Task<HubClient> ConnectAsync(TestApp app, string? cookieHeader, string? origin)
    {
        var socket = new ClientWebSocket();
        socket.Options.CollectHttpResponseDetails = true;
        if (!string.IsNullOrEmpty(cookieHeader)) socket.Options.SetRequestHeader("Cookie", cookieHeader);
        if (origin is not null) socket.Options.SetRequestHeader("Origin", origin);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await socket.ConnectAsync(new Uri($"ws://127.0.0.1:{app.Port}/hubs/meeting"), timeout.Token);
        }
        catch (WebSocketException e)
        {
            var status = socket.HttpStatusCode;
            socket.Dispose();
            throw new RefusedException(status, e);
        }
        var client = new HubClient(socket);
        await client.SendAsync("""{"protocol":"json","version":1}""");
        var handshake = await client.ReceiveAsync();
        if (handshake["error"] is { } error) throw new InvalidOperationException($"Handshake refused: {error}");
        return client;
    }

    /// <summary>The server answered the upgrade request with <see cref="Status"/> instead of switching to WebSocket.</summary>
    public sealed class RefusedException(HttpStatusCode status, Exception inner) : Exception($"WebSocket upgrade refused: {status}", inner)
    {
        public HttpStatusCode Status { get; } = status;
    }

    public Task<Result> WatchAsync(string meetingId, long version, string page, string? screenKey) =>
        InvokeAsync("Watch", meetingId, version, page, screenKey);

    public async Task<Result> InvokeAsync(string target, params object?[] arguments)
    {
        var id = (++invocations).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = id, target, arguments }));
        var received = new List<JsonObject>();
        while (true)
        {
            var message = await ReceiveAsync();
            var type = (int?)message["type"];
            if (type == 3 && (string?)message["invocationId"] == id)
                return new Result((string?)message["error"], received);
            if (type == 7) return new Result((string?)message["error"] ?? "closed", received);
            if (type == 1) received.Add(message);
        }
    }

    /// <summary>Messages the server sends next, until it goes quiet for <paramref name="quiet"/> or closes the socket.</summary>
    public async Task<List<JsonObject>> DrainAsync(TimeSpan quiet)
    {
        var received = new List<JsonObject>();
        while (true)
        {
            using var cts = new CancellationTokenSource(quiet);
            try
            {
                var m = await ReceiveAsync(cts.Token);
                if ((int?)m["type"] == 1) received.Add(m);
                if ((int?)m["type"] == 7 && m["socketClosed"] is not null) return received;
            }
            catch (OperationCanceledException) { return received; }
            catch (WebSocketException) { return received; }
        }
    }

    /// <summary>
    /// The next call of <paramref name="target"/> the server makes that <paramref name="matches"/>; throws after 10 s
    /// without one. Calls passed over on the way are added to <paramref name="passed"/>.
    /// </summary>
    public async Task<JsonObject> NextAsync(string target, Func<JsonObject, bool>? matches = null, List<JsonObject>? passed = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var m = await ReceiveAsync(timeout.Token);
            if ((int?)m["type"] == 7) throw new InvalidOperationException($"The connection closed while waiting for {target}");
            if ((int?)m["type"] != 1) continue;
            if ((string?)m["target"] == target && (matches?.Invoke(m) ?? true)) return m;
            passed?.Add(m);
        }
    }

    public WebSocketState State => socket.State;

    async Task SendAsync(string json) =>
        await socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    async Task<JsonObject> ReceiveAsync(CancellationToken ct = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        var buffer = new byte[16 * 1024];
        var chars = new char[16 * 1024];
        while (true)
        {
            var text = pending.ToString();
            var end = text.IndexOf(RecordSeparator);
            if (end >= 0)
            {
                pending.Remove(0, end + 1);
                return JsonNode.Parse(text[..end])!.AsObject();
            }
            var result = await socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
                return new JsonObject { ["type"] = 7, ["error"] = "closed by the server", ["socketClosed"] = true };
            pending.Append(chars, 0, decoder.GetChars(buffer, 0, result.Count, chars, 0));
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (socket.State == WebSocketState.Open)
                await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, new CancellationTokenSource(TimeSpan.FromSeconds(2)).Token);
        }
        catch (Exception e) when (e is WebSocketException or OperationCanceledException) { }
        socket.Dispose();
    }
}
