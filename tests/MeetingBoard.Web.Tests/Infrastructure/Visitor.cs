using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace MeetingBoard.Web.Tests.Infrastructure;

/// <summary>One browser-like HTTP client with its own cookies: a facilitator, a participant, a stranger.</summary>
public sealed partial class Visitor : IDisposable
{
    readonly HttpClient http;
    public CookieContainer Cookies { get; }

    public Visitor(TestApp app) : this(app.BaseAddress, new CookieContainer()) { }

    /// <summary>The same person (same cookies) reaching another node of a cluster.</summary>
    public Visitor(TestApp app, CookieContainer cookies) : this(app.BaseAddress, cookies) { }

    public Visitor(Uri baseAddress, CookieContainer cookies)
    {
        Cookies = cookies;
        http = new HttpClient(new BrowserCookies(Cookies) { InnerHandler = new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false } })
        {
            BaseAddress = baseAddress,
        };
    }

    public Visitor On(TestApp node) => new(node, Cookies);

    /// <summary>The antiforgery token of the last page fetched (every page carries one in a meta tag).</summary>
    public string Token { get; private set; } = "";

    public async Task<(HttpStatusCode Status, IHtmlDocument Page, HttpResponseMessage Response)> GetAsync(string path)
    {
        var response = await http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        var page = new HtmlParser().ParseDocument(html);
        if (page.QuerySelector("meta[name=mb-antiforgery]")?.GetAttribute("content") is { Length: > 0 } token) Token = token;
        return (response.StatusCode, page, response);
    }

    public async Task<HttpResponseMessage> PostAsync(string path, IDictionary<string, string> fields, bool withToken = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        if (withToken) request.Headers.Add("RequestVerificationToken", Token);
        return await http.SendAsync(request);
    }

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) => http.SendAsync(request);

    public async Task SignInAsync(string email, string password)
    {
        await GetAsync("/sign-in");
        var response = await PostAsync("/sign-in", new Dictionary<string, string> { ["email"] = email, ["password"] = password });
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Sign-in failed: {response.StatusCode}");
    }

    /// <summary>Starts a meeting through the form and returns its id and join code.</summary>
    public async Task<(string MeetingId, string JoinCode)> CreateMeetingAsync(string title = "Core group review", string type = "ChildProtectionConference")
    {
        var (_, page, _) = await GetAsync("/meetings");
        var meetingId = page.QuerySelector("form[action='/meetings'] input[name=meetingId]")!.GetAttribute("value")!;
        var response = await PostAsync("/meetings", new Dictionary<string, string>
        {
            ["meetingId"] = meetingId, ["type"] = type, ["title"] = title, ["caseReference"] = CaseName(),
        });
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Create failed: {response.StatusCode}");
        var (_, board, _) = await GetAsync($"/m/{meetingId}");
        var code = board.QuerySelector(".mb-code")!.TextContent.Trim();
        return (meetingId, code);
    }

    /// <summary>Joins through the two join pages and returns the participant id (from the cookie).</summary>
    public async Task<string> JoinAsync(string code, string name, string role)
    {
        var (_, page, _) = await GetAsync($"/join/{code}");
        var form = page.QuerySelector("form")!;
        var fields = new Dictionary<string, string>
        {
            ["participantId"] = form.QuerySelector("input[name=participantId]")!.GetAttribute("value")!,
            ["secret"] = form.QuerySelector("input[name=secret]")!.GetAttribute("value")!,
            ["name"] = name,
            ["role"] = role,
        };
        var response = await PostAsync($"/join/{code}", fields);
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"Join failed: {response.StatusCode}");
        return fields["participantId"];
    }

    /// <summary>The Cookie header this visitor sends to the app (for the raw WebSocket client).</summary>
    public string CookieHeader(TestApp app) => Cookies.GetCookieHeader(BrowserCookies.AsSecure(app.BaseAddress));

    public static string NewCommandId() => Guid.NewGuid().ToString("N");

    /// <summary>A new case for each meeting a test starts ("Family A" then "Family B"…): the same name twice is refused.</summary>
    static string CaseName() => $"Family {(char)('A' + Interlocked.Increment(ref cases) % 26)}{Interlocked.Read(ref cases) / 26}";
    static long cases = -1;

    public void Dispose() => http.Dispose();
}

/// <summary>
/// Keeps cookies the way Chromium and Firefox do for http://127.0.0.1 and http://localhost: those are
/// secure contexts, so Secure and __Host- cookies set over plain http are kept and sent back there.
/// .NET's own cookie handling would drop them on http, so cookies are stored as if the address were https.
/// </summary>
sealed class BrowserCookies(CookieContainer cookies) : DelegatingHandler
{
    public static Uri AsSecure(Uri uri) => uri.IsLoopback && uri.Scheme == Uri.UriSchemeHttp
        ? new UriBuilder(uri) { Scheme = Uri.UriSchemeHttps }.Uri
        : uri;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var uri = AsSecure(request.RequestUri!);
        if (cookies.GetCookieHeader(uri) is { Length: > 0 } header) request.Headers.Add("Cookie", header);
        var response = await base.SendAsync(request, ct);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
            foreach (var setCookie in setCookies) cookies.SetCookies(uri, setCookie);
        return response;
    }
}
