using System.Collections.Concurrent;
using System.Net;
using MeetingBoard.Web.Features.Accounts;
using MeetingBoard.Web.Storage;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests.ScaleOut;

/// <summary>
/// Three node processes behind nginx, on one PostgreSQL and one Redis; one node is killed with
/// kill -9 in the middle of a burst of writes.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NodeCrash(BrowserFixture browsers, PostgresServer postgres) : IClassFixture<PostgresServer>, IAsyncLifetime
{
    readonly RedisServer redis = new() { Password = "crash-secret" };
    readonly List<NodeProcess> nodes = [];
    NginxBalancer balancer = default!;
    string connectionString = "";

    public async Task InitializeAsync()
    {
        await redis.InitializeAsync();
        var settings = new Dictionary<string, string?>
        {
            ["MeetingBoard:Store"] = "Postgres",
            ["MeetingBoard:Postgres:ConnectionString"] = connectionString = await postgres.CreateDatabaseAsync(),
            ["MeetingBoard:Bus"] = "Redis",
            ["MeetingBoard:Redis:Endpoint"] = redis.Endpoint,
            ["MeetingBoard:Redis:Password"] = redis.Password,
            ["MeetingBoard:Redis:ChannelPrefix"] = "crash:",
        };
        nodes.Add(await NodeProcess.StartAsync(settings));
        nodes.AddRange(await Task.WhenAll(NodeProcess.StartAsync(settings), NodeProcess.StartAsync(settings)));
        balancer = await NginxBalancer.StartAsync(nodes.Select(n => n.Port));
    }

    public async Task DisposeAsync()
    {
        try
        {
            if (balancer is not null) await balancer.DisposeAsync();
            foreach (var node in nodes) await node.DisposeAsync();
        }
        finally
        {
            await redis.DisposeAsync();
        }
    }

    [Fact]
    public async Task EveryAcknowledgedItemIsThereExactlyOnceAfterANodeIsKilledMidBurst()
    {
        var email = $"{Guid.NewGuid():N}@example.org";
        const string password = "correct horse battery staple";
        await using (var db = new PostgresDatabase(connectionString))
            await new PostgresAccountStore(db).AddAsync(new FacilitatorAccount(Guid.NewGuid().ToString("N"), "Alex Morgan", email, Passwords.Hash(password), DateTimeOffset.UtcNow));
        using var facilitator = new Visitor(balancer.BaseAddress, new CookieContainer());
        await facilitator.SignInAsync(email, password);
        var (meetingId, _) = await facilitator.CreateMeetingAsync("Network meeting");

        // Six room screens through the balancer: least_conn spreads their live connections over the three nodes.
        var (_, board, _) = await facilitator.GetAsync($"/m/{meetingId}");
        var screenPath = new Uri(new Uri("http://x"), board.QuerySelector("a[href*='/screen/']")!.GetAttribute("href")!).PathAndQuery;
        var screens = new List<IPage>();
        for (var i = 0; i < 6; i++)
        {
            var page = await browsers.NewPageAsync(new Uri(balancer.BaseAddress, "/"));
            await page.GotoAsync(screenPath);
            await Expect(page.Locator("[data-mb-page=screen]")).ToBeVisibleAsync();
            screens.Add(page);
        }

        // Three writers through the balancer; each retries a submission with the same command id until it is
        // acknowledged, as the page's script does. Node 2 is killed half way through.
        var acknowledged = new ConcurrentBag<string>();
        var killed = new TaskCompletionSource();
        var writers = Enumerable.Range(0, 3).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                if (w == 0 && i == 5)
                {
                    await nodes[1].KillAsync();
                    killed.SetResult();
                }
                var text = $"Writer {w} item {i}";
                var commandId = Visitor.NewCommandId();
                await Eventually.TrueAsync(async () =>
                {
                    try
                    {
                        var response = await facilitator.PostAsync($"/m/{meetingId}/items", new Dictionary<string, string>
                        {
                            ["commandId"] = commandId, ["category"] = "harm", ["text"] = text,
                        }, fetch: true);
                        return response.StatusCode == HttpStatusCode.OK;
                    }
                    catch (HttpRequestException)
                    {
                        return false;
                    }
                }, $"{text} is acknowledged", 60);
                acknowledged.Add(text);
            }
        }));
        await Task.WhenAll(writers);
        await killed.Task;
        Assert.Equal(30, acknowledged.Count);

        // Every acknowledged item is stored exactly once...
        var (_, after, _) = await facilitator.GetAsync($"/m/{meetingId}");
        var items = after.QuerySelectorAll("#cat-harm .mb-item__text").Select(e => e.TextContent).ToList();
        Assert.Equal(acknowledged.Order(), items.Order());
        // ...and every screen, including those whose node died (they reconnect through nginx), shows the same board.
        foreach (var screen in screens)
            await Expect(screen.Locator("#cat-harm .mb-item__text")).ToHaveTextAsync(items.ToArray(), new() { Timeout = 60_000 });
    }
}
