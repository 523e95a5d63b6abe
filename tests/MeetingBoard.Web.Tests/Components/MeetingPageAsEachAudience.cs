using Bunit;
using MeetingBoard.Meetings;
using MeetingBoard.Scaling;
using MeetingBoard.Web.Features.Board;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace MeetingBoard.Web.Tests.Components;

/// <summary>
/// The meeting page's components rendered with bUnit as each audience sees them, from the view the
/// circuit would be given (<see cref="AudienceViews"/>): what is in the render is what can reach that
/// person's browser. The services are the real app's (one scope of it), so nothing is mocked.
/// </summary>
public sealed class MeetingPageAsEachAudience : IAsyncLifetime
{
    MeetingScenario meeting = default!;
    string samId = "", patId = "", roundId = "";

    public async Task InitializeAsync()
    {
        meeting = await MeetingScenario.StartAsync();
        var (sam, sId) = await meeting.AdmitAsync("Sam", "Mum");
        (_, patId) = await meeting.AskToJoinAsync("Pat", "Grandmother");
        samId = sId;
        await meeting.AddItemAsync(sam, "harm", "Maya hides under the bed.");
        roundId = MeetingHosts.NewId();
        await meeting.ChairDoesAsync((a, t) => new StartRound(roundId, "How safe is Maya?", "Safe", "Not safe", null, a, t));
        Assert.Null(await meeting.RunAsync(sam, (a, t) => new GiveScore(roundId, 1, "3", "A reason only Sam may see", "Gran nearby", a, t)));
    }

    public async Task DisposeAsync() => await meeting.DisposeAsync();

    Task<MeetingState> StateAsync() => meeting.StateAsync();

    BunitContext Context() => meeting.RenderContext();

    MeetingView ViewAs(MeetingState state, Viewer viewer) => meeting.ViewAs(state, viewer);

    [Fact]
    public async Task AParticipantsRenderHasTheBoardAndTheirOwnScoreOnly()
    {
        var state = await StateAsync();
        await using var ctx = Context();
        var page = ctx.Render<BoardPage>(p => p.Add(c => c.View, ViewAs(state, new Viewer(Audience.Participant, Actor.Participant(samId)))));

        Assert.Equal("Maya hides under the bed.", page.Find("#cat-harm .mb-item__text").TextContent);
        Assert.Empty(page.FindAll("#mb-people"));
        Assert.DoesNotContain("Pat", page.Markup); // waiting in the lobby: not in a participant's render
        Assert.DoesNotContain("Reveal the scores", page.Markup);
        Assert.Contains("A reason only Sam may see", page.Markup); // her own answer, in her own form
    }

    [Fact]
    public async Task TheFacilitatorsRenderHasTheControlsButNobodysScoreBeforeTheReveal()
    {
        var state = await StateAsync();
        await using var ctx = Context();
        var page = ctx.Render<BoardPage>(p => p.Add(c => c.View, ViewAs(state, new Viewer(Audience.Facilitator, Actor.Facilitator(state.FacilitatorId)))));

        Assert.NotEmpty(page.FindAll("#mb-people"));
        Assert.Contains("Pat", page.Find("#mb-people").TextContent);
        Assert.Contains("Reveal the scores", page.Markup);
        Assert.DoesNotContain("A reason only Sam may see", page.Markup);
    }

    [Fact]
    public async Task TheRoomScreensRenderHasNoFormNoLobbyAndNoScore()
    {
        var state = await StateAsync();
        await using var ctx = Context();
        var board = ctx.Render<BoardView>(p => p.Add(c => c.View, ViewAs(state, Viewer.RoomScreen)));

        Assert.Empty(board.FindAll("form"));
        Assert.Empty(board.FindAll("button"));
        Assert.DoesNotContain("Pat", board.Markup);
        Assert.DoesNotContain("A reason only Sam may see", board.Markup);
    }

    [Fact]
    public async Task AnAudiencesViewIsComputedOnceAndShared()
    {
        var state = await StateAsync();
        Assert.Same(AudienceViews.For(state, Audience.Participant), AudienceViews.For(state, Audience.RoomScreen));
        Assert.Same(AudienceViews.For(state, Audience.Facilitator), AudienceViews.For(state, Audience.Facilitator));
        // Nobody's score before the reveal, in any audience's view; the whole state still has it.
        Assert.All(AudienceViews.For(state, Audience.Facilitator).Scaling.Current!.Attempt.Scores, s => Assert.Null(s.Reason));
        Assert.Contains(state.Scaling.Current!.Attempt.Scores, s => s.Reason == "A reason only Sam may see");
    }
}
