using System.Net;
using System.Net.Http.Headers;
using MeetingBoard.Web.Tests.Infrastructure;

namespace MeetingBoard.Web.Tests;

public sealed class StaticAssets
{
    [Theory]
    [InlineData("/js/app.js")]
    [InlineData("/css/app.css")]
    public async Task AreServedCompressedToBrowsersThatAsk(string path)
    {
        await using var app = TestApp.Start();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
    }

    [Fact]
    public async Task PagesAreNeverCompressed()
    {
        await using var app = TestApp.Start();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Get, "/join");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }
}
