using System.Globalization;

namespace MeetingBoard.Web.Live.Redis;

/// <summary>
/// Tells every node through Redis pub/sub that a meeting changed. Local subscribers hear at once;
/// other nodes hear through Redis. Redis is only the fast path: when it is down, publishing is
/// skipped (the command has already committed), <see cref="IsConnected"/> turns false so /readyz
/// says "Degraded", and <see cref="CatchUpSweep"/> fills the gap from the store.
/// </summary>
public sealed class RedisBus : BackgroundService, IMeetingBus
{
    static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(2);
    static readonly TimeSpan HeartbeatEvery = TimeSpan.FromSeconds(5);
    static readonly TimeSpan SilenceLimit = TimeSpan.FromSeconds(15);
    static readonly TimeSpan FirstBackOff = TimeSpan.FromMilliseconds(100);
    static readonly TimeSpan MaxBackOff = TimeSpan.FromSeconds(5);

    readonly RedisOptions options;
    readonly ILogger<RedisBus> log;
    readonly InProcessBus local;
    readonly string channel;
    readonly string presenceChannel;
    readonly List<Func<string, PresenceNotice, Task>> presenceHandlers = [];
    // Our own notices come back from Redis too; the node id lets us skip them (already delivered locally).
    readonly string nodeId = Guid.NewGuid().ToString("N");

    readonly SemaphoreSlim publishGate = new(1, 1);
    RespConnection? publisher;
    DateTimeOffset publisherRetryAt;
    TimeSpan publisherBackOff = FirstBackOff;

    volatile bool subscribed;

    public RedisBus(MeetingBoardOptions options, ILoggerFactory logs) : this(options.Redis, logs) { }

    public RedisBus(RedisOptions options, ILoggerFactory logs)
    {
        this.options = options;
        log = logs.CreateLogger<RedisBus>();
        local = new InProcessBus(logs.CreateLogger<InProcessBus>());
        channel = options.ChannelPrefix + "changed";
        presenceChannel = options.ChannelPrefix + "presence";
    }

    /// <summary>True while this node is subscribed and so hears other nodes' changes at once.</summary>
    public bool IsConnected => subscribed;

    public void Subscribe(Func<MeetingChanged, Task> handler) => local.Subscribe(handler);

    public async Task PublishAsync(MeetingChanged notice, CancellationToken ct = default)
    {
        await local.PublishAsync(notice, ct);
        await SendAsync(channel, string.Create(CultureInfo.InvariantCulture, $"{nodeId} {notice.MeetingId} {notice.Version}"), notice.MeetingId, ct);
    }

    public void SubscribePresence(Func<string, PresenceNotice, Task> handler)
    {
        lock (presenceHandlers) presenceHandlers.Add(handler);
    }

    public Task AnnouncePresenceAsync(PresenceNotice notice, CancellationToken ct = default)
    {
        // Viewer keys are ids ("f:…", "p:…", "screen"): no spaces or commas, never names.
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{nodeId} {notice.MeetingId} {(long)notice.ValidFor.TotalMilliseconds} {string.Join(',', notice.Keys)}");
        return SendAsync(presenceChannel, message, notice.MeetingId, ct);
    }

    async Task SendAsync(string toChannel, string message, string meetingId, CancellationToken ct)
    {
        await publishGate.WaitAsync(ct);
        try
        {
            // While Redis is down, do not make every command wait for a connect attempt.
            if (publisher is null && DateTimeOffset.UtcNow < publisherRetryAt) return;
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
            cts.CancelAfter(CommandTimeout);
            try
            {
                publisher ??= await RespConnection.OpenAsync(options.Endpoint, options.Password, CommandTimeout, cts.Token);
                await publisher.CommandAsync(["PUBLISH", toChannel, message], cts.Token);
                publisherBackOff = FirstBackOff;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                log.LogWarning("Redis: could not publish the change of meeting {MeetingId} ({Error}); other nodes will catch up from the store",
                    meetingId, e.GetType().Name);
                if (publisher is not null) await publisher.DisposeAsync();
                publisher = null;
                publisherRetryAt = DateTimeOffset.UtcNow + publisherBackOff;
                publisherBackOff = Next(publisherBackOff);
            }
        }
        finally
        {
            publishGate.Release();
        }
    }

