using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace MeetingBoard.Web.Tests.Infrastructure;

/// <summary>
/// A real OpenID provider for the sign-in journeys: OpenIddict's server on real Kestrel, at
/// http://localhost:{free port} (another site than the app at 127.0.0.1, as a council's provider
/// is), with the authorisation-code flow and PKCE, refresh tokens, an end-session endpoint, a login
/// page where a test user types their username, and users that can be disabled. On demand it
/// misbehaves the ways an attacker or a broken provider would: an ID token signed with the wrong
/// key, or naming the wrong issuer, audience or nonce, or an answer with the wrong state.
/// </summary>
public sealed class TestProvider : IAsyncDisposable
{
    public const string ClientId = "meetingboard";
    public const string ClientSecret = "a test secret that is long enough";

    public enum Fault { None, WrongSignature, WrongIssuer, WrongAudience, WrongNonce, WrongState }

    public sealed record User(string Username, string Subject, string Name, string Email, string[] Groups);

    readonly WebApplication host;
    readonly ConcurrentDictionary<string, User> users = new(StringComparer.OrdinalIgnoreCase);
    readonly ConcurrentDictionary<string, bool> disabled = new();
    readonly RsaSecurityKey signingKey = new(RSA.Create(2048)) { KeyId = "test-provider-key" };

    public int Port { get; }
    public Uri Authority => new($"http://localhost:{Port}/");
    public Fault Misbehave { get; set; }
    /// <summary>The app's address, to check the redirect URIs it sends against (as a registered client's would be).</summary>
    public Uri? AppAddress { get; set; }
    public int EndSessionRequests => endSessions;
    int endSessions;

