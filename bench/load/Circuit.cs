// One Blazor Server circuit opened without a browser: the SignalR .NET client speaking the MessagePack
// hub protocol under the name Blazor's hub expects ("blazorpack", version 1), as ASP.NET Core's own
// test client (Ignitor) once did. The render batches are read only as far as the bench needs: the
// strings they carry (is the new item's text there?) and the event handlers of elements with an id
// (the add form and its textarea), so that the facilitator can act as a browser does.
using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

/// <summary>The SignalR MessagePack protocol under the name Blazor's hub registers it: "blazorpack".</summary>
sealed class BlazorPackProtocol : IHubProtocol
{
    readonly MessagePackHubProtocol inner = new();
    public string Name => "blazorpack";
    public int Version => 1;
    public TransferFormat TransferFormat => TransferFormat.Binary;
    public bool IsVersionSupported(int version) => version == 1;
    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message)
    {
        var ok = inner.TryParseMessage(ref input, binder, out message);
        if (message is InvocationBindingFailureMessage failure)
            Console.WriteLine($"Could not bind {failure.Target}: {failure.BindingFailure.SourceException.Message}");
        return ok;
    }
    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);
    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);
}

sealed class Circuit : IAsyncDisposable
{
    public static long Now => Stopwatch.GetTimestamp();
    public static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;

    readonly Browser browser;
    HubConnection connection = default!;
    string circuitId = "";
    long rendererInteropId;
    long nextCallId;
    readonly Dictionary<string, TaskCompletionSource<(bool Ok, string? Result)>> calls = [];

    public string Path { get; }
    public int Batches;
    public long BatchBytes;
    /// <summary>Components rendered, over every batch so far (a batch lists each component that rendered, even with no edits).</summary>
    public long ComponentsRendered;
    /// <summary>Element id → event name (onsubmit, onchange…) → event handler id, from every batch so far.</summary>
    public readonly Dictionary<string, Dictionary<string, ulong>> Handlers = [];
    public readonly HashSet<ulong> DisposedHandlers = [];
    readonly Dictionary<(int, string), string> owners = [];
    readonly List<(byte[] Needle, TaskCompletionSource<long> Seen)> waits = [];
    public string? Error;

    Circuit(Browser browser, string path) { this.browser = browser; Path = path; }

    /// <param name="readyText">The circuit counts as open when a render batch carrying this text has arrived.</param>
    public static async Task<Circuit> OpenAsync(Browser browser, string path, bool trackHandlers = false, string readyText = "mb-board")
    {
        var c = new Circuit(browser, path) { TrackHandlers = trackHandlers };
        await c.StartAsync(readyText);
        return c;
    }

    /// <summary>Arrival of the last render batch (Stopwatch ticks).</summary>
    public long LastBatchAt;
    readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    /// <summary>Completes when the connection closes other than by <see cref="DisposeAsync"/> (the server went away).</summary>
    public Task Closed => closed.Task;
    public string CircuitId => circuitId;
    public Browser Browser => browser;

