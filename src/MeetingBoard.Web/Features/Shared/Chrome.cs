using MeetingBoard.Web.Live;
using Microsoft.AspNetCore.Antiforgery;

namespace MeetingBoard.Web.Features.Shared;

/// <summary>What every page's frame needs: the antiforgery token for its forms and who is signed in.</summary>
public sealed record Chrome(string AntiforgeryToken, string? FacilitatorName)
{
    public static Chrome For(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        var name = Viewers.FacilitatorId(http.User) is null ? null : http.User.Identity?.Name;
        return new Chrome(tokens.RequestToken ?? "", name);
    }
}

/// <summary>A form's errors by field name; "" is the whole form.</summary>
public sealed class FormErrors : Dictionary<string, string>
{
    public static readonly FormErrors None = [];

    public static FormErrors Of(string field, string message) => new() { [field] = message };

    public string? For(string field) => TryGetValue(field, out var m) ? m : null;
}
