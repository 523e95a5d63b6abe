using System.Globalization;
using StackExchange.Redis;

namespace MeetingBoard.Web.Live.Redis;

/// <summary>
/// Tells every node through Redis pub/sub that a meeting changed. Local subscribers hear at once;
/// other nodes hear through Redis. Redis is only the fast path: when it is down, publishing is
/// skipped (the command has already committed), <see cref="IsConnected"/> turns false so /readyz
/// says "Degraded", and <see cref="CatchUpSweep"/> fills the gap from the store.
/// </summary>
public sealed class RedisBus : IMeetingBus, IHostedService, IAsyncDisposable
{
    readonly ConfigurationOptions configuration;
    readonly ILogger<RedisBus> log;
    readonly InProcessBus local;
    readonly RedisChannel channel;
    readonly RedisChannel presenceChannel;
    readonly List<Func<string, PresenceNotice, Task>> presenceHandlers = [];
    // Our own notices come back from Redis too; the node id lets us skip them (already delivered locally).
    readonly string nodeId = Guid.NewGuid().ToString("N");

    readonly MeetingBoardMetrics? metrics;
    ConnectionMultiplexer? redis;

    public RedisBus(MeetingBoardOptions options, ILoggerFactory logs, MeetingBoardMetrics metrics) : this(options.Redis, logs, metrics) { }

    public RedisBus(RedisOptions options, ILoggerFactory logs, MeetingBoardMetrics? metrics = null)
    {
        this.metrics = metrics;
        log = logs.CreateLogger<RedisBus>();
        local = new InProcessBus(logs.CreateLogger<InProcessBus>());
        channel = RedisChannel.Literal(options.ChannelPrefix + "changed");
        presenceChannel = RedisChannel.Literal(options.ChannelPrefix + "presence");

        var fromConfiguration = !string.IsNullOrWhiteSpace(options.Configuration);
        configuration = fromConfiguration
            ? ConfigurationOptions.Parse(options.Configuration!)
            : new ConfigurationOptions { EndPoints = { options.Endpoint }, Password = string.IsNullOrEmpty(options.Password) ? null : options.Password };
        // A node must start while Redis is down and keep trying by itself.
        configuration.AbortOnConnectFail = false;
        // While disconnected, fail a publish at once instead of queueing it: a late notice is worth nothing.
        configuration.BacklogPolicy = BacklogPolicy.FailFast;
        configuration.ReconnectRetryPolicy = new ExponentialRetry(100, 5000);
        configuration.ClientName ??= "meetingboard-" + nodeId[..8];

        if (fromConfiguration)
            log.LogInformation("Redis: using MeetingBoard:Redis:Configuration ({Configuration})", configuration.ToString(includePassword: false));
        else
            log.LogInformation("Redis: using MeetingBoard:Redis:Endpoint {Endpoint} ({Authenticated})",
                options.Endpoint, configuration.Password is null ? "no password" : "with MeetingBoard:Redis:Password");
    }

    /// <summary>True while the multiplexer has a connection to Redis, and so this node hears other nodes' changes at once.</summary>
    public bool IsConnected => redis?.IsConnected ?? false;

    /// <summary>StackExchange.Redis's own view of its connections, for /readyz.</summary>
    public string State
    {
        get
        {
            if (redis is not { } r) return "Redis: not started";
            if (r.IsConnected) return "Redis: connected";
            var servers = r.GetServers();
            return servers.Length == 0
                ? "Redis: not connected"
                : "Redis: not connected (" + string.Join(", ", servers.Select(s => s.EndPoint + (s.IsConnected ? " connected" : " disconnected"))) + ")";
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        // With AbortOnConnectFail=false this returns even when Redis is down; the multiplexer connects
        // (and re-subscribes) by itself when it comes up.
        redis = await ConnectionMultiplexer.ConnectAsync(configuration);
        redis.ConnectionFailed += (_, e) => log.LogWarning("Redis: lost the {Kind} connection to {EndPoint} ({Failure}); reconnecting",
            e.ConnectionType, e.EndPoint, e.FailureType);
        redis.ConnectionRestored += (_, e) => log.LogInformation("Redis: {Kind} connection to {EndPoint} restored", e.ConnectionType, e.EndPoint);
        var subscriber = redis.GetSubscriber();
        // Fire and forget: while Redis is down the subscriptions are only remembered, and the multiplexer
        // sends them on every (re)connect.
        (await subscriber.SubscribeAsync(channel, CommandFlags.FireAndForget)).OnMessage(async m =>
        {
            if (Parse(m.Message) is not { } notice) return;
            metrics?.NoticeReceived();
            await local.PublishAsync(notice);
        });
        (await subscriber.SubscribeAsync(presenceChannel, CommandFlags.FireAndForget)).OnMessage(async m =>
        {
            if (ParsePresence(m.Message) is { } announced) await HearPresenceAsync(announced.NodeId, announced.Notice);
        });
        // A ping on the subscriber connection is answered after the subscribes: once it is back, this
        // node hears every notice published from now on.
        if (redis.IsConnected)
        {
            try
            {
                await subscriber.PingAsync();
            }
            catch (Exception e)
            {
                log.LogWarning("Redis: no answer to the first ping ({Error}); reconnecting", e.GetType().Name);
            }
        }
        log.LogInformation("Redis: listening on {Channel} ({State})", channel.ToString(), State);
    }

    public void Subscribe(Func<MeetingChanged, Task> handler) => local.Subscribe(handler);

    public async Task PublishAsync(MeetingChanged notice, CancellationToken ct = default)
    {
        await local.PublishAsync(notice, ct);
        if (await SendAsync(channel, string.Create(CultureInfo.InvariantCulture, $"{nodeId} {notice.MeetingId} {notice.Version}"), notice.MeetingId))
            metrics?.NoticePublished();
        else
            metrics?.PublishFailed();
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
        return SendAsync(presenceChannel, message, notice.MeetingId);
    }

    /// <summary>False when Redis could not be told (down, or not started).</summary>
    async Task<bool> SendAsync(RedisChannel toChannel, string message, string meetingId)
    {
        if (redis is not { } r) return false;
        try
        {
            await r.GetSubscriber().PublishAsync(toChannel, message);
            return true;
        }
        catch (Exception e)
        {
            // The command has committed; never fail it for a notice. No payload in the log.
            log.LogWarning("Redis: could not publish the change of meeting {MeetingId} ({Error}); other nodes will catch up from the store",
                meetingId, e.GetType().Name);
            return false;
        }
    }

    MeetingChanged? Parse(string? payload)
    {
        var parts = (payload ?? "").Split(' ');
        if (parts.Length != 3 || parts[0] == nodeId) return null;
        if (!MeetingHosts.IsWellFormedId(parts[1]) || !long.TryParse(parts[2], CultureInfo.InvariantCulture, out var version)) return null;
        return new MeetingChanged(parts[1], version);
    }

    (string NodeId, PresenceNotice Notice)? ParsePresence(string? payload)
    {
        var parts = (payload ?? "").Split(' ');
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

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (redis is not { } r) return;
        redis = null;
        await r.CloseAsync(allowCommandsToComplete: false);
        await r.DisposeAsync();
    }
}