    TestProvider(int port, IEnumerable<User> people)
    {
        Port = port;
        foreach (var u in people) users[u.Username] = u;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(o => o.ListenLocalhost(port));
        builder.Logging.ClearProviders();
        builder.Services.AddAuthentication("provider").AddCookie("provider", o =>
        {
            o.Cookie.Name = "test_provider_user";
            o.LoginPath = "/login";
        });
        builder.Services.AddAuthorization();
        builder.Services.AddOpenIddict().AddServer(o =>
        {
            o.SetIssuer(Authority);
            o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token").SetEndSessionEndpointUris("connect/end-session");
            o.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().RequireProofKeyForCodeExchange();
            o.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess);
            o.AddEphemeralEncryptionKey().AddSigningKey(signingKey).DisableAccessTokenEncryption();
            // No database of clients: the checks a client registration would make are the handlers below.
            o.EnableDegradedMode();
            o.UseAspNetCore().DisableTransportSecurityRequirement()
                .EnableAuthorizationEndpointPassthrough().EnableTokenEndpointPassthrough().EnableEndSessionEndpointPassthrough();
            o.AddEventHandler<OpenIddictServerEvents.ValidateAuthorizationRequestContext>(b => b.UseInlineHandler(c =>
            {
                if (c.ClientId != ClientId) c.Reject(Errors.InvalidClient, "Unknown client.");
                else if (!IsAppAddress(c.RedirectUri, "/sign-in/")) c.Reject(Errors.InvalidRequest, "That redirect_uri is not registered.");
                else c.SetRedirectUri(c.RedirectUri!);
                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ValidateTokenRequestContext>(b => b.UseInlineHandler(c =>
            {
                if (c.Request.ClientId != ClientId || c.Request.ClientSecret != ClientSecret) c.Reject(Errors.InvalidClient, "The client could not be authenticated.");
                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ValidateEndSessionRequestContext>(b => b.UseInlineHandler(c =>
            {
                if (c.PostLogoutRedirectUri is { } uri)
                {
                    if (IsAppAddress(uri, "/sign-out/")) c.SetPostLogoutRedirectUri(uri);
                    else c.Reject(Errors.InvalidRequest, "That post_logout_redirect_uri is not registered.");
                }
                return default;
            }));
            o.AddEventHandler<OpenIddictServerEvents.ApplyTokenResponseContext>(b => b.UseInlineHandler(c =>
            {
                if (c.Response.IdToken is { } idToken) c.Response.IdToken = Tamper(idToken);
                return default;
            }).SetOrder(int.MinValue + 10));
            o.AddEventHandler<OpenIddictServerEvents.ApplyAuthorizationResponseContext>(b => b.UseInlineHandler(c =>
            {
                if (Misbehave == Fault.WrongState && c.Response.State is { Length: > 4 } state)
                    c.Response.State = state[..^4] + (state.EndsWith("AAAA", StringComparison.Ordinal) ? "BBBB" : "AAAA");
                return default;
            }).SetOrder(OpenIddictServerAspNetCoreHandlers.Authentication.ProcessQueryResponse.Descriptor.Order - 1)); // after the state is attached
        });
        host = builder.Build();
        host.UseAuthentication();
        host.UseAuthorization();
        Map(host);
    }

    public static async Task<TestProvider> StartAsync(params User[] people)
    {
        var provider = new TestProvider(FreePort(), people);
        await provider.host.StartAsync();
        return provider;
    }

    public void Disable(string username) => disabled[users[username].Subject] = true;

    public void Change(User user) => users[user.Username] = user;

    bool IsAppAddress(string? uri, string pathStart) =>
        AppAddress is { } app && Uri.TryCreate(uri, UriKind.Absolute, out var u)
        && u.GetLeftPart(UriPartial.Authority) == app.GetLeftPart(UriPartial.Authority) && u.AbsolutePath.StartsWith(pathStart, StringComparison.Ordinal);

    /// <summary>Re-signs the ID token with one claim wrong, or signs it with a key the provider never published.</summary>
    string Tamper(string idToken)
    {
        if (Misbehave is Fault.None or Fault.WrongState) return idToken;
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(new JsonWebToken(idToken).EncodedPayload))!.AsObject();
        var key = signingKey;
        switch (Misbehave)
        {
            case Fault.WrongIssuer: payload["iss"] = "http://localhost:1/"; break;
            case Fault.WrongAudience: payload["aud"] = "someone-else"; break;
            case Fault.WrongNonce: payload["nonce"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)); break;
            case Fault.WrongSignature: key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = signingKey.KeyId }; break;
        }
        return new JsonWebTokenHandler().CreateToken(payload.ToJsonString(), new SigningCredentials(key, SecurityAlgorithms.RsaSha256));
    }

    void Map(WebApplication app)
    {
        app.MapGet("/login", (string? returnUrl) => Results.Content($$"""
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>Test provider: sign in</title></head>
            <body><main><h1>Test provider</h1>
            <form method="post" action="/login">
            <input type="hidden" name="returnUrl" value="{{WebUtility.HtmlEncode(returnUrl ?? "/")}}">
            <label for="username">Username</label> <input id="username" name="username" autocomplete="off">
            <button type="submit">Continue</button>
            </form></main></body></html>
            """, "text/html; charset=utf-8"));
        app.MapPost("/login", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync();
            if (!users.TryGetValue(form["username"].ToString(), out var user) || disabled.ContainsKey(user.Subject))
                return Results.Content("<!DOCTYPE html><html lang=\"en\"><head><title>No</title></head><body><main><h1>Unknown or disabled user</h1></main></body></html>", "text/html", statusCode: 401);
            await http.SignInAsync("provider", new ClaimsPrincipal(new ClaimsIdentity([new Claim(Claims.Subject, user.Subject)], "provider")));
            var returnUrl = form["returnUrl"].ToString();
            return Results.Redirect(returnUrl.StartsWith('/') ? returnUrl : "/");
        }).DisableAntiforgery();

        app.MapMethods("/connect/authorize", ["GET", "POST"], async (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest()!;
            var signedIn = await http.AuthenticateAsync("provider");
            if (signedIn.Principal?.FindFirst(Claims.Subject)?.Value is not { } subject || UserBySubject(subject) is not { } user || disabled.ContainsKey(subject))
                return Results.Challenge(new AuthenticationProperties { RedirectUri = http.Request.PathBase + http.Request.Path + http.Request.QueryString }, ["provider"]);
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, user.Subject).SetClaim(Claims.Name, user.Name).SetClaim(Claims.Email, user.Email);
            identity.SetClaims("groups", [.. user.Groups]);
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }).DisableAntiforgery();

        app.MapPost("/connect/token", async (HttpContext http) =>
        {
            var result = await http.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
            var subject = result.Principal?.FindFirst(Claims.Subject)?.Value;
            // A disabled account's refresh token is refused, as Entra ID and the others do.
            if (subject is null || UserBySubject(subject) is null || disabled.ContainsKey(subject))
                return Results.Forbid(new AuthenticationProperties(new Dictionary<string, string?>
                {
                    [OpenIddictServerAspNetCoreConstants.Properties.Error] = Errors.InvalidGrant,
                    [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = "The account is disabled.",
                }), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
            var identity = new ClaimsIdentity(result.Principal!.Claims, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetDestinations(_ => [Destinations.AccessToken, Destinations.IdentityToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }).DisableAntiforgery();

        app.MapMethods("/connect/end-session", ["GET", "POST"], async (HttpContext http) =>
        {
            Interlocked.Increment(ref endSessions);
            await http.SignOutAsync("provider");
            return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
        }).DisableAntiforgery();
    }

    User? UserBySubject(string subject) => users.Values.FirstOrDefault(u => u.Subject == subject);

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        await host.DisposeAsync();
    }
}
