using Microsoft.AspNetCore.Components;

namespace MeetingBoard.Web.Features.Shared;

/// <summary>
/// Links to a part of the same page. Live pages carry <c>&lt;base href="/"&gt;</c>, so a bare "#plan" would mean
/// the home page's "#plan" and Blazor would navigate away; these links keep the page's own path.
/// </summary>
public static class OnThisPage
{
    public static string Fragment(this NavigationManager nav, string id) =>
        new Uri(nav.Uri).GetComponents(UriComponents.PathAndQuery, UriFormat.UriEscaped) + "#" + id;
}
