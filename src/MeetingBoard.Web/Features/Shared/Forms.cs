using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeetingBoard.Web.Features.Shared;

/// <summary>Reading the static pages' posted forms safely (sign-in, setup, join), and answering a refusal with a page.</summary>
public static class Forms
{
    public const int MaxFormBytes = 64 * 1024;

    /// <summary>The posted form, checked for its antiforgery token; or the answer to give when it cannot be read.</summary>
    public static async Task<(IFormCollection? Form, IResult? Failure)> ReadAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
            return (null, Fail(http, StatusCodes.Status415UnsupportedMediaType, "This must be sent from the form on the page. Go back and try again."));
        if (http.Request.ContentLength > MaxFormBytes)
            return (null, Fail(http, StatusCodes.Status413PayloadTooLarge, "That was too much to send at once. Shorten the text and try again."));
        try
        {
            await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            var form = await http.Request.ReadFormAsync(new Microsoft.AspNetCore.Http.Features.FormOptions
            {
                ValueLengthLimit = MaxFormBytes,
                MultipartBodyLengthLimit = MaxFormBytes,
            });
            // Our forms send each field once, under a plain name: anything else was not sent by our pages.
            if (form.Any(f => f.Value.Count != 1 || !IsFieldName(f.Key)))
                return (null, Fail(http, StatusCodes.Status400BadRequest, "We could not read what was sent. Reload the page and try again."));
            return (form, null);
        }
        catch (AntiforgeryValidationException)
        {
            return (null, Fail(http, StatusCodes.Status400BadRequest, "This page has expired. Reload the page and try again."));
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return (null, Fail(http, StatusCodes.Status400BadRequest, "We could not read what was sent. Reload the page and try again."));
        }
    }

    /// <summary>A refusal that is not about one field: a page that says what went wrong and links back.</summary>
    public static IResult Fail(HttpContext http, int status, string message) =>
        new RazorComponentResult<MessagePage>(new
        {
            Chrome = Chrome.For(http),
            Heading = status switch
            {
                StatusCodes.Status403Forbidden => "You cannot do that",
                StatusCodes.Status404NotFound => "Not found",
                StatusCodes.Status429TooManyRequests => "Too many attempts",
                _ => "There is a problem",
            },
            Paragraphs = new[] { message },
            LinkHref = http.Request.Headers.Referer.FirstOrDefault() is { } back && IsLocal(http, back) ? back : "/",
            LinkText = "Go back",
            IsError = true,
        })
        { StatusCode = status };

    public static string? Value(this IFormCollection form, string name) =>
        form.TryGetValue(name, out var v) && v.Count == 1 ? v[0] : null;

    public static IResult Page<T>(object parameters, int status = StatusCodes.Status200OK) where T : Microsoft.AspNetCore.Components.IComponent =>
        new RazorComponentResult<T>(parameters) { StatusCode = status };

    static bool IsFieldName(string name) =>
        name is { Length: > 0 and <= 64 } && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');

    static bool IsLocal(HttpContext http, string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Authority == http.Request.Host.Value;
}
