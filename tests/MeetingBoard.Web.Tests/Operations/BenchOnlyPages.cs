using System.Net;
using MeetingBoard.Web.Tests.Infrastructure;

namespace MeetingBoard.Web.Tests.Operations;

/// <summary>The benchmark floor (bench scenario F) exists only where MeetingBoard:Benchmarks:Enabled says so.</summary>
public sealed class BenchOnlyPages
{
    [Theory]
    [InlineData("GET", "/bench/floor")]
    [InlineData("POST", "/bench/floor/tick-1")]
    public async Task AreNotFoundByDefault(string method, string path)
    {
        await using var app = TestApp.Start();
        using var client = new Visitor(app);
        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("mb-floor", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ServeTheFloorWhenEnabled()
    {
        await using var app = TestApp.Start(new Dictionary<string, string?> { ["MeetingBoard:Benchmarks:Enabled"] = "true" });
        using var client = new Visitor(app);
        var page = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/bench/floor"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("id=\"mb-floor\"", await page.Content.ReadAsStringAsync());
        var bump = await client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/bench/floor/tick-1"));
        Assert.Equal(HttpStatusCode.Accepted, bump.StatusCode);
    }
}
