using MeetingBoard.Meetings;
using MeetingBoard.Web.Features.Board;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace MeetingBoard.Web.Live;

/// <summary>
/// Renders the live regions of a meeting for one audience, outside any request. Pages render the
/// same components, so what a page starts with and what a patch sends are the same markup.
/// </summary>
public sealed class LiveRegions(HtmlRenderer renderer, MeetingClock clock)
{
    public async Task<Patch> RenderAsync(MeetingState state, Viewer viewer, IReadOnlySet<string> connected)
    {
        var view = new MeetingView(state, viewer, connected, clock);
        var regions = new List<Region>(3)
        {
            new("mb-status", await RenderAsync<StatusBanner>(view)),
            new("mb-board", await RenderAsync<BoardView>(view)),
            new("mb-stages", await RenderAsync<Features.Facilitation.StagePanel>(view)),
        };
        if (viewer.Audience == Audience.Facilitator)
            regions.Add(new("mb-people", await RenderAsync<PeoplePanel>(view)));
        return new Patch(state.Version, regions);
    }

    public Task<string> RenderAsync<T>(MeetingView view) where T : IComponent =>
        renderer.Dispatcher.InvokeAsync(async () =>
        {
            var output = await renderer.RenderComponentAsync<T>(
                ParameterView.FromDictionary(new Dictionary<string, object?> { ["View"] = view }));
            return output.ToHtmlString();
        });
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
