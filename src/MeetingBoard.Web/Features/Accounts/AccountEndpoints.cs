using System.Net.Mail;
using MeetingBoard.Meetings;
using MeetingBoard.Web.Features.Shared;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Storage;

namespace MeetingBoard.Web.Features.Accounts;

/// <summary>Facilitator accounts: the one-time setup, signing in and out, and adding facilitators.</summary>
public static class AccountEndpoints
{
    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/setup/{token}", async (HttpContext http, string token, SetupLink setup) =>
            await setup.IsOpenAsync(token) ? Forms.Page<SetupPage>(new { Chrome = Chrome.For(http), Token = token }) : SetupUsed(http));
        app.MapPost("/setup/{token}", SetupAsync);

        app.MapGet("/sign-in", (HttpContext http, string? returnUrl, MeetingBoardOptions options) =>
            Forms.Page<SignInPage>(new { Chrome = Chrome.For(http), ReturnUrl = LocalOrNull(returnUrl), Ways = SignInPage.WaysFrom(options.SignIn) }));
        app.MapPost("/sign-in", SignInAsync);
        app.MapPost("/sign-out", (Delegate)SignOutAsync);
        app.MapProviderSignIn();

        app.MapGet("/facilitators/new", (HttpContext http, MeetingBoardOptions options) => options.SignIn.LocalAccounts
                ? Forms.Page<NewFacilitatorPage>(new { Chrome = Chrome.For(http) })
                : NoLocalAccounts(http, options))
            .RequireAuthorization();
        app.MapPost("/facilitators/new", AddFacilitatorAsync).RequireAuthorization();

        app.MapGet("/account/sessions", (Delegate)((HttpContext http) => ShowSessionsAsync(http, null))).RequireAuthorization();
        app.MapPost("/account/sessions/{sessionId}/end", EndSessionAsync).RequireAuthorization();
        app.MapPost("/account/sessions/end-others", EndOtherSessionsAsync).RequireAuthorization();
    }

    static async Task<IResult> ShowSessionsAsync(HttpContext http, string? ended, int status = StatusCodes.Status200OK)
    {
        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var sessions = await http.RequestServices.GetRequiredService<ISessionStore>().ListOpenAsync(Viewers.FacilitatorId(http.User)!,
            now - FacilitatorAuthentication.IdleTimeout, now - FacilitatorAuthentication.AbsoluteTimeout);
        return Forms.Page<SessionsPage>(new
        {
            Chrome = Chrome.For(http),
            Sessions = sessions,
            CurrentId = FacilitatorAuthentication.CurrentSessionId(http.User),
            Clock = http.RequestServices.GetRequiredService<MeetingClock>(),
            Ended = ended,
        }, status);
    }

    static async Task<IResult> EndSessionAsync(HttpContext http, string sessionId, ISessionStore sessions, TimeProvider time)
    {
        var (_, failure) = await Forms.ReadAsync(http);
        if (failure is not null) return failure;
        if (sessionId == FacilitatorAuthentication.CurrentSessionId(http.User))
            return Forms.Fail(http, StatusCodes.Status400BadRequest, "To end the session you are using, sign out.");
        // Only the facilitator's own sessions match: another facilitator's session id ends nothing.
        if (!await sessions.EndAsync(Viewers.FacilitatorId(http.User)!, sessionId, time.GetUtcNow()))
            return Forms.Fail(http, StatusCodes.Status404NotFound, "That session has already ended.");
        FacilitatorAuthentication.EndLiveConnections(http.RequestServices, sessionId);
        return await ShowSessionsAsync(http, "The session has been ended. That device will need to sign in again.");
    }

    static async Task<IResult> EndOtherSessionsAsync(HttpContext http, ISessionStore sessions, TimeProvider time)
    {
        var (_, failure) = await Forms.ReadAsync(http);
        if (failure is not null) return failure;
        var now = time.GetUtcNow();
        var facilitatorId = Viewers.FacilitatorId(http.User)!;
        var current = FacilitatorAuthentication.CurrentSessionId(http.User);
        foreach (var s in await sessions.ListOpenAsync(facilitatorId, now - FacilitatorAuthentication.IdleTimeout, now - FacilitatorAuthentication.AbsoluteTimeout))
            if (s.Id != current && await sessions.EndAsync(facilitatorId, s.Id, now))
                FacilitatorAuthentication.EndLiveConnections(http.RequestServices, s.Id);
        return await ShowSessionsAsync(http, "Every other session has been ended.");
    }

    static IResult SetupUsed(HttpContext http) => Forms.Page<MessagePage>(new
    {
        Chrome = Chrome.For(http),
        Heading = "This setup link has expired",
        Paragraphs = new[] { "The first facilitator account has already been created, or this link is too old. Restarting the server prints a new link while there is no account." },
        LinkHref = "/sign-in",
        LinkText = "Sign in",
        IsError = true,
    }, StatusCodes.Status404NotFound);

    /// <summary>With local accounts switched off, facilitators are added at the organisation's provider, not here.</summary>
    static IResult NoLocalAccounts(HttpContext http, MeetingBoardOptions options) => Forms.Page<MessagePage>(new
    {
        Chrome = Chrome.For(http),
        Heading = "Facilitators sign in with their organisation's account",
        Paragraphs = new[]
        {
            "MeetingBoard passwords are switched off here. A new facilitator signs in with their organisation's account, and MeetingBoard makes their account then.",
            $"If they cannot sign in, ask {options.SignIn.AccessContact} to give them access.",
        },
        LinkHref = "/meetings",
        LinkText = "Back to your meetings",
    }, StatusCodes.Status404NotFound);

    static async Task<IResult> SetupAsync(HttpContext http, string token, SetupLink setup, TimeProvider time)
    {
        var (form, failure) = await Forms.ReadAsync(http);
        if (failure is not null) return failure;
        if (!await setup.IsOpenAsync(token)) return SetupUsed(http);
        var (account, errors) = Validate(form!, time);
        if (account is null)
            return Forms.Page<SetupPage>(new { Chrome = Chrome.For(http), Token = token, Name = form!.Value("name"), Email = form!.Value("email"), Errors = errors }, 422);
        // With several nodes each printed its own link: once any was used, through any node, all are spent.
        if (!await setup.UseAsync(token, account)) return SetupUsed(http);
        await StartSessionAsync(http, account);
        return Results.Redirect("/meetings");
    }

    static async Task<IResult> AddFacilitatorAsync(HttpContext http, IAccountStore accounts, TimeProvider time, MeetingBoardOptions options)
    {
        var (form, failure) = await Forms.ReadAsync(http);
        if (failure is not null) return failure;
        if (!options.SignIn.LocalAccounts) return NoLocalAccounts(http, options);
        var (account, errors) = Validate(form!, time);
        if (account is not null && !await accounts.AddAsync(account))
            errors = FormErrors.Of("email", "There is already a facilitator with this email address");
        if (errors.Count > 0)
            return Forms.Page<NewFacilitatorPage>(new { Chrome = Chrome.For(http), Name = form!.Value("name"), Email = form!.Value("email"), Errors = errors }, 422);
        return Forms.Page<NewFacilitatorPage>(new { Chrome = Chrome.For(http), Added = account!.Name });
    }

    static (FacilitatorAccount? Account, FormErrors Errors) Validate(IFormCollection form, TimeProvider time)
    {
        var errors = new FormErrors();
        var (name, nameError) = Text.Clean(form.Value("name"), "your full name", Text.NameMaxLength, multiline: false);
        if (nameError is not null) errors["name"] = nameError.Replace("your full name", "the full name").Replace("Your full name", "Full name");
        var email = form.Value("email")?.Trim();
        if (string.IsNullOrEmpty(email)) errors["email"] = "Enter an email address";
        else if (email.Length > 254 || !MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !email.Contains('.'))
            errors["email"] = "Enter an email address in the correct format, like name@example.org";
        var password = form.Value("password");
        if (Passwords.Problem(password, email) is { } problem) errors["password"] = problem;
        if (errors.Count > 0) return (null, errors);
        return (new FacilitatorAccount(MeetingHosts.NewId(), name!, email!, Passwords.Hash(password!), time.GetUtcNow()), errors);
    }

    static async Task<IResult> SignInAsync(HttpContext http, IAccountStore accounts, SignInAttempts attempts, MeetingBoardOptions options)
    {
        var (form, failure) = await Forms.ReadAsync(http);
        if (failure is not null) return failure;
        if (!options.SignIn.LocalAccounts)
            return Forms.Fail(http, StatusCodes.Status404NotFound, "Signing in with a MeetingBoard password is switched off here. Sign in with your organisation's account.");
        var email = form!.Value("email")?.Trim();
        var password = form!.Value("password");
        var returnUrl = LocalOrNull(form!.Value("returnUrl"));
        IResult Refuse(string message, int status) => Forms.Page<SignInPage>(new
        {
            Chrome = Chrome.For(http),
            Email = email,
            ReturnUrl = returnUrl,
            Errors = FormErrors.Of("email", message),
            Ways = SignInPage.WaysFrom(options.SignIn),
        }, status);

        var key = string.IsNullOrEmpty(email) || email.Length > 254 ? null : email;
        if (key is not null && attempts.WaitFor(key) is { } wait)
            return Refuse(TooMany(wait), StatusCodes.Status429TooManyRequests);
        var account = key is null ? null : await accounts.FindByEmailAsync(key);
        // Hash even when there is no account, so the time taken does not tell which emails exist either.
        var verified = !string.IsNullOrEmpty(password) && password.Length <= Passwords.MaxLength
            && Passwords.Verify(account ?? NoAccount.Value, password) && account is not null;
        if (!verified)
        {
            // The same answers whether or not the email has an account: they must not tell which emails exist.
            if (key is not null && attempts.Failed(key) && attempts.WaitFor(key) is { } locked)
                return Refuse(TooMany(locked), StatusCodes.Status429TooManyRequests);
            return Refuse("Enter a correct email address and password", StatusCodes.Status401Unauthorized);
        }
        attempts.Succeeded(key!);
        await FacilitatorAuthentication.SignInAsync(http, account!);
        return Results.Redirect(returnUrl ?? "/meetings");
    }

    static readonly Lazy<FacilitatorAccount> NoAccount = new(() =>
        new FacilitatorAccount("", "", "", Passwords.Hash(Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))), DateTimeOffset.MinValue));

    static string TooMany(TimeSpan wait)
    {
        static string Count(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
        return wait.TotalSeconds <= 90
            ? $"There have been too many attempts to sign in with this email address. Wait {Count(Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)), "second")}, then try again"
            : $"There have been too many attempts to sign in with this email address. It is locked for {Count((int)Math.Ceiling(wait.TotalMinutes), "minute")}";
    }

    static Task StartSessionAsync(HttpContext http, FacilitatorAccount account) => FacilitatorAuthentication.SignInAsync(http, account);

    /// <summary>
    /// Ends the session here. A session that came from a provider which can sign people out (its
    /// metadata names an end-session endpoint) is then offered that too: on a shared computer, the
    /// next person would otherwise sign straight back in as this one.
    /// </summary>
    static async Task<IResult> SignOutAsync(HttpContext http)
    {
        var (_, failure) = await Forms.ReadAsync(http);
        if (failure is not null) return failure;
        var sessionId = FacilitatorAuthentication.CurrentSessionId(http.User);
        var link = sessionId is null ? null : await http.RequestServices.GetRequiredService<ISessionStore>().FindProviderAsync(sessionId);
        var chrome = Chrome.For(http) with { FacilitatorName = null };
        await FacilitatorAuthentication.SignOutAsync(http);
        var options = http.RequestServices.GetRequiredService<MeetingBoardOptions>();
        if (link is null || !options.SignIn.Providers.TryGetValue(link.Provider, out var provider)
            || !await ProviderSignIn.SupportsSignOutAsync(http.RequestServices, link.Provider, http.RequestAborted))
            return Results.Redirect("/sign-in");
        var who = ProviderSignIn.DisplayName(link.Provider, provider);
        return Forms.Page<MessagePage>(new
        {
            Chrome = chrome,
            Heading = "You have signed out of MeetingBoard",
            Paragraphs = new[]
            {
                $"You are still signed in to {who}, so anyone using this device could sign in to MeetingBoard as you without a password.",
                $"On a shared or borrowed device, sign out of {who} too. That signs you out of the other services you use with that account as well.",
            },
            LinkHref = ProviderSignIn.SignOutLink(http.RequestServices, link.Provider, link.SessionId),
            LinkText = $"Sign out of {who} too",
        });
    }

    /// <summary>Only a path on this site: not "//host" or "/\\host" (other sites), nor control characters (a header that cannot be sent).</summary>
    public static string? LocalOrNull(string? url) =>
        url is { Length: > 1 and <= 2000 } && url[0] == '/' && url[1] != '/' && url[1] != '\\' && !url.Any(char.IsControl) ? url : null;
}
