using Bunit;
using MeetingBoard.Meetings;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace MeetingBoard.Web.Tests.Components;

/// <summary>
/// Rendering a meeting's components with bUnit as one audience sees them: the view a circuit would be
/// given (<see cref="AudienceViews"/>), with the real app's services (one scope of it), nothing mocked.
/// </summary>
static class AsEachAudience
{
    public static async Task<MeetingState> StateAsync(this MeetingScenario meeting) =>
        await (await meeting.App.Services.GetRequiredService<MeetingHosts>().FindAsync(meeting.MeetingId))!.CatchUpAsync();

    public static BunitContext RenderContext(this MeetingScenario meeting)
    {
        var ctx = new BunitContext();
        ctx.JSInterop.Mode = JSRuntimeMode.Loose;
        ctx.Services.AddMudServices();
        ctx.Services.AddFallbackServiceProvider(meeting.App.Services.CreateScope().ServiceProvider);
        return ctx;
    }

    public static MeetingView ViewAs(this MeetingScenario meeting, MeetingState state, Viewer viewer) =>
        new(AudienceViews.For(state, viewer.Audience), viewer, new HashSet<string>(), meeting.App.Services.GetRequiredService<MeetingClock>())
        {
            MyScore = AudienceViews.MyScore(state, viewer),
        };
}
