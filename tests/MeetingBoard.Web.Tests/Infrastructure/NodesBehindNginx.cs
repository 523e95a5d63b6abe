namespace MeetingBoard.Web.Tests.Infrastructure;

/// <summary>
/// Three node processes behind Debian's nginx, on one new PostgreSQL database and a Redis of their own,
/// as the scaled-out deployment runs (deploy/local/cluster.sh): the first node starts alone (it creates
/// the schema), the other two side by side.
/// </summary>
public sealed class NodesBehindNginx : IAsyncDisposable
{
    readonly RedisServer redis;
    public List<NodeProcess> Nodes { get; } = [];
    public NginxBalancer Balancer { get; private set; } = default!;
    public string ConnectionString { get; private set; } = "";

    NodesBehindNginx(RedisServer redis) => this.redis = redis;

    public static async Task<NodesBehindNginx> StartAsync(PostgresServer postgres, string channelPrefix, string? redisPassword = null)
    {
        var cluster = new NodesBehindNginx(new RedisServer { Password = redisPassword });
        try
        {
            await cluster.redis.InitializeAsync();
            cluster.ConnectionString = await postgres.CreateDatabaseAsync();
            var settings = new Dictionary<string, string?>
            {
                ["MeetingBoard:Store"] = "Postgres",
                ["MeetingBoard:Postgres:ConnectionString"] = cluster.ConnectionString,
                ["MeetingBoard:Bus"] = "Redis",
                ["MeetingBoard:Redis:Endpoint"] = cluster.redis.Endpoint,
                ["MeetingBoard:Redis:Password"] = cluster.redis.Password,
                ["MeetingBoard:Redis:ChannelPrefix"] = channelPrefix,
            };
            cluster.Nodes.Add(await NodeProcess.StartAsync(settings));
            cluster.Nodes.AddRange(await Task.WhenAll(NodeProcess.StartAsync(settings), NodeProcess.StartAsync(settings)));
            cluster.Balancer = await NginxBalancer.StartAsync(cluster.Nodes.Select(n => n.Port));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (Balancer is not null) await Balancer.DisposeAsync();
            foreach (var node in Nodes) await node.DisposeAsync();
        }
        finally
        {
            await redis.DisposeAsync();
        }
    }
}
