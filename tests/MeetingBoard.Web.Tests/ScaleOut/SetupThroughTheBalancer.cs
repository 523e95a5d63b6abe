using System.Net;
using System.Text.RegularExpressions;
using MeetingBoard.Web.Tests.Infrastructure;

namespace MeetingBoard.Web.Tests.ScaleOut;

/// <summary>
/// The one-time link that creates the first facilitator, on three node processes behind nginx sharing
/// one PostgreSQL: the link one node printed works through the balancer and on every other node, once.
/// </summary>
public sealed partial class SetupThroughTheBalancer(PostgresServer postgres) : IClassFixture<PostgresServer>, IAsyncLifetime
{
    NodesBehindNginx cluster = default!;
    List<NodeProcess> nodes => cluster.Nodes;
    NginxBalancer balancer => cluster.Balancer;

    public async Task InitializeAsync() => cluster = await NodesBehindNginx.StartAsync(postgres, "setup:");

    public async Task DisposeAsync()
    {
        if (cluster is not null) await cluster.DisposeAsync();
    }

    [GeneratedRegex(@"this link works once\): \S*/setup/([0-9a-f]{48})")]
    private static partial Regex PrintedLink();

    /// <summary>The setup link a node printed at start, read from its console as an operator would.</summary>
    static async Task<string> PrintedTokenAsync(NodeProcess node)
    {
        string? token = null;
        await Eventually.TrueAsync(() =>
        {
            token = node.Output.Select(l => PrintedLink().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
            return token is not null;
        }, $"the node on {node.Port} prints its setup link");
        return token!;
    }

    static Dictionary<string, string> Form(string email) => new()
    {
        ["name"] = "Alex Morgan", ["email"] = email, ["password"] = "four random words here",
    };

    [Fact]
    public async Task TheLinkOneNodePrintedCreatesTheFirstFacilitatorThroughTheBalancerOnce()
    {
        var token = await PrintedTokenAsync(nodes[0]);

        // Any node shows the form for it, not only the one that printed it.
        using (var elsewhere = new Visitor(nodes[2].BaseAddress, new CookieContainer()))
        {
            var (status, page, _) = await elsewhere.GetAsync($"/setup/{token}");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Contains("Create the first facilitator account", page.QuerySelector("h1")!.TextContent);
        }

        // The operator opens the link through the balancer, whichever node their browser lands on.
        using var operatorBrowser = new Visitor(balancer.BaseAddress, new CookieContainer());
        var (shown, _, form) = await operatorBrowser.GetAsync($"/setup/{token}");
        Assert.Equal(HttpStatusCode.OK, shown);
        var created = await operatorBrowser.PostAsync($"/setup/{token}", Form("alex@example.org"));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal("/meetings", created.Headers.Location?.OriginalString);
        var (meetingsStatus, meetings, _) = await operatorBrowser.GetAsync("/meetings");
        Assert.Equal(HttpStatusCode.OK, meetingsStatus);
        Assert.Contains("Alex Morgan", meetings.QuerySelector(".mb-header__user")!.TextContent);

        // Used once: no node shows it any more, and neither it nor another node's link makes a second account.
        foreach (var node in nodes)
        {
            using var late = new Visitor(node.BaseAddress, new CookieContainer());
            var (status, page, _) = await late.GetAsync($"/setup/{token}");
            Assert.Equal(HttpStatusCode.NotFound, status);
            Assert.Contains("expired", page.QuerySelector("h1")!.TextContent);
        }
        using var intruder = new Visitor(nodes[1].BaseAddress, new CookieContainer());
        await intruder.GetAsync("/sign-in");
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.PostAsync($"/setup/{token}", Form("second@example.org"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.PostAsync($"/setup/{await PrintedTokenAsync(nodes[1])}", Form("third@example.org"))).StatusCode);
        foreach (var email in new[] { "second@example.org", "third@example.org" })
        {
            using var nobody = new Visitor(balancer.BaseAddress, new CookieContainer());
            await nobody.GetAsync("/sign-in");
            var refused = await nobody.PostAsync("/sign-in", new Dictionary<string, string> { ["email"] = email, ["password"] = "four random words here" });
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
    }

    [Fact]
    public async Task TwoNodesLinksUsedAtTheSameMomentMakeOneAccount()
    {
        var tokens = await Task.WhenAll(nodes.Select(PrintedTokenAsync));
        // Each node's own link, posted to another node, all at once.
        var visitors = nodes.Select((_, i) => new Visitor(nodes[(i + 1) % nodes.Count].BaseAddress, new CookieContainer())).ToList();
        for (var i = 0; i < nodes.Count; i++) await visitors[i].GetAsync($"/setup/{tokens[i]}");
        var answers = await Task.WhenAll(visitors.Select((v, i) => v.PostAsync($"/setup/{tokens[i]}", Form($"first{i}@example.org"))));
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Redirect);
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Redirect), a => Assert.Equal(HttpStatusCode.NotFound, a.StatusCode));
        foreach (var v in visitors) v.Dispose();
    }
}
