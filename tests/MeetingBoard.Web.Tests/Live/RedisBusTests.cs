using System.Collections.Concurrent;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Live.Redis;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;

namespace MeetingBoard.Web.Tests.Live;

/// <summary>The Redis bus (StackExchange.Redis) against a real redis-server: across nodes, with a password, with a prefix, through a restart.</summary>
public sealed class RedisBusTests : IAsyncLifetime
{
    const string Password = "test-password-1";
    readonly RedisServer redis = new() { Password = Password };
    readonly List<RedisBus> buses = [];
    readonly LogCapture logs = new();
    readonly ILoggerFactory loggerFactory;

    public RedisBusTests() => loggerFactory = LoggerFactory.Create(b => b.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));

    public Task InitializeAsync() => redis.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var bus in buses) await bus.StopAsync(CancellationToken.None);
        await redis.DisposeAsync();
        loggerFactory.Dispose();
    }

    MeetingBoard.Web.RedisOptions OldSettings(string prefix = "test:") =>
        new() { Endpoint = redis.Endpoint, Password = Password, ChannelPrefix = prefix };

    async Task<(RedisBus Bus, ConcurrentQueue<MeetingChanged> Heard)> NodeAsync(MeetingBoard.Web.RedisOptions? options = null, bool waitForConnection = true)
    {
        var bus = new RedisBus(options ?? OldSettings(), loggerFactory);
        var heard = new ConcurrentQueue<MeetingChanged>();
        bus.Subscribe(n => { heard.Enqueue(n); return Task.CompletedTask; });
        buses.Add(bus);
        await bus.StartAsync(CancellationToken.None);
        if (waitForConnection) await Eventually.TrueAsync(() => bus.IsConnected, "the bus has connected");
        return (bus, heard);
    }

    static MeetingChanged Notice(long version, string? meetingId = null) => new(meetingId ?? new string('a', 32), version);

    /// <summary>Pub/sub has no acknowledgement: keep publishing newer versions until the listener hears one.</summary>
    static Task HearsAsync(RedisBus from, ConcurrentQueue<MeetingChanged> heardBy, string what)
    {
        var version = 1000L;
        return Eventually.TrueAsync(async () =>
        {
            await from.PublishAsync(Notice(++version));
            return heardBy.Any(n => n.Version > 1000);
        }, what);
    }

    static async Task<HealthCheckResult> HealthAsync(RedisBus bus) =>
        await new BusHealthCheck(bus).CheckHealthAsync(new HealthCheckContext());

    [Fact]
    public async Task AnotherNodeHearsAChangeAndTheSenderHearsItOnce()
    {
        var (a, heardByA) = await NodeAsync();
        var (_, heardByB) = await NodeAsync();
        await a.PublishAsync(Notice(7));
        await Eventually.TrueAsync(() => heardByB.Contains(Notice(7)), "node B heard version 7");
        await a.PublishAsync(Notice(8));
        await Eventually.TrueAsync(() => heardByB.Contains(Notice(8)), "node B heard version 8");
        // A heard its own notices at once (locally) and skipped the copies that came back through Redis.
        Assert.Equal([Notice(7), Notice(8)], heardByA);
        Assert.Equal([Notice(7), Notice(8)], heardByB);
        Assert.Equal(HealthStatus.Healthy, (await HealthAsync(a)).Status);
    }

    [Fact]
    public async Task PresenceReachesTheOtherNodeWithTheAnnouncersId()
    {
        var (a, _) = await NodeAsync();
        var (b, _) = await NodeAsync();
        var heardByA = new ConcurrentQueue<(string Node, PresenceNotice Notice)>();
        var heardByB = new ConcurrentQueue<(string Node, PresenceNotice Notice)>();
        a.SubscribePresence((node, n) => { heardByA.Enqueue((node, n)); return Task.CompletedTask; });
        b.SubscribePresence((node, n) => { heardByB.Enqueue((node, n)); return Task.CompletedTask; });
        var meeting = new string('b', 32);

        await a.AnnouncePresenceAsync(new PresenceNotice(meeting, ["f:1", "p:2", "screen"], TimeSpan.FromSeconds(30)));
        await Eventually.TrueAsync(() => !heardByB.IsEmpty, "node B heard node A's presence");
        var (fromA, notice) = Assert.Single(heardByB);
        Assert.Equal(meeting, notice.MeetingId);
        Assert.Equal(["f:1", "p:2", "screen"], notice.Keys);
        Assert.Equal(TimeSpan.FromSeconds(30), notice.ValidFor);

        // B's own announcement comes back to B through Redis too; B skips it, A hears it under another node id.
        await b.AnnouncePresenceAsync(new PresenceNotice(meeting, [], TimeSpan.FromSeconds(30)));
        await Eventually.TrueAsync(() => !heardByA.IsEmpty, "node A heard node B's presence");
        var (fromB, empty) = Assert.Single(heardByA);
        Assert.Empty(empty.Keys);
        Assert.NotEqual(fromA, fromB);
        // Redis delivers in order: B's own announcement would reach B before A's next one, so B skipped it.
        await a.AnnouncePresenceAsync(new PresenceNotice(meeting, ["f:1"], TimeSpan.FromSeconds(30)));
        await Eventually.TrueAsync(() => heardByB.Count == 2, "node B heard node A again");
        Assert.All(heardByB, h => Assert.Equal(fromA, h.Node));
    }

    [Fact]
    public async Task DeploymentsWithDifferentPrefixesDoNotHearEachOther()
    {
        var (blue, _) = await NodeAsync(OldSettings("blue:"));
        var (green, _) = await NodeAsync(OldSettings("green:"));
        var (_, heardByGreen) = await NodeAsync(OldSettings("green:"));
        await blue.PublishAsync(Notice(1));
        // Redis delivers in the order it receives publishes, so once green's notice arrives blue's would have too.
        await green.PublishAsync(Notice(2));
        await Eventually.TrueAsync(() => heardByGreen.Contains(Notice(2)), "green heard its own deployment");
        Assert.Equal([Notice(2)], heardByGreen);
    }

    [Fact]
    public async Task APasswordInTheConfigurationStringIsUsedAndNeverLogged()
    {
        var configuration = $"{redis.Endpoint},password={Password},connectTimeout=5000";
        var (a, _) = await NodeAsync(new() { Configuration = configuration, Endpoint = "127.0.0.1:1", ChannelPrefix = "test:" });
        var (_, heardByB) = await NodeAsync(new() { Configuration = configuration, ChannelPrefix = "test:" });
        await HearsAsync(a, heardByB, "node B heard node A through the configuration string");

        Assert.Contains(logs.Lines, l => l.StartsWith("Information", StringComparison.Ordinal) && l.Contains("MeetingBoard:Redis:Configuration", StringComparison.Ordinal)
            && l.Contains(redis.Endpoint, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThePasswordFromTheOldEndpointAndPasswordSettingsIsUsedAndNeverLogged()
    {
        var (a, _) = await NodeAsync(OldSettings());
        var (_, heardByB) = await NodeAsync(OldSettings());
        await HearsAsync(a, heardByB, "node B heard node A through the old settings");

        Assert.Contains(logs.Lines, l => l.StartsWith("Information", StringComparison.Ordinal) && l.Contains("MeetingBoard:Redis:Endpoint", StringComparison.Ordinal)
            && l.Contains(redis.Endpoint, StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("MeetingBoard:Redis:Configuration", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AWrongPasswordDoesNotConnect()
    {
        // StartAsync returns once the first attempt has been answered, so the refusal is known by then.
        var (bus, _) = await NodeAsync(new() { Configuration = $"{redis.Endpoint},password=wrong", ChannelPrefix = "test:" }, waitForConnection: false);
        Assert.False(bus.IsConnected);
        var health = await HealthAsync(bus);
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.StartsWith("Redis: not connected", health.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ResumesAfterRedisIsKilledAndStartedAgain()
    {
        var (a, heardByA) = await NodeAsync();
        var (b, heardByB) = await NodeAsync();
        await redis.KillAsync();
        await Eventually.TrueAsync(() => !b.IsConnected && !a.IsConnected, "both nodes noticed Redis went away");
        var health = await HealthAsync(a);
        Assert.Equal(HealthStatus.Degraded, health.Status);
        Assert.StartsWith("Redis: not connected", health.Description, StringComparison.Ordinal);

        // While Redis is down publishing neither fails nor waits: the change is already committed.
        var whileDown = a.PublishAsync(Notice(1));
        Assert.True(await Task.WhenAny(whileDown, Task.Delay(TimeSpan.FromSeconds(10))) == whileDown, "publishing waited for Redis");
        await whileDown;
        Assert.Contains(Notice(1), heardByA);
        Assert.Contains(logs.Lines, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("could not publish", StringComparison.Ordinal));

        await redis.StartAsync();
        await Eventually.TrueAsync(() => b.IsConnected && a.IsConnected, "both nodes connected again");
        await HearsAsync(a, heardByB, "node B heard a change after the restart");
        Assert.Equal(HealthStatus.Healthy, (await HealthAsync(b)).Status);
    }

    [Fact]
    public async Task ANodeStartedWhileRedisIsDownConnectsWhenItComesUp()
    {
        await redis.KillAsync();
        var (late, heardByLate) = await NodeAsync(waitForConnection: false);
        Assert.False(late.IsConnected);
        Assert.Equal(HealthStatus.Degraded, (await HealthAsync(late)).Status);
        // Publishing before Redis was ever reached does not throw either.
        await late.PublishAsync(Notice(1));

        await redis.StartAsync();
        await Eventually.TrueAsync(() => late.IsConnected, "the node connected once Redis came up");
        var (other, _) = await NodeAsync();
        await HearsAsync(other, heardByLate, "the late node heard another node's change");
    }
}
