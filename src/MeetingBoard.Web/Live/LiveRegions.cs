using MeetingBoard.Meetings;
using MeetingBoard.Web.Features.Board;
using MeetingBoard.Web.Features.Records;
using MeetingBoard.Web.Features.Scaling;
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
public sealed class LiveRegions(IServiceScopeFactory scopes, ILoggerFactory logs, MeetingClock clock, RetentionPolicy retention)
{
    // The renderer needs a scope (it reads scoped services such as the NavigationManager); live
    // regions render outside any request, so they share one for the app's lifetime.
    readonly IServiceProvider services = scopes.CreateScope().ServiceProvider;

    public async Task<Patch> RenderAsync(MeetingState state, Viewer viewer, IReadOnlySet<string> connected)
    {
        var view = new MeetingView(state, viewer, connected, clock);
        var regions = new List<Region>(5)
        {
            new("mb-status", await RenderAsync<StatusBanner>(view)),
            new("mb-scaling", await RenderAsync<ScalingPanel>(view)),
            new("mb-board", await RenderAsync<BoardView>(view)),
            new("mb-stages", await RenderAsync<Features.Facilitation.StagePanel>(view)),
        };
        if (viewer.Audience == Audience.Facilitator)
        {
            regions.Add(new("mb-people", await RenderAsync<PeoplePanel>(view)));
            regions.Add(new("mb-record-panel", await RenderAsync<RecordPanel>(view, new() { ["Retention"] = retention })));
            regions.Add(new("mb-scaling-controls", await RenderAsync<ScalingControls>(view)));
        }
        return new Patch(state.Version, regions);
    }

    /// <summary>
    /// The regions that show one person their own things (their score before the reveal). An
    /// audience render is shared by everyone in it, so it must never hold these; they are rendered
    /// per person and sent only to that person's connections. Null for viewers who are nobody in
    /// particular (the room screen).
    /// </summary>
    public async Task<Patch?> RenderPersonalAsync(MeetingState state, Viewer viewer, IReadOnlySet<string> connected)
    {
        if (viewer is not { Audience: Audience.Facilitator or Audience.Participant, Actor: not null }) return null;
        var view = new MeetingView(state, viewer, connected, clock);
        return new Patch(state.Version, [new("mb-my-score", await RenderAsync<MyScore>(view))]);
    }

    /// <summary>
    /// Everything a person's personal regions show (<see cref="Features.Scaling.MyScore"/>): while it is
    /// the same, their page already has them and the broadcaster need not render them again. Keep in
    /// step with the personal components.
    /// </summary>
    public static object PersonalKey(MeetingState state, Viewer viewer)
    {
        var round = state.Scaling.Current;
        return (state.IsClosed, round?.Id, round?.Attempt.Number, round?.Attempt.IsRevealed,
            viewer.Actor is { } actor ? round?.Attempt.Of(actor.Key) : null);
    }

    public async Task<string> RenderAsync<T>(MeetingView view, Dictionary<string, object?>? more = null) where T : IComponent
    {
        await using var renderer = new HtmlRenderer(services, logs);
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var parameters = new Dictionary<string, object?>(more ?? []) { ["View"] = view };
            var output = await renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(parameters));
            return output.ToHtmlString();
        });
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
    public TimeZoneInfo Zone => zone;
    public DateTimeOffset Local(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, zone);
    public string Time(DateTimeOffset at) => Local(at).ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    public string DateAndTime(DateTimeOffset at) => Local(at).ToString("d MMMM yyyy, HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
