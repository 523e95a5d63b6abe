using System.Runtime.CompilerServices;
using MeetingBoard.Meetings;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBoard.Web.Tests;

public sealed class LiveRegionRendering
{
    /// <summary>
    /// A renderer keeps what it rendered until it is disposed. Live regions render on every change
    /// for as long as the server runs, so keeping any of it would grow without end (docs/benchmarks.md).
    /// </summary>
    [Fact]
    public async Task KeepsNothingOfTheMeetingItRendered()
    {
        await using var app = TestApp.Start();
        var regions = app.Services.GetRequiredService<LiveRegions>();

        var (state, board) = await RenderOnceAsync(regions);

        Assert.Contains("A worry only this test has", board);
        for (var i = 0; i < 5 && state.IsAlive; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        Assert.False(state.IsAlive, "The meeting state is still held after its live regions were rendered");
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    static async Task<(WeakReference State, string Board)> RenderOnceAsync(LiveRegions regions)
    {
        var facilitator = Actor.Facilitator(Guid.NewGuid().ToString("N"));
        var now = DateTimeOffset.UtcNow;
        var created = Meeting.Decide(MeetingState.Empty, new CreateMeeting(Guid.NewGuid().ToString("N"), "ChildProtectionConference",
            "Core group review", "Family A", "Alex Morgan", JoinCode.New(), new string('a', 40), facilitator, now));
        var state = Meeting.Fold(created.Events!);
        var added = Meeting.Decide(state, new AddItem(Guid.NewGuid().ToString("N"), "harm", "A worry only this test has", facilitator, now));
        state = added.Events!.Aggregate(state, Meeting.Apply);

        var patch = await regions.RenderAsync(state, new Viewer(Audience.Facilitator, facilitator), new HashSet<string>());
        return (new WeakReference(state), patch.Regions.Single(r => r.Id == "mb-board").Html);
    }
}
