using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using MeetingBoard.Web.Tests.Infrastructure;

namespace MeetingBoard.Web.Tests;

/// <summary>
/// What the pages load now: Blazor's script, MudBlazor's stylesheet and our own stylesheets, served
/// by MapStaticAssets. The plain addresses (the static pages link them) are revalidated by ETag; the
/// live pages link fingerprinted ones (cached for a year once published). A browser that accepts gzip gets the
/// build's gzip copy (Brotli copies are made only by <c>dotnet publish</c>), and pages themselves are
/// never compressed (BREACH: they carry the antiforgery token).
/// </summary>
public sealed class StaticAssets
{
    public static readonly TheoryData<string, string> Assets = new()
    {
        { "/_framework/blazor.web.js", "text/javascript" },
        { "/_content/MudBlazor/MudBlazor.min.css", "text/css" },
        { "/css/app.css", "text/css" },
        { "/css/pages.css", "text/css" },
    };

    [Theory]
    [MemberData(nameof(Assets))]
    public async Task AreServedWithAnETagAndGzipToBrowsersThatAsk(string path, string contentType)
    {
        await using var app = TestApp.Start();
        using var http = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None }) { BaseAddress = app.BaseAddress };

        var plain = await http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, plain.StatusCode);
        Assert.Equal(contentType, plain.Content.Headers.ContentType!.MediaType);
        Assert.Empty(plain.Content.Headers.ContentEncoding);
        Assert.Equal("no-cache", plain.Headers.CacheControl!.ToString());
        Assert.NotNull(plain.Headers.ETag);
        Assert.Contains("Accept-Encoding", plain.Headers.Vary);
        var body = await plain.Content.ReadAsByteArrayAsync();

        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        var compressed = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, compressed.StatusCode);
        Assert.Equal("gzip", Assert.Single(compressed.Content.Headers.ContentEncoding));
        Assert.NotEqual(plain.Headers.ETag, compressed.Headers.ETag);
        // The compressed copy is of the file as it is now, not of an older build.
        await using var gzip = new GZipStream(await compressed.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        using var unpacked = new MemoryStream();
        await gzip.CopyToAsync(unpacked);
        Assert.Equal(body, unpacked.ToArray());

        var again = new HttpRequestMessage(HttpMethod.Get, path);
        again.Headers.IfNoneMatch.Add(plain.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await http.SendAsync(again)).StatusCode);
    }

    [Fact]
    public async Task TheLivePagesLinkFingerprintedAddressesOfTheSameFiles()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var links = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!)
            .Concat(page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!)).ToList();
        foreach (var plain in new[] { "/_framework/blazor.web.js", "/_content/MudBlazor/MudBlazor.min.css", "/css/pages.css" })
        {
            var name = Path.GetFileNameWithoutExtension(plain);
            var href = Assert.Single(links, l => Path.GetFileName(l).StartsWith(name + ".", StringComparison.Ordinal) && Path.GetExtension(l) == Path.GetExtension(plain));
            Assert.NotEqual(plain, href);
            var response = await meeting.Facilitator.SendAsync(new HttpRequestMessage(HttpMethod.Get, href));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotNull(response.Headers.ETag);
            // The tests run the Development environment, where MapStaticAssets sends no-cache even for
            // fingerprinted files; published (Production) it sends max-age=31536000, immutable.
            Assert.Equal("no-cache", response.Headers.CacheControl!.ToString());
            var (_, _, original) = await meeting.Facilitator.GetAsync(plain);
            Assert.Equal(await original.Content.ReadAsByteArrayAsync(), await response.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task PagesAreNeverCompressed()
    {
        await using var app = TestApp.Start();
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var request = new HttpRequestMessage(HttpMethod.Get, "/join");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
    }
}
