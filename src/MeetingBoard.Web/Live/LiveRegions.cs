using MeetingBoard.Meetings;
using MeetingBoard.Web.Features.Board;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace MeetingBoard.Web.Live;

/// <summary>
/// Renders the live regions of a meeting for one audience, outside any request. Pages render the
/// same components, so what a page starts with and what a patch sends are the same markup.
/// </summary>
/// <remarks>
/// An <see cref="HtmlRenderer"/> keeps every component it has rendered, with its parameters (the
/// whole meeting state), until the renderer is disposed; one shared renderer grew by hundreds of
/// kilobytes per change (docs/benchmarks.md). So each render gets a renderer of its own, disposed
/// at once. That also lets renders of different meetings run in parallel instead of queueing on one
/// renderer's dispatcher.
/// </remarks>
public sealed class LiveRegions(IServiceScopeFactory scopes, ILoggerFactory logs, MeetingClock clock)
{
    // The renderer needs a scope (it reads scoped services such as the NavigationManager); live
    // regions render outside any request, so they share one for the app's lifetime.
    readonly IServiceProvider services = scopes.CreateScope().ServiceProvider;

    public async Task<Patch> RenderAsync(MeetingState state, Viewer viewer, IReadOnlySet<string> connected)
    {
        var view = new MeetingView(state, viewer, connected, clock);
        await using var renderer = new HtmlRenderer(services, logs);
        var regions = await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var regions = new List<Region>(3)
            {
                new("mb-status", await RenderAsync<StatusBanner>(renderer, view)),
                new("mb-board", await RenderAsync<BoardView>(renderer, view)),
            };
            if (viewer.Audience == Audience.Facilitator)
                regions.Add(new("mb-people", await RenderAsync<PeoplePanel>(renderer, view)));
            return regions;
        });
        return new Patch(state.Version, regions);
    }

    public async Task<string> RenderAsync<T>(MeetingView view) where T : IComponent
    {
        await using var renderer = new HtmlRenderer(services, logs);
        return await renderer.Dispatcher.InvokeAsync(() => RenderAsync<T>(renderer, view));
    }

    /// <summary>Call on the renderer's dispatcher.</summary>
    static async Task<string> RenderAsync<T>(HtmlRenderer renderer, MeetingView view) where T : IComponent
    {
        var output = await renderer.RenderComponentAsync<T>(
            ParameterView.FromDictionary(new Dictionary<string, object?> { ["View"] = view }));
        return output.ToHtmlString();
    }
}

/// <summary>Everything a live region needs to render for one audience.</summary>
public sealed record MeetingView(MeetingState State, Viewer Viewer, IReadOnlySet<string> Connected, MeetingClock Clock)
{
    public bool IsFacilitator => Viewer.Audience == Audience.Facilitator;
    public bool IsRoomScreen => Viewer.Audience == Audience.RoomScreen;
    public bool CanAdd => !State.IsClosed && Viewer.Audience is Audience.Facilitator or Audience.Participant;
    public string MeetingUrl => $"/m/{State.Id}";
}

/// <summary>Shows times in the meeting's local time zone (configurable; default Europe/London).</summary>
public sealed class MeetingClock(TimeZoneInfo zone, TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();
    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone);
    public string Time(DateTimeOffset at) => Local(at).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    public string DateAndTime(DateTimeOffset at) => Local(at).ToString("d MMMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
