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
    NodesBehindNginx cluster = default!;
    List<NodeProcess> nodes => cluster.Nodes;
    NginxBalancer balancer => cluster.Balancer;
    string connectionString => cluster.ConnectionString;

    public async Task InitializeAsync() => cluster = await NodesBehindNginx.StartAsync(postgres, "crash:", redisPassword: "crash-secret");

    public async Task DisposeAsync()
    {
        if (cluster is not null) await cluster.DisposeAsync();
    }

    /// <summary>
    /// Adds an item the way a person does, until their own board shows it (acknowledged). If the page's
    /// node died meanwhile, the page reloads itself on another node and shows what was stored: the item is
    /// typed again only if it is not there, so nothing is added twice.
    /// </summary>
    static async Task AddThroughThePageAsync(IPage page, string text)
    {
        var mine = page.Locator("#cat-harm .mb-item__text", new() { HasText = text });
        for (var attempt = 0; attempt < 10; attempt++)
        {
            try
            {
                await LivePages.WaitUntilLiveAsync(page);
                if (await mine.CountAsync() > 0) return;
                await page.Locator("#add-harm textarea").FillAsync(text, new() { Timeout = 5_000 });
                await page.Locator("#add-harm").GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Add") }).ClickAsync(new() { Timeout = 5_000 });
                await Expect(mine).ToHaveCountAsync(1, new() { Timeout = 10_000 });
                return;
            }
            catch (Exception e) when (e is PlaywrightException or TimeoutException)
            {
                // The page's node went away mid-way: it is reloading itself onto another node.
            }
        }
        throw new InvalidOperationException($"'{text}' was never acknowledged");
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

        // Six room screens through the balancer, spread over the nodes by their affinity cookies.
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

        // Three facilitators' pages through the balancer, each kept on its node by its affinity cookie.
        var writers = new List<(IPage Page, string Node)>();
        for (var w = 0; w < 3; w++)
        {
            var page = await browsers.NewPageAsync(new Uri(balancer.BaseAddress, "/"));
            await page.GotoAsync("/sign-in");
            await page.GetByLabel("Email address").FillAsync(email);
            await page.GetByLabel("Password").FillAsync(password);
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            var response = await page.GotoAsync($"/m/{meetingId}");
            await LivePages.WaitUntilLiveAsync(page);
            writers.Add((page, response!.Headers["x-meetingboard-node"]));
        }
        // The node the first writer's circuit lives on is killed half way through: its page must come back by itself.
        var victim = nodes.Single(n => writers[0].Node.EndsWith($":{n.Port}", StringComparison.Ordinal));

        var acknowledged = new ConcurrentBag<string>();
        var killed = new TaskCompletionSource();
        var writing = writers.Select((writer, w) => Task.Run(async () =>
        {
            for (var i = 0; i < 10; i++)
            {
                if (w == 0 && i == 5)
                {
                    await victim.KillAsync();
                    killed.SetResult();
                }
                var text = $"Writer {w} item {i}";
                await AddThroughThePageAsync(writer.Page, text);
                acknowledged.Add(text);
            }
        }));
        await Task.WhenAll(writing);
        await killed.Task;
        Assert.Equal(30, acknowledged.Count);

        // Every acknowledged item is stored exactly once...
        var (_, after, _) = await facilitator.GetAsync($"/m/{meetingId}");
        var items = after.QuerySelectorAll("#cat-harm .mb-item__text").Select(e => e.TextContent).ToList();
        Assert.Equal(acknowledged.Order(), items.Order());
        // ...and every page, including those whose node died (they reload themselves through nginx), shows the same board.
        foreach (var (page, _) in writers)
            await Expect(page.Locator("#cat-harm .mb-item__text")).ToHaveTextAsync(items.ToArray(), new() { Timeout = 60_000 });
        foreach (var screen in screens)
            await Expect(screen.Locator("#cat-harm .mb-item__text")).ToHaveTextAsync(items.ToArray(), new() { Timeout = 60_000 });
    }
}