    HubConnection Connect()
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(browser.Base + "/_blazor", HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.Headers["Cookie"] = browser.CookieHeader();
                o.WebSocketConfiguration = ws => ws.SetRequestHeader("Origin", browser.Base);
            });
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        var c = builder.Build();
        c.ServerTimeout = TimeSpan.FromMinutes(5);
        return c;
    }

    /// <summary>
    /// What blazor.web.js tries first when its connection drops: a new connection and ConnectCircuit with the
    /// old circuit's id. False when the server no longer has the circuit (it restarted): the page then reloads.
    /// </summary>
    public async Task<bool> TryResumeAsync()
    {
        var c = Connect();
        try
        {
            await c.StartAsync();
            return await c.InvokeAsync<bool>("ConnectCircuit", circuitId);
        }
        finally
        {
            await c.DisposeAsync();
        }
    }

    async Task StartAsync(string readyText)
    {
        var (status, html, _) = await browser.GetAsync(Path);
        if (status != HttpStatusCode.OK) throw new InvalidOperationException($"GET {Path}: {(int)status}");
        var markers = Regex.Matches(html, "<!--Blazor:(\\{.*?\\})-->").Select(m => JsonDocument.Parse(m.Groups[1].Value).RootElement)
            .Where(e => e.TryGetProperty("type", out var t) && t.GetString() == "server").ToList();
        var state = Regex.Match(html, "<!--Blazor-Server-Component-State:(.*?)-->", RegexOptions.Singleline).Groups[1].Value;
        if (markers.Count == 0) throw new InvalidOperationException($"No server component markers on {Path}");

        connection = Connect();
        connection.On<long, byte[]>("JS.RenderBatch", OnRenderBatch);
        // .NET 10: asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType.
        connection.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], OnBeginInvokeJs);
        connection.On("JS.AttachComponent", [typeof(object), typeof(object)], _ => Task.CompletedTask);
        connection.On("JS.EndUpdateRootComponents", [typeof(object)], _ => Task.CompletedTask);
        connection.On("JS.EndInvokeDotNet", [typeof(string), typeof(bool), typeof(string)], args =>
        {
            var id = (string)args[0]!;
            TaskCompletionSource<(bool, string?)>? tcs;
            lock (calls) calls.Remove(id, out tcs);
            tcs?.TrySetResult(((bool)args[1]!, args[2] as string));
            return Task.CompletedTask;
        });
        connection.On<string>("JS.Error", e => { Error = e; if (!closing) Console.WriteLine($"JS.Error on {Path}: {e}"); });
        connection.Closed += e =>
        {
            if (e is not null) Error ??= e.Message;
            if (!closing) closed.TrySetResult();
            return Task.CompletedTask;
        };
        await connection.StartAsync();

        circuitId = await connection.InvokeAsync<string>("StartCircuit", browser.Base + "/", browser.Base + Path, "[]", state);
        if (string.IsNullOrEmpty(circuitId)) throw new InvalidOperationException($"StartCircuit refused on {Path}");
        var operations = markers.Select((m, i) => new
        {
            type = "add",
            ssrComponentId = i + 1,
            marker = new
            {
                type = "server",
                prerenderId = m.TryGetProperty("prerenderId", out var p) ? p.GetString() : null,
                key = m.TryGetProperty("key", out var k) ? k : default(JsonElement?),
                sequence = m.GetProperty("sequence").GetInt32(),
                descriptor = m.GetProperty("descriptor").GetString(),
                uniqueId = i,
            },
        });
        var json = JsonSerializer.Serialize(new { batchId = 1, operations }, new JsonSerializerOptions { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull });
        await connection.SendAsync("UpdateRootComponents", json, state);
        // The page's first batches: the head, then the board (whose element ids travel in the string table).
        var board = WaitForText(readyText);
        var done = await Task.WhenAny(board, Task.Delay(TimeSpan.FromSeconds(60)));
        if (done != board) throw new TimeoutException($"No render batch with {readyText} within 60 s on {Path}");
    }

    async Task OnRenderBatch(long batchId, byte[] bytes)
    {
        var at = Now;
        LastBatchAt = at;
        Interlocked.Increment(ref Batches);
        Interlocked.Add(ref BatchBytes, bytes.Length);
        Interlocked.Add(ref ComponentsRendered, RenderBatchReader.ComponentsIn(bytes));
        if (TrackHandlers && Environment.GetEnvironmentVariable("BENCH_DUMP_BATCHES") is { } dump)
            File.WriteAllBytes(System.IO.Path.Combine(dump, $"batch-{batchId}.bin"), bytes);
        if (TrackHandlers)
            try { lock (Handlers) RenderBatchReader.Read(bytes, Handlers, DisposedHandlers, owners); }
            catch (Exception e) { Console.WriteLine($"Could not read a render batch: {e.Message}"); }
        lock (waits)
            for (var i = waits.Count - 1; i >= 0; i--)
                if (bytes.AsSpan().IndexOf(waits[i].Needle) >= 0)
                {
                    waits[i].Seen.TrySetResult(at);
                    waits.RemoveAt(i);
                }
        await connection.SendAsync("OnRenderCompleted", batchId, (string?)null);
    }

    /// <summary>Only the facilitator needs handler ids; participants only look for text.</summary>
    public bool TrackHandlers;
    static readonly bool TraceJs = Environment.GetEnvironmentVariable("BENCH_TRACE_JS") == "1";

    async Task OnBeginInvokeJs(object?[] args)
    {
        var handle = (long)args[0]!;
        var identifier = args[1] as string;
        var argsJson = args[2] as string;
        if (TraceJs) Console.WriteLine($"JS call {handle} {identifier} {argsJson} result {args[3]}");
        if (identifier == "Blazor._internal.attachWebRendererInterop" && argsJson is not null
            && Regex.Match(argsJson, "\"__dotNetObject\":(\\d+)") is { Success: true } m)
            rendererInteropId = long.Parse(m.Groups[1].Value);
        if (handle != 0)
            await connection.SendAsync("EndInvokeJSFromDotNet", handle, true, $"[{handle},true,null]");
    }

    /// <summary>A task that completes with the arrival time of the first render batch that contains the text.</summary>
    public Task<long> WaitForText(string text)
    {
        var tcs = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (waits) waits.Add((Encoding.UTF8.GetBytes(text), tcs));
        return tcs.Task;
    }

    /// <summary>Waits until a render batch has given the element (an id, or "ancestor-id>text": see RenderBatchReader) a handler for the event.</summary>
    public async Task<ulong> WaitForHandler(string key, string eventName, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (Handlers)
                if (Handlers.TryGetValue(key, out var h) && h.TryGetValue(eventName, out var id) && !DisposedHandlers.Contains(id)) return id;
            if (DateTime.UtcNow > until)
            {
                if (Environment.GetEnvironmentVariable("BENCH_TRACE_HANDLERS") == "1")
                    lock (Handlers) Console.WriteLine("Handlers: " + string.Join("; ", Handlers.Select(h => $"{h.Key} [{string.Join(",", h.Value.Select(e => $"{e.Key}={e.Value}{(DisposedHandlers.Contains(e.Value) ? "(disposed)" : "")}"))}]")));
                throw new TimeoutException($"No {eventName} handler on {key} in {Path} within {timeout.TotalSeconds:N0} s");
            }
            await Task.Delay(20);
        }
    }

    /// <summary>Until no render batch has arrived for <paramref name="quiet"/> (or <paramref name="limit"/> has passed).</summary>
    public async Task QuietAsync(TimeSpan quiet, TimeSpan limit)
    {
        var from = Now;
        while (Ms(LastBatchAt, Now) < quiet.TotalMilliseconds && Ms(from, Now) < limit.TotalMilliseconds) await Task.Delay(50);
    }

    /// <summary>Dispatches an event on an element found by key, and throws when the app refuses it.</summary>
    public async Task ActAsync(string key, string eventName, object eventArgs)
    {
        var handler = await WaitForHandler(key, eventName, TimeSpan.FromSeconds(30));
        var r = await DispatchAsync(handler, eventName == "onclick" ? "click" : eventName[2..], eventArgs);
        if (!r.Ok) throw new InvalidOperationException($"{eventName} on {key} refused: {r.Result}");
    }

    public ulong Handler(string elementId, string eventName)
    {
        lock (Handlers)
            return Handlers.TryGetValue(elementId, out var h) && h.TryGetValue(eventName, out var id) ? id
                : throw new InvalidOperationException($"No {eventName} handler on #{elementId} in {Path}");
    }

    /// <summary>The ids of elements that have a handler for the event, and pass the test.</summary>
    public List<string> ElementsWith(string eventName, Func<string, bool> test)
    {
        lock (Handlers) return [.. Handlers.Where(h => h.Value.ContainsKey(eventName) && test(h.Key)).Select(h => h.Key)];
    }

    public bool IsDisposed(ulong handler)
    {
        lock (Handlers) return DisposedHandlers.Contains(handler);
    }

    /// <summary>Dispatches a browser event the way blazor.web.js does (.NET 8 and later): DispatchEventAsync on the renderer's interop object.</summary>
    public async Task<(bool Ok, string? Result)> DispatchAsync(ulong handlerId, string eventName, object eventArgs)
    {
        if (rendererInteropId == 0) throw new InvalidOperationException("The renderer's interop object was not attached");
        var callId = Interlocked.Increment(ref nextCallId).ToString();
        var tcs = new TaskCompletionSource<(bool, string?)>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (calls) calls[callId] = tcs;
        var argsJson = JsonSerializer.Serialize(new object[] { new { eventHandlerId = handlerId, eventName }, eventArgs });
        await connection.SendAsync("BeginInvokeDotNetFromJS", callId, (string?)null, "DispatchEventAsync", rendererInteropId, argsJson);
        var done = await Task.WhenAny(tcs.Task, Task.Delay(TimeSpan.FromSeconds(60)));
        if (done != tcs.Task) throw new TimeoutException($"No answer to the {eventName} event within 60 s");
        return await tcs.Task;
    }

    static bool warnedDisconnect;
    volatile bool closing;

    public async ValueTask DisposeAsync()
    {
        try
        {
            closing = true;
            // As the page does when it is closed: the disconnect beacon, then the connection goes.
            var (status, _, _) = await browser.PostAsync("/_blazor/disconnect", [new("circuitId", circuitId)]);
            if (status != HttpStatusCode.OK && !warnedDisconnect) { warnedDisconnect = true; Console.WriteLine($"_blazor/disconnect answered {(int)status}"); }
            await connection.DisposeAsync();
        }
        catch { }
    }
}