    /// <summary>The subscriber: connect, subscribe, hand on every notice; on any failure back off and start again.</summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var backOff = FirstBackOff;
        while (!stoppingToken.IsCancellationRequested)
        {
            RespConnection? connection = null;
            try
            {
                connection = await RespConnection.OpenAsync(options.Endpoint, options.Password, CommandTimeout, stoppingToken);
                // A server that accepts the connection but never answers must not hold the subscriber forever.
                using (var confirming = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken))
                {
                    confirming.CancelAfter(CommandTimeout);
                    await connection.WriteAsync(["SUBSCRIBE", channel, presenceChannel], confirming.Token);
                    for (var confirmed = 0; confirmed < 2; confirmed++)
                    {
                        var confirmation = await connection.ReadAsync(confirming.Token) as object?[];
                        if (confirmation is not [string kind, ..] || !kind.Equals("subscribe", StringComparison.OrdinalIgnoreCase))
                            throw new InvalidDataException("Redis did not confirm the subscription");
                    }
                }
                subscribed = true;
                backOff = FirstBackOff;
                log.LogInformation("Redis: subscribed to {Channel}", channel);
                await ListenAsync(connection, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                if (subscribed) log.LogWarning("Redis: lost the subscription ({Error}); reconnecting", e.GetType().Name);
                else if (backOff == FirstBackOff) log.LogWarning("Redis: could not subscribe ({Error}); retrying with back-off", e.GetType().Name);
                else log.LogDebug("Redis: could not subscribe ({Error}); retrying in {BackOff}", e.GetType().Name, backOff);
            }
            finally
            {
                subscribed = false;
                if (connection is not null) await connection.DisposeAsync();
            }
            try
            {
                await Task.Delay(Jitter(backOff), stoppingToken);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            backOff = Next(backOff);
        }
    }

    async Task ListenAsync(RespConnection connection, CancellationToken stoppingToken)
    {
        // A connection can die without a reset (a partition, a paused VM): ping now and then, and
        // drop the connection when nothing at all comes back for a while. Closing it ends the read.
        var lastHeard = DateTimeOffset.UtcNow;
        using var listening = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var watchdog = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(HeartbeatEvery);
            while (await timer.WaitForNextTickAsync(listening.Token))
            {
                if (DateTimeOffset.UtcNow - lastHeard > SilenceLimit)
                {
                    log.LogWarning("Redis: no answer for {Seconds} s; reconnecting", SilenceLimit.TotalSeconds);
                    await connection.DisposeAsync();
                    return;
                }
                // The only writer once subscribed, so no lock is needed.
                await connection.WriteAsync(["PING"], listening.Token);
            }
        }, CancellationToken.None);
        try
        {
            while (true)
            {
                var reply = await connection.ReadAsync(stoppingToken);
                lastHeard = DateTimeOffset.UtcNow;
                if (reply is not object?[] { Length: 3 } m || m[0] is not string kind
                    || !kind.Equals("message", StringComparison.OrdinalIgnoreCase) || m[2] is not string payload)
                    continue;
                if (m[1] as string == channel && Parse(payload) is { } notice)
                    await local.PublishAsync(notice, stoppingToken);
                else if (m[1] as string == presenceChannel && ParsePresence(payload) is { } announced)
                    await HearPresenceAsync(announced.NodeId, announced.Notice);
            }
        }
        finally
        {
            await listening.CancelAsync();
            try { await watchdog; } catch (Exception) { /* the watchdog only ends the connection */ }
        }
    }

    MeetingChanged? Parse(string payload)
    {
        var parts = payload.Split(' ');
        if (parts.Length != 3 || parts[0] == nodeId) return null;
        if (!MeetingHosts.IsWellFormedId(parts[1]) || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var version)) return null;
        return new MeetingChanged(parts[1], version);
    }

    (string NodeId, PresenceNotice Notice)? ParsePresence(string payload)
    {
        var parts = payload.Split(' ');
        if (parts.Length != 4 || parts[0] == nodeId || !MeetingHosts.IsWellFormedId(parts[1])
            || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var ms) || ms is <= 0 or > 600_000) return null;
        var keys = parts[3].Length == 0 ? [] : parts[3].Split(',');
        return (parts[0], new PresenceNotice(parts[1], keys, TimeSpan.FromMilliseconds(ms)));
    }

    async Task HearPresenceAsync(string fromNode, PresenceNotice notice)
    {
        Func<string, PresenceNotice, Task>[] current;
        lock (presenceHandlers) current = [.. presenceHandlers];
        foreach (var handler in current)
        {
            try
            {
                await handler(fromNode, notice);
            }
            catch (Exception e)
            {
                log.LogError(e, "Handling presence in meeting {MeetingId} failed", notice.MeetingId);
            }
        }
    }

    static TimeSpan Next(TimeSpan backOff) => TimeSpan.FromTicks(Math.Min(backOff.Ticks * 2, MaxBackOff.Ticks));

    // Spread reconnects so a restarted Redis is not met by every node in the same millisecond.
    static TimeSpan Jitter(TimeSpan backOff) => backOff * (0.5 + Random.Shared.NextDouble() / 2);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        // Best effort, and never fail a shutdown for it (the host may pass an already cancelled token).
        if (!await publishGate.WaitAsync(CommandTimeout, CancellationToken.None)) return;
        try
        {
            if (publisher is not null) await publisher.DisposeAsync();
            publisher = null;
        }
        finally
        {
            publishGate.Release();
        }
    }
}
