using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MeetingBoard.Web.Storage;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace MeetingBoard.Web.Features.Accounts;

/// <summary>
/// Whether the provider account behind a session still works. An ID token says who someone was when
/// they signed in and nothing after; the provider only tells us about a disabled (or deleted, or
/// signed-out-everywhere) account when we ask it something. So a session keeps the refresh token it
/// was given (encrypted) and, at most every AccountCheckMinutes, spends it at the provider's token
/// endpoint: a refusal (<c>invalid_grant</c>) ends the session; a provider that cannot be reached
/// does not (a network fault is not a disabled account), and the next check asks again.
/// </summary>
public sealed class ProviderAccounts(
    IOptionsMonitor<OpenIdConnectOptions> handlers, IDataProtectionProvider protection, MeetingBoardOptions options,
    TimeProvider time, ILogger<ProviderAccounts> log)
{
    readonly IDataProtector protector = protection.CreateProtector("MeetingBoard.ProviderTokens");
    readonly ConcurrentDictionary<string, X509Certificate2> certificates = new();

    public string Protect(ProviderTokens tokens) => protector.Protect(JsonSerializer.Serialize(tokens));

    public ProviderTokens Unprotect(string protectedTokens)
    {
        try
        {
            return JsonSerializer.Deserialize<ProviderTokens>(protector.Unprotect(protectedTokens)) ?? new ProviderTokens(null, null);
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            return new ProviderTokens(null, null);
        }
    }

    /// <summary>False when the provider has refused the account, or the provider is no longer configured: the caller ends the session.</summary>
    public async Task<bool> StillAllowedAsync(ISessionStore sessions, string sessionId, CancellationToken ct)
    {
        var link = await sessions.FindProviderAsync(sessionId, ct);
        if (link is null) return true; // a local account's session
        if (!options.SignIn.Providers.TryGetValue(link.Provider, out var provider))
        {
            log.LogInformation("A session from provider {Provider} ended: that provider is no longer configured", link.Provider);
            return false;
        }
        var now = time.GetUtcNow();
        if (!await sessions.ClaimProviderCheckAsync(sessionId, now, now - TimeSpan.FromMinutes(provider.AccountCheckMinutes), ct)) return true;
        var tokens = Unprotect(link.ProtectedTokens);
        if (tokens.RefreshToken is null) return true; // without offline_access there is nothing to ask with: the session's own limits apply

        try
        {
            var handler = handlers.Get(ProviderSignIn.Scheme(link.Provider));
            var configuration = await handler.ConfigurationManager!.GetConfigurationAsync(ct);
            var form = new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = tokens.RefreshToken,
                ["client_id"] = provider.ClientId,
            };
            if (!string.IsNullOrEmpty(provider.ClientCertificatePath))
            {
                form["client_assertion_type"] = ProviderSignIn.ClientAssertionType;
                form["client_assertion"] = ProviderSignIn.ClientAssertion(provider.ClientId, configuration.TokenEndpoint,
                    certificates.GetOrAdd(link.Provider, _ => ProviderSignIn.LoadCertificate(provider)));
            }
            else form["client_secret"] = provider.ClientSecret!;
            using var response = await handler.Backchannel.PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(form), ct);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
            if (response.IsSuccessStatusCode)
            {
                // Providers that rotate refresh tokens send a new one: the old one may already be spent.
                if (body.RootElement.TryGetProperty("refresh_token", out var next) && next.GetString() is { Length: > 0 } rotated)
                    await sessions.SaveProviderTokensAsync(sessionId, Protect(tokens with { RefreshToken = rotated }), ct);
                return true;
            }
            if (response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized
                && body.RootElement.TryGetProperty("error", out var error) && error.GetString() == "invalid_grant")
            {
                log.LogInformation("Provider {Provider} refused a session's refresh token (account disabled, deleted or signed out there): the session ends", link.Provider);
                return false;
            }
            log.LogWarning("Provider {Provider} answered the account check with {Status}: the session carries on", link.Provider, (int)response.StatusCode);
            return true;
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or JsonException or TaskCanceledException && !ct.IsCancellationRequested)
        {
            log.LogWarning("Could not ask provider {Provider} about a session's account ({Error}): the session carries on", link.Provider, e.Message);
            return true;
        }
    }
}
