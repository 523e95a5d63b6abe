using System.Net.Mail;
using System.Security.Claims;
using MeetingBoard.Meetings;
using MeetingBoard.Web.Features.Shared;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Storage;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace MeetingBoard.Web.Features.Accounts;

/// <summary>Facilitator accounts: the one-time setup, signing in and out, and adding facilitators.</summary>
public static class AccountEndpoints
{
    public static void MapAccounts(this IEndpointRouteBuilder app)
    {
        app.MapGet("/setup/{token}", (HttpContext http, string token, SetupLink setup) =>
            setup.Matches(token) ? Forms.Page<SetupPage>(new { Chrome = Chrome.For(http), Token = token }) : SetupUsed(http));
        app.MapPost("/setup/{token}", SetupAsync);

        app.MapGet("/sign-in", (HttpContext http, string? returnUrl) =>
            Forms.Page<SignInPage>(new { Chrome = Chrome.For(http), ReturnUrl = LocalOrNull(returnUrl) }));
        app.MapPost("/sign-in", SignInAsync);
        app.MapPost("/sign-out", (Delegate)SignOutAsync);

        app.MapGet("/facilitators/new", (HttpContext http) => Forms.Page<NewFacilitatorPage>(new { Chrome = Chrome.For(http) }))
            .RequireAuthorization();
        app.MapPost("/facilitators/new", AddFacilitatorAsync).RequireAuthorization();
    }

    static IResult SetupUsed(HttpContext http) => Forms.Page<MessagePage>(new
    {
        Chrome = Chrome.For(http),
        Heading = "This setup link has expired",
        Paragraphs = new[] { "The first facilitator account has already been created, or the server has restarted and printed a new link." },
        LinkHref = "/sign-in",
        LinkText = "Sign in",
        IsError = true,
    }, StatusCodes.Status404NotFound);

    static async Task<IResult> SetupAsync(HttpContext http, string token, SetupLink setup, IAccountStore accounts, TimeProvider time)
    {
        var (form, failure) = await Forms.ReadAsync(http);
        if (failure is not null) return failure;
        if (!setup.Matches(token)) return SetupUsed(http);
        var (account, errors) = Validate(form!, time);
        if (account is null)
            return Forms.Page<SetupPage>(new { Chrome = Chrome.For(http), Token = token, Name = form!.Value("name"), Email = form!.Value("email"), Errors = errors }, 422);
        // With several nodes each printed its own link: once any was used, the others are spent too.
        if (!await setup.UseAsync(token, async () => !await accounts.AnyAsync() && await accounts.AddAsync(account))) return SetupUsed(http);
        await StartSessionAsync(http, account);
        return Results.Redirect("/meetings");
    }

    static async Task<IResult> AddFacilitatorAsync(HttpContext http, IAccountStore accounts, TimeProvider time)
    {
        var (form, failure) = await Forms.ReadAsync(http);
        if (failure is not null) return failure;
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

    static async Task<IResult> SignInAsync(HttpContext http, IAccountStore accounts)
    {
        var (form, failure) = await Forms.ReadAsync(http);
        if (failure is not null) return failure;
        var email = form!.Value("email")?.Trim();
        var password = form!.Value("password");
        var returnUrl = LocalOrNull(form!.Value("returnUrl"));
        var account = string.IsNullOrEmpty(email) ? null : await accounts.FindByEmailAsync(email);
        if (account is null || string.IsNullOrEmpty(password) || !Passwords.Verify(account, password))
        {
            // One message for every failure: it must not tell which emails have accounts.
            return Forms.Page<SignInPage>(new
            {
                Chrome = Chrome.For(http),
                Email = email,
                ReturnUrl = returnUrl,
                Errors = FormErrors.Of("email", "Enter a correct email address and password"),
            }, StatusCodes.Status401Unauthorized);
        }
        await StartSessionAsync(http, account);
        return Results.Redirect(returnUrl ?? "/meetings");
    }

    static async Task StartSessionAsync(HttpContext http, FacilitatorAccount account)
    {
        var identity = new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, account.Id),
            new Claim(ClaimTypes.Name, account.Name),
            new Claim(FacilitatorAuthentication.SignedInAtClaim, DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ], Viewers.FacilitatorScheme);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
    }

    static async Task<IResult> SignOutAsync(HttpContext http)
    {
        var (_, failure) = await Forms.ReadAsync(http);
        if (failure is not null) return failure;
        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.Redirect("/sign-in");
    }

    static string? LocalOrNull(string? url) =>
        url is { Length: > 1 } && url[0] == '/' && url[1] != '/' && url[1] != '\\' ? url : null;
}
