using System.Collections.Concurrent;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Live.Redis;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;

namespace MeetingBoard.Web.Tests.Live;

/// <summary>The Redis bus against a real redis-server: across nodes, with a password, with a prefix, through a restart.</summary>
public sealed class RedisBusTests : IAsyncLifetime
{
    const string Password = "test-password-1";
    readonly RedisServer redis = new() { Password = Password };
    readonly List<RedisBus> buses = [];

    public Task InitializeAsync() => redis.InitializeAsync();

    public async Task DisposeAsync()
    {
        foreach (var bus in buses) await bus.StopAsync(CancellationToken.None);
        await redis.DisposeAsync();
    }

    async Task<(RedisBus Bus, ConcurrentQueue<MeetingChanged> Heard)> NodeAsync(string prefix = "test:", string? password = Password)
    {
        var bus = new RedisBus(new MeetingBoard.Web.RedisOptions { Endpoint = redis.Endpoint, Password = password, ChannelPrefix = prefix }, NullLoggerFactory.Instance);
        var heard = new ConcurrentQueue<MeetingChanged>();
        bus.Subscribe(n => { heard.Enqueue(n); return Task.CompletedTask; });
        buses.Add(bus);
        await bus.StartAsync(CancellationToken.None);
        await Eventually.TrueAsync(() => bus.IsConnected, "the bus has subscribed");
        return (bus, heard);
    }

    static MeetingChanged Notice(long version, string? meetingId = null) => new(meetingId ?? new string('a', 32), version);

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
    }

    [Fact]
    public async Task DeploymentsWithDifferentPrefixesDoNotHearEachOther()
    {
        var (blue, _) = await NodeAsync("blue:");
        var (green, _) = await NodeAsync("green:");
        var (_, heardByGreen) = await NodeAsync("green:");
        await blue.PublishAsync(Notice(1));
        // Redis delivers in the order it receives publishes, so once green's notice arrives blue's would have too.
        await green.PublishAsync(Notice(2));
        await Eventually.TrueAsync(() => heardByGreen.Contains(Notice(2)), "green heard its own deployment");
        Assert.Equal([Notice(2)], heardByGreen);
    }

    [Fact]
    public async Task AWrongPasswordIsRefused()
    {
        var refused = await Assert.ThrowsAsync<RedisErrorException>(() =>
            RespConnection.OpenAsync(redis.Endpoint, "wrong", TimeSpan.FromSeconds(5), CancellationToken.None));
        Assert.Contains("WRONGPASS", refused.Message, StringComparison.OrdinalIgnoreCase);
        await using var right = await RespConnection.OpenAsync(redis.Endpoint, Password, TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal("PONG", await right.CommandAsync(["PING"], CancellationToken.None));
    }

    [Fact]
    public async Task ReadsEveryKindOfReply()
    {
        await using var c = await RespConnection.OpenAsync(redis.Endpoint, Password, TimeSpan.FromSeconds(5), CancellationToken.None);
        Assert.Equal(0L, await c.CommandAsync(["PUBLISH", "nobody-listens", "héllo wörld"], CancellationToken.None));
        Assert.Equal("héllo", await c.CommandAsync(["ECHO", "héllo"], CancellationToken.None));
        await Assert.ThrowsAsync<RedisErrorException>(() => c.CommandAsync(["NOSUCHCOMMAND"], CancellationToken.None));
        // The connection is still in step after an error.
        Assert.Equal("PONG", await c.CommandAsync(["PING"], CancellationToken.None));
    }

    [Fact]
    public async Task NoticesASilentServerAndResumesWhenItAnswersAgain()
    {
        var (a, _) = await NodeAsync();
        var (b, heardByB) = await NodeAsync();
        await redis.PauseAsync();
        try
        {
            // No reset, no close: only the missing answers to its pings tell the subscriber.
            await Eventually.TrueAsync(() => !b.IsConnected, "node B noticed Redis stopped answering", 60);
        }
        finally
        {
            await redis.ResumeAsync();
        }
        await Eventually.TrueAsync(() => b.IsConnected, "node B subscribed again", 60);
        var version = 0L;
        await Eventually.TrueAsync(async () =>
        {
            await a.PublishAsync(Notice(++version));
            return !heardByB.IsEmpty;
        }, "node B heard a change after Redis answered again");
    }

    [Fact]
    public async Task ResumesAfterRedisIsKilledAndStartedAgain()
    {
        var (a, heardByA) = await NodeAsync();
        var (b, heardByB) = await NodeAsync();
        await redis.KillAsync();
        await Eventually.TrueAsync(() => !b.IsConnected && !a.IsConnected, "both nodes noticed Redis went away");

        // While Redis is down publishing neither fails nor waits: the change is already committed.
        var whileDown = a.PublishAsync(Notice(1));
        Assert.True(await Task.WhenAny(whileDown, Task.Delay(TimeSpan.FromSeconds(10))) == whileDown, "publishing waited for Redis");
        await whileDown;
        Assert.Contains(Notice(1), heardByA);

        await redis.StartAsync();
        await Eventually.TrueAsync(() => b.IsConnected && a.IsConnected, "both nodes subscribed again");
        // The publisher reconnects after its back-off; keep publishing newer versions until one arrives.
        var version = 1L;
        await Eventually.TrueAsync(async () =>
        {
            await a.PublishAsync(Notice(++version));
            return heardByB.Any(n => n.Version > 1);
        }, "node B heard a change after the restart");
    }
}
