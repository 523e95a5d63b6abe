using System.Security.Claims;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using MeetingBoard.Meetings;
using MeetingBoard.Web.Features.Shared;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace MeetingBoard.Web.Features.Accounts;

/// <summary>
/// Signing in with an organisation's account (Microsoft Entra ID, ADFS, Okta, Keycloak…) through
/// OpenID Connect: the authorisation-code flow with PKCE, the handler's own state, nonce, signature,
/// issuer and audience checks. Once the handler has checked the answer, the person is either refused
/// (nothing stored) or given the same server-side session as a local account; the handler's own
/// sign-in cookie is never issued.
/// </summary>
public static partial class ProviderSignIn
{
    public static string Scheme(string provider) => "oidc-" + provider;
    public static string CallbackPath(string provider) => $"/sign-in/{provider}/callback";
    public static string SignedOutCallbackPath(string provider) => $"/sign-out/{provider}/callback";
    const string IdTokenItem = "mb:id_token";

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,31}$")]
    private static partial Regex ProviderName();

    /// <summary>Refuses to start with settings that would let nobody in, or anybody: the message says which setting.</summary>
    public static void Validate(SignInOptions signIn)
    {
        if (!signIn.LocalAccounts && signIn.Providers.Count == 0)
            throw new InvalidOperationException("MeetingBoard:SignIn:LocalAccounts is false and no provider is configured under MeetingBoard:SignIn:Providers: nobody could sign in.");
        foreach (var (name, p) in signIn.Providers)
        {
            var where = $"MeetingBoard:SignIn:Providers:{name}";
            if (!ProviderName().IsMatch(name))
                throw new InvalidOperationException($"{where}: a provider's name may use only lower-case letters, digits and '-', at most 32 characters (it is part of the redirect URI).");
            if (!Uri.TryCreate(p.Authority, UriKind.Absolute, out _)) throw new InvalidOperationException($"{where}:Authority must be the provider's issuer URL.");
            if (string.IsNullOrWhiteSpace(p.ClientId)) throw new InvalidOperationException($"{where}:ClientId is missing.");
            if (string.IsNullOrEmpty(p.ClientSecret) == string.IsNullOrEmpty(p.ClientCertificatePath))
                throw new InvalidOperationException($"{where}: set exactly one of ClientSecret and ClientCertificatePath.");
            if (p.AllowedEmailDomains.Length == 0 && p.AllowedGroups.Length == 0 && !p.AllowEveryone)
                throw new InvalidOperationException($"{where}: say who may facilitate with AllowedEmailDomains and/or AllowedGroups (or AllowEveryone: true if the provider itself only lets facilitators in).");
        }
    }

    public static void AddProviders(this AuthenticationBuilder auth, SignInOptions signIn, string? publicUrl)
    {
        // Behind a proxy that ends TLS the request looks like http: the addresses given to the provider come from PublicUrl when it is set.
        var publicBase = string.IsNullOrWhiteSpace(publicUrl) ? null : publicUrl.TrimEnd('/');
        foreach (var (name, p) in signIn.Providers)
        {
            auth.AddOpenIdConnect(Scheme(name), string.IsNullOrWhiteSpace(p.DisplayName) ? name : p.DisplayName, o =>
            {
                o.Authority = p.Authority;
                o.ClientId = p.ClientId;
                o.ClientSecret = p.ClientSecret;
                o.RequireHttpsMetadata = p.RequireHttpsMetadata;
                o.ResponseType = OpenIdConnectResponseType.Code;
                // The code comes back in the query of a top-level GET, which carries SameSite=Lax cookies
                // (every cookie here is at least Lax); form_post would need SameSite=None.
                o.ResponseMode = OpenIdConnectResponseMode.Query;
                o.UsePkce = true;
                o.Scope.Clear();
                o.Scope.Add("openid");
                foreach (var scope in (p.Scopes ?? ProviderOptions.DefaultScopes).Where(s => !string.IsNullOrWhiteSpace(s) && s != "openid")) o.Scope.Add(scope);
                o.CallbackPath = CallbackPath(name);
                o.SignedOutCallbackPath = SignedOutCallbackPath(name);
                o.RemoteSignOutPath = $"/sign-out/{name}/front-channel";
                o.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                o.SaveTokens = true;
                // Claims keep the names the provider gave them ("sub", "email", "groups"), the names the settings use.
                o.MapInboundClaims = false;
                o.GetClaimsFromUserInfoEndpoint = false;
                o.TokenValidationParameters.NameClaimType = p.NameClaim;
                foreach (var cookie in new[] { o.CorrelationCookie, o.NonceCookie })
                {
                    cookie.SameSite = SameSiteMode.Lax;
                    cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest; // the cookie policy makes it Secure unless plain http is allowed
                }
                // Not __Host- prefixed: these live only on the callback path, for the minutes a sign-in takes.
                o.CorrelationCookie.Name = "mb_oidc_correlation.";
                o.NonceCookie.Name = "mb_oidc_nonce.";
                o.Events.OnTicketReceived = context => CompleteAsync(context, name, p);
                o.Events.OnAccessDenied = context =>
                {
                    context.HandleResponse();
                    context.Response.Redirect($"/sign-in/{name}/failed?reason=cancelled");
                    return Task.CompletedTask;
                };
                o.Events.OnRemoteFailure = context =>
                {
                    // The details (which check failed) are for the operator's log; the person gets one plain answer.
                    context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProviderSignIn))
                        .LogWarning("Sign-in with provider {Provider} was refused: {Reason}", name, context.Failure?.Message);
                    context.HandleResponse();
                    context.Response.Redirect($"/sign-in/{name}/failed");
                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToIdentityProvider = context =>
                {
                    if (publicBase is not null)
                    {
                        context.ProtocolMessage.RedirectUri = publicBase + CallbackPath(name);
                        // The code is redeemed with the same redirect_uri it was asked for with.
                        context.Properties.Items[OpenIdConnectDefaults.RedirectUriForCodePropertiesKey] = context.ProtocolMessage.RedirectUri;
                    }
                    return Task.CompletedTask;
                };
                o.Events.OnRedirectToIdentityProviderForSignOut = context =>
                {
                    if (publicBase is not null) context.ProtocolMessage.PostLogoutRedirectUri = publicBase + SignedOutCallbackPath(name);
                    if (context.Properties.Items.TryGetValue(IdTokenItem, out var idToken)) context.ProtocolMessage.IdTokenHint = idToken;
                    context.ProtocolMessage.ClientId = p.ClientId;
                    return Task.CompletedTask;
                };
                if (!string.IsNullOrEmpty(p.ClientCertificatePath))
                {
                    var certificate = LoadCertificate(p);
                    o.Events.OnAuthorizationCodeReceived = context =>
                    {
                        var endpoint = context.Options.Configuration?.TokenEndpoint ?? "";
                        context.TokenEndpointRequest!.ClientSecret = null;
                        context.TokenEndpointRequest.ClientAssertionType = ClientAssertionType;
                        context.TokenEndpointRequest.ClientAssertion = ClientAssertion(p.ClientId, endpoint, certificate);
                        return Task.CompletedTask;
                    };
                }
            });
        }
    }

    public const string ClientAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    internal static X509Certificate2 LoadCertificate(ProviderOptions p) =>
        p.ClientCertificatePath!.EndsWith(".pem", StringComparison.OrdinalIgnoreCase)
            ? X509Certificate2.CreateFromPemFile(p.ClientCertificatePath)
            : X509CertificateLoader.LoadPkcs12FromFile(p.ClientCertificatePath, p.ClientCertificatePassword);

    /// <summary>The signed statement (RFC 7523, "private_key_jwt") by which the client proves itself with its certificate instead of a secret.</summary>
    public static string ClientAssertion(string clientId, string audience, X509Certificate2 certificate) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = clientId,
            Audience = audience,
            Claims = new Dictionary<string, object> { ["sub"] = clientId, ["jti"] = Guid.NewGuid().ToString("N") },
            IssuedAt = DateTime.UtcNow,
            NotBefore = DateTime.UtcNow,
            Expires = DateTime.UtcNow.AddMinutes(2),
            SigningCredentials = new X509SigningCredentials(certificate),
        });

    /// <summary>
    /// The handler has checked state, nonce, signature, issuer and audience. Now: may this person
    /// facilitate? If not, nothing is stored. If so, their account (found by the provider's subject,
    /// made at the first sign-in) gets a server-side session like any other.
    /// </summary>
    static async Task CompleteAsync(TicketReceivedContext context, string name, ProviderOptions p)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        var services = http.RequestServices;
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProviderSignIn));
        var user = context.Principal!;
        var person = Read(user, p);
        var access = WhoMayFacilitate.Decide(p, person);
        if (access == Access.Incomplete)
        {
            log.LogWarning("Provider {Provider} sent no {Claim} claim: check SubjectClaim, EmailClaim and the scopes in MeetingBoard:SignIn:Providers:{Provider}",
                name, string.IsNullOrWhiteSpace(person.Subject) ? p.SubjectClaim : p.EmailClaim, name);
            context.Response.Redirect($"/sign-in/{name}/failed?reason=incomplete");
            return;
        }
        if (access == Access.NotAllowed)
        {
            if (person.GroupsLeftOut && p.AllowedGroups.Length > 0)
                log.LogWarning("Provider {Provider} left the person's groups out of the token (too many groups): see docs/sign-in.md on the groups overage", name);
            log.LogInformation("Sign-in with provider {Provider} refused: not on the allow-list", name);
            context.Response.Redirect($"/sign-in/{name}/no-access");
            return;
        }

        var accounts = services.GetRequiredService<IAccountStore>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var displayName = Text.Clean(person.Name, "name", Text.NameMaxLength, multiline: false).Value ?? person.Email!;
        var email = person.Email!.Trim();
        var account = await accounts.FindByLoginAsync(name, person.Subject!);
        if (account is null)
        {
            account = new FacilitatorAccount(MeetingHosts.NewId(), displayName, email, PasswordHash: "", now);
            if (!await accounts.AddWithLoginAsync(account, name, person.Subject!))
            {
                // Either another sign-in of the same person won the race (then the link exists), or another account has the email.
                account = await accounts.FindByLoginAsync(name, person.Subject!);
                if (account is null)
                {
                    log.LogWarning("Sign-in with provider {Provider} refused: another account already has the email address", name);
                    context.Response.Redirect($"/sign-in/{name}/failed?reason=email-in-use");
                    return;
                }
            }
        }
        else if (account.Name != displayName || !string.Equals(account.Email, email, StringComparison.Ordinal))
        {
            if (await accounts.UpdateProfileAsync(account.Id, displayName, email)) account = account with { Name = displayName, Email = email };
        }

        var tokens = new ProviderTokens(context.Properties?.GetTokenValue("id_token"), context.Properties?.GetTokenValue("refresh_token"));
        await FacilitatorAuthentication.SignInAsync(http, account, (name, services.GetRequiredService<ProviderAccounts>().Protect(tokens)));
        context.Response.Redirect(AccountEndpoints.LocalOrNull(context.ReturnUri) ?? "/meetings");
    }

    static ProviderPerson Read(ClaimsPrincipal user, ProviderOptions p)
    {
        var names = user.FindAll("_claim_names").Select(c => c.Value);
        return new ProviderPerson(
            user.FindFirst(p.SubjectClaim)?.Value,
            user.FindFirst(p.NameClaim)?.Value,
            user.FindFirst(p.EmailClaim)?.Value,
            !string.Equals(user.FindFirst("email_verified")?.Value, "false", StringComparison.OrdinalIgnoreCase),
            [.. user.FindAll(p.GroupClaim).Select(c => c.Value)],
            // Entra ID's "groups overage": past 200 groups it names a Graph query instead of listing them.
            names.Any(n => n.Contains($"\"{p.GroupClaim}\"", StringComparison.Ordinal)));
    }

    public static void MapProviderSignIn(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sign-in/{provider}", StartAsync);
        app.MapGet("/sign-in/{provider}/no-access", (HttpContext http, string provider, MeetingBoardOptions options) =>
            Known(options, provider) is not { } p ? NotFound(http) : Forms.Page<MessagePage>(new
            {
                Chrome = Chrome.For(http),
                Heading = "You do not have access to MeetingBoard",
                Paragraphs = new[]
                {
                    $"You signed in with {DisplayName(provider, p)}, but your account is not one of those allowed to run meetings here. Nothing has been saved about you.",
                    $"To get access, ask {options.SignIn.AccessContact}.",
                    "Joining a meeting someone else runs? You do not need an account: enter the join code you were given.",
                },
                LinkHref = "/join",
                LinkText = "Enter a join code",
                IsError = true,
            }, StatusCodes.Status403Forbidden));
        app.MapGet("/sign-in/{provider}/failed", (HttpContext http, string provider, string? reason, MeetingBoardOptions options) =>
        {
            if (Known(options, provider) is not { } p) return NotFound(http);
            var who = DisplayName(provider, p);
            string[] paragraphs = reason switch
            {
                "cancelled" => [$"Signing in with {who} was cancelled, so you have not been signed in."],
                "unreachable" => [$"MeetingBoard could not reach {who}. Try again in a few minutes.", $"If it keeps happening, tell {options.SignIn.AccessContact}."],
                "incomplete" => [$"{who} did not tell MeetingBoard who you are (your account's identifier or email address), so you have not been signed in.",
                    $"Tell {options.SignIn.AccessContact}: the provider's settings need to send it."],
                "email-in-use" => ["Another MeetingBoard account already uses your email address, so a second one cannot be made for you.",
                    $"Ask {options.SignIn.AccessContact} to sort this out."],
                _ => [$"MeetingBoard could not check the answer from {who}, so you have not been signed in. Nothing has been saved.",
                    "This can happen if signing in took too long, or was started in another tab. Try again.",
                    $"If it keeps happening, tell {options.SignIn.AccessContact}."],
            };
            return Forms.Page<MessagePage>(new
            {
                Chrome = Chrome.For(http),
                Heading = reason == "cancelled" ? "You have not been signed in" : "We could not sign you in",
                Paragraphs = paragraphs,
                LinkHref = "/sign-in",
                LinkText = "Back to sign in",
                IsError = true,
            }, reason == "cancelled" ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);
        });
        app.MapGet("/sign-out/{provider}/at-provider", SignOutAtProviderAsync);
        app.MapGet("/sign-out/{provider}/done", (HttpContext http, string provider, MeetingBoardOptions options) =>
            Known(options, provider) is not { } p ? NotFound(http) : Forms.Page<MessagePage>(new
            {
                Chrome = Chrome.For(http),
                Heading = "You have signed out",
                Paragraphs = new[] { $"You have signed out of MeetingBoard and of {DisplayName(provider, p)}." },
                LinkHref = "/sign-in",
                LinkText = "Sign in again",
            }));
    }

    static ProviderOptions? Known(MeetingBoardOptions options, string provider) =>
        options.SignIn.Providers.TryGetValue(provider, out var p) && ProviderName().IsMatch(provider) ? p : null;

    public static string DisplayName(string provider, ProviderOptions p) => string.IsNullOrWhiteSpace(p.DisplayName) ? provider : p.DisplayName;

    static IResult NotFound(HttpContext http) => Forms.Fail(http, StatusCodes.Status404NotFound, "There is no such way to sign in. Go back to the sign-in page and choose again.");

    /// <summary>
    /// A plain link starts the sign-in (a form post would be a form whose redirect leaves the site,
    /// which the page's form-action policy forbids). Starting it is harmless: the state and the
    /// correlation cookie stop anyone finishing it for someone else.
    /// </summary>
    static async Task<IResult> StartAsync(HttpContext http, string provider, string? returnUrl, MeetingBoardOptions options)
    {
        if (Known(options, provider) is null) return NotFound(http);
        try
        {
            await http.ChallengeAsync(Scheme(provider), new AuthenticationProperties { RedirectUri = AccountEndpoints.LocalOrNull(returnUrl) ?? "/meetings" });
            return Results.Empty;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
        {
            // The provider's metadata could not be read: it is down, or the Authority is wrong.
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProviderSignIn))
                .LogWarning(e, "Could not start sign-in with provider {Provider}", provider);
            return Results.Redirect($"/sign-in/{provider}/failed?reason=unreachable");
        }
    }

    /// <summary>Whether a provider can be asked to sign someone out (its metadata names an end-session endpoint).</summary>
    public static async Task<bool> SupportsSignOutAsync(IServiceProvider services, string provider, CancellationToken ct)
    {
        try
        {
            var options = services.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(Scheme(provider));
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(ct);
            return !string.IsNullOrEmpty(configuration.EndSessionEndpoint);
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
        {
            return false;
        }
    }

    const string SignOutPurpose = "MeetingBoard.ProviderSignOut";

    /// <summary>The link that signs an ended session out at its provider: it names the session, protected and good for 15 minutes.</summary>
    public static string SignOutLink(IServiceProvider services, string provider, string sessionId) =>
        $"/sign-out/{provider}/at-provider?s=" + Uri.EscapeDataString(services.GetRequiredService<IDataProtectionProvider>()
            .CreateProtector(SignOutPurpose).ToTimeLimitedDataProtector().Protect(sessionId, TimeSpan.FromMinutes(15)));

    static async Task<IResult> SignOutAtProviderAsync(HttpContext http, string provider, string? s, MeetingBoardOptions options, ISessionStore sessions, ProviderAccounts accounts)
    {
        if (Known(options, provider) is null) return NotFound(http);
        string sessionId;
        try
        {
            sessionId = http.RequestServices.GetRequiredService<IDataProtectionProvider>().CreateProtector(SignOutPurpose)
                .ToTimeLimitedDataProtector().Unprotect(s ?? "");
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return Forms.Fail(http, StatusCodes.Status400BadRequest, "This sign-out link has expired. You are already signed out of MeetingBoard.");
        }
        var link = await sessions.FindProviderAsync(sessionId);
        if (link is null || link.Provider != provider)
            return Forms.Fail(http, StatusCodes.Status400BadRequest, "This sign-out link has expired. You are already signed out of MeetingBoard.");
        var properties = new AuthenticationProperties { RedirectUri = $"/sign-out/{provider}/done" };
        if (accounts.Unprotect(link.ProtectedTokens).IdToken is { } idToken) properties.Items[IdTokenItem] = idToken;
        try
        {
            await http.SignOutAsync(Scheme(provider), properties);
            return Results.Empty;
        }
        catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException)
        {
            return Results.Redirect($"/sign-in/{provider}/failed?reason=unreachable");
        }
    }
}

/// <summary>What a session keeps of the provider's tokens, encrypted at rest.</summary>
public sealed record ProviderTokens(string? IdToken, string? RefreshToken);