/// <summary>
/// Reads what the bench needs from a render batch (RenderBatchWriter's format): the reference frames
/// (element, attribute… each 20 bytes) with their strings, and the disposed event handler ids.
/// </summary>
static class RenderBatchReader
{
    const int Element = 1, TextFrame = 2, Attribute = 3, Region = 5, Markup = 8;

    sealed class OpenElement(int end)
    {
        public int End { get; } = end;
        public string? Id;
        public Dictionary<string, ulong> Events { get; } = [];
        public StringBuilder Text { get; } = new();
    }
    const int PrependFrame = 1, SetAttribute = 3;

    /// <summary>How many components rendered in this batch: the count of its updated components' diffs.</summary>
    public static int ComponentsIn(byte[] b) => BitConverter.ToInt32(b, BitConverter.ToInt32(b, b.Length - 5 * 4));

    /// <summary>
    /// Element ids and their event handlers, from the frames each component prepends; and when a component
    /// later sets an event attribute again (a new handler id), the element that component had with that event.
    /// </summary>
    public static void Read(byte[] b, Dictionary<string, Dictionary<string, ulong>> handlers, HashSet<ulong> disposed,
        Dictionary<(int Component, string Event), string> owners)
    {
        // The batch ends with the offsets of its sections: updated components, reference frames, disposed
        // components, disposed event handlers, string table.
        var end = b.Length - 5 * 4;
        int Int(int at) => BitConverter.ToInt32(b, at);
        var updated = Int(end);
        var referenceFrames = Int(end + 4);
        var disposedHandlers = Int(end + 12);
        var stringTable = Int(end + 16);
        string? Str(int index)
        {
            if (index < 0) return null;
            var at = Int(stringTable + 4 * index);
            // A BinaryWriter string: 7-bit encoded length, then UTF-8.
            int length = 0, shift = 0;
            byte x;
            do { x = b[at++]; length |= (x & 0x7f) << shift; shift += 7; } while ((x & 0x80) != 0);
            return Encoding.UTF8.GetString(b, at, length);
        }
        int Frame(int index) => referenceFrames + 4 + 20 * index;

        // Elements with an event handler are keyed by their id; without one, by the nearest enclosing element
        // with an id in the same frames (or nothing) and their text: "item-abc>Change this item", ">Let in Sam".
        void Scan(int component, int from, int count)
        {
            var open = new List<OpenElement>();
            void Finish(OpenElement e)
            {
                if (e.Events.Count == 0) return;
                var key = e.Id ?? (open.LastOrDefault(o => o.Id is not null)?.Id ?? "") + ">" + Regex.Replace(e.Text.ToString(), @"\s+", " ").Trim();
                handlers[key] = e.Events;
                foreach (var name in e.Events.Keys) owners[(component, name)] = key;
            }
            void CloseUpTo(int index)
            {
                while (open.Count > 0 && open[^1].End <= index)
                {
                    var e = open[^1];
                    open.RemoveAt(open.Count - 1);
                    Finish(e);
                }
            }
            // Attribute frames right after an element are its attributes; after a component frame, its parameters.
            OpenElement? attributesOf = null;
            for (var i = from; i < from + count; i++)
            {
                CloseUpTo(i);
                var at = Frame(i);
                var type = Int(at);
                if (type != Attribute) attributesOf = null;
                if (type == Element) open.Add(attributesOf = new OpenElement(i + Math.Max(1, Int(at + 4))));
                else if (type == Attribute && attributesOf is not null)
                {
                    var name = Str(Int(at + 4));
                    var handler = BitConverter.ToUInt64(b, at + 12);
                    if (name == "id") attributesOf.Id = Str(Int(at + 8));
                    else if (handler != 0 && name is not null) attributesOf.Events[name] = handler;
                }
                else if (type is TextFrame or Markup && Str(Int(at + 4)) is { } text)
                {
                    var plain = type == Markup ? Regex.Replace(text, "<[^>]*>", " ") : text;
                    foreach (var e in open) e.Text.Append(plain);
                }
            }
            CloseUpTo(int.MaxValue);
        }

        var diffs = Int(updated);
        for (var d = 0; d < diffs; d++)
        {
            var at = Int(updated + 4 + 4 * d);
            var component = Int(at);
            var edits = Int(at + 4);
            for (var e = 0; e < edits; e++)
            {
                var edit = at + 8 + 16 * e;
                var type = Int(edit);
                var frame = Int(edit + 8);
                if (type == PrependFrame)
                {
                    var f = Frame(frame);
                    var frameType = Int(f);
                    Scan(component, frame, frameType is Element or Region ? Math.Max(1, Int(f + 4)) : 1);
                }
                else if (type == SetAttribute)
                {
                    var f = Frame(frame);
                    var name = Str(Int(f + 4));
                    var handler = BitConverter.ToUInt64(b, f + 12);
                    if (handler != 0 && name is not null && owners.TryGetValue((component, name), out var key) && handlers.TryGetValue(key, out var events))
                        events[name] = handler;
                }
            }
        }

        var disposedCount = Int(disposedHandlers);
        for (var i = 0; i < disposedCount; i++) disposed.Add(BitConverter.ToUInt64(b, disposedHandlers + 4 + 8 * i));
    }
}
