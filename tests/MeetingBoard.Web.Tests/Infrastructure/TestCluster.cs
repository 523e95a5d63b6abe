namespace MeetingBoard.Web.Tests.Infrastructure;

/// <summary>
/// Several real app nodes (each a <see cref="TestApp"/> on its own port) sharing one PostgreSQL
/// database and one Redis, as a scaled-out deployment behind a balancer would.
/// </summary>
public sealed class TestCluster : IAsyncDisposable
{
    public required IReadOnlyList<TestApp> Nodes { get; init; }

    public static async Task<TestCluster> StartAsync(PostgresServer postgres, RedisServer redis, int nodes = 3, IDictionary<string, string?>? more = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["MeetingBoard:Store"] = "Postgres",
            ["MeetingBoard:Postgres:ConnectionString"] = await postgres.CreateDatabaseAsync(),
            ["MeetingBoard:Bus"] = "Redis",
            ["MeetingBoard:Redis:Endpoint"] = redis.Endpoint,
            ["MeetingBoard:Redis:Password"] = redis.Password,
            ["MeetingBoard:Redis:ChannelPrefix"] = $"test-{Guid.NewGuid():N}:",
        };
        foreach (var (key, value) in more ?? new Dictionary<string, string?>()) settings[key] = value;
        // The first node creates the schema and the data-protection key; the others then start together.
        var first = TestApp.Start(settings);
        var others = await Task.WhenAll(Enumerable.Range(1, nodes - 1).Select(_ => Task.Run(() => TestApp.Start(settings))));
        return new TestCluster { Nodes = [first, .. others] };
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in Nodes) await node.DisposeAsync();
    }
}
