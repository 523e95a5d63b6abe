using System.Security.Claims;
using MeetingBoard.Meetings;
using MeetingBoard.Scaling;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBoard.Web.Tests.Scaling;

/// <summary>
/// Scaling rounds through the command entry point a circuit uses: bad input, who may do what, and what
/// each person's view (all that can reach their browser) and first page hold before and after the reveal.
/// </summary>
public sealed class ScalingCommandTests
{
    const string SamsReason = "Sam took the children to her mother straight away last time";
    const string TeachersReason = "Maya still hides under her bed, she told me on Monday";

    static async Task<MeetingState> StateAsync(MeetingScenario meeting) =>
        (await meeting.App.Services.GetRequiredService<MeetingHosts>().FindAsync(meeting.MeetingId))!.State;

    static Task<ClaimsPrincipal> ChairAsync(MeetingScenario meeting) => Circuit.FacilitatorAsync(meeting.App, meeting.Account.Email);

    static async Task<Refusal?> RunAsync(MeetingScenario meeting, ClaimsPrincipal who, Func<Actor, DateTimeOffset, MeetingCommand> command)
    {
        await using var circuit = await Circuit.OpenAsync(meeting.App, who, meeting.MeetingId);
        return await circuit.RunAsync(command);
    }

    /// <summary>What one person's circuit is given to render: nothing else of the meeting can reach their browser.</summary>
    static async Task<MeetingView> ViewAsync(MeetingScenario meeting, ClaimsPrincipal who, string? screenKey = null)
    {
        await using var circuit = await Circuit.OpenAsync(meeting.App, who, meeting.MeetingId, screenKey);
        return circuit.Session.View ?? throw new InvalidOperationException("They do not see the meeting");
    }

    static async Task<string> StartRoundAsync(MeetingScenario meeting)
    {
        var roundId = MeetingHosts.NewId();
        Assert.Null(await RunAsync(meeting, await ChairAsync(meeting), (a, t) =>
            new StartRound(roundId, "How safe are Maya and Leo?", "Safe enough to close the case", "They cannot live at home", "", a, t)));
        return roundId;
    }

    static Task<Refusal?> ScoreAsync(MeetingScenario meeting, Visitor who, string roundId, string score, string reason, int attempt = 1) =>
        RunAsync(meeting, Circuit.ParticipantOf(meeting.App, who), (a, t) => new GiveScore(roundId, attempt, score, reason, null, a, t));

    static async Task<string> PageAsync(Visitor who, string path)
    {
        var (_, _, response) = await who.GetAsync(path);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Every reason anywhere in a view's state, and the person's own.</summary>
    static IEnumerable<string?> Reasons(MeetingView view) =>
        view.State.Scaling.Rounds.SelectMany(r => r.Attempts).SelectMany(a => a.Scores).Select(s => s.Reason)
            .Append(view.MyScore?.Reason).Where(r => r is not null);

    [Fact]
    public async Task SettingUpNeedsTheQuestionAndBothEnds()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var refusal = await RunAsync(meeting, await ChairAsync(meeting), (a, t) => new StartRound(MeetingHosts.NewId(), "How safe?", " ", "Bad", null, a, t));
        Assert.Equal("tenMeans", refusal?.Field);
        Assert.Contains("Enter what 10 means", refusal!.Message);
        Assert.Empty((await StateAsync(meeting)).Scaling.Rounds);
    }

    [Fact]
    public async Task TheSetUpFormOffersTheCommonSafetyScaleTenFirst()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var form = page.QuerySelector("#start-round-form")!;
        var labels = form.QuerySelectorAll("label").Select(l => l.TextContent.Trim()).ToList();
        Assert.True(labels.IndexOf("What does 10 mean?") >= 0 && labels.IndexOf("What does 10 mean?") < labels.IndexOf("What does 0 mean?"));
        Assert.Contains("safe enough for us to close the case", form.QuerySelector("#round-ten")!.TextContent);
        Assert.Contains("cannot live at home", form.QuerySelector("#round-zero")!.TextContent);
    }

    [Fact]
    public async Task RefusesScoresThatAreNotAWholeNumberFromZeroToTenOrHaveNoReason()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        var roundId = await StartRoundAsync(meeting);

        foreach (var (score, reason, field, message) in new[]
        {
            ("11", SamsReason, "score", "Give a number from 0 to 10"),
            ("-1", SamsReason, "score", "Give a number from 0 to 10"),
            ("7.5", SamsReason, "score", "Give a whole number from 0 to 10"),
            ("", SamsReason, "score", "Choose a number from 0 to 10"),
            ("6", "  ", "reason", "Enter why you chose this number"),
        })
        {
            var refusal = await ScoreAsync(meeting, sam, roundId, score, reason);
            Assert.Equal(field, refusal?.Field);
            Assert.Equal(message, refusal!.Message);
        }
        var state = await StateAsync(meeting);
        Assert.Empty(state.Scaling.Find(roundId)!.Attempt.Scores);
        Assert.Equal(0, ScalingRounds.Progress(state, state.Scaling.Find(roundId)!.Attempt).Answered);
    }

    [Fact]
    public async Task RefusesScoresAfterTheRevealForAClosedRoundAndForAnotherMeetingsRound()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        var roundId = await StartRoundAsync(meeting);
        Assert.Null(await ScoreAsync(meeting, sam, roundId, "4", SamsReason));

        // A round of another meeting (of another facilitator, on the same server) is not found here.
        await using var other = await MeetingScenario.StartAsync(meeting.App, "Another family");
        var otherRound = await StartRoundAsync(other);
        Assert.Equal(RefusalKind.NotFound, (await ScoreAsync(meeting, sam, otherRound, "5", SamsReason))?.Kind);

        var chair = await ChairAsync(meeting);
        Assert.Null(await RunAsync(meeting, chair, (a, t) => new RevealRound(roundId, a, t)));
        var late = await ScoreAsync(meeting, sam, roundId, "9", "Changed my mind");
        Assert.Equal(RefusalKind.Conflict, late?.Kind);
        Assert.Contains("revealed", late!.Message);

        Assert.Null(await RunAsync(meeting, chair, (a, t) => new CloseRound(roundId, a, t)));
        Assert.Equal(RefusalKind.Conflict, (await ScoreAsync(meeting, sam, roundId, "9", "Changed my mind"))?.Kind);

        var round = (await StateAsync(meeting)).Scaling.Find(roundId)!;
        Assert.Equal([SamsReason], round.Attempt.Scores.Select(s => s.Reason));
        Assert.Empty((await StateAsync(other)).Scaling.Find(otherRound)!.Attempt.Scores);
    }

    [Fact]
    public async Task AScoreFromBeforeARerunIsNotCountedInTheNewRun()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        var roundId = await StartRoundAsync(meeting);
        var chair = await ChairAsync(meeting);
        Assert.Null(await ScoreAsync(meeting, sam, roundId, "4", SamsReason));
        Assert.Null(await RunAsync(meeting, chair, (a, t) => new RevealRound(roundId, a, t)));
        Assert.Null(await RunAsync(meeting, chair, (a, t) => new RerunRound(roundId, a, t)));

        var stale = await ScoreAsync(meeting, sam, roundId, "5", "Typed before the re-run", attempt: 1);
        Assert.Equal(RefusalKind.Conflict, stale?.Kind);
        Assert.Contains("run again", stale!.Message);
        Assert.Empty((await StateAsync(meeting)).Scaling.Find(roundId)!.Attempt.Scores);
        Assert.Null(await ScoreAsync(meeting, sam, roundId, "5", "Pat has them at weekends", attempt: 2));
        Assert.Equal(5, (await StateAsync(meeting)).Scaling.Find(roundId)!.Attempt.Scores.Single().Score);
    }

    [Fact]
    public async Task ADoubleSubmitRecordsSomeoneWithoutADeviceOnce()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var roundId = await StartRoundAsync(meeting);
        await using var chair = await Circuit.OpenAsync(meeting.App, await ChairAsync(meeting), meeting.MeetingId);
        var personId = MeetingHosts.NewId();
        for (var i = 0; i < 2; i++)
            Assert.Null(await chair.RunAsync((a, t) => new RecordScoreFor(roundId, 1, personId, "Pat", "Grandmother", "family", "5", "I see them every day", null, a, t), personId));
        var score = Assert.Single((await StateAsync(meeting)).Scaling.Find(roundId)!.Attempt.Scores);
        Assert.Equal(("Pat", ScalingGroup.FamilyAndNetwork, 5), (score.Name, score.Group, score.Score));
    }

    [Fact]
    public async Task OnlyTheFacilitatorRunsTheRound()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, samId) = await meeting.AdmitAsync("Sam", "Mum");
        var roundId = await StartRoundAsync(meeting);
        Assert.Null(await ScoreAsync(meeting, sam, roundId, "4", SamsReason));
        var asSam = Circuit.ParticipantOf(meeting.App, sam);

        foreach (var command in new Func<Actor, DateTimeOffset, MeetingCommand>[]
        {
            (a, t) => new RevealRound(roundId, a, t),
            (a, t) => new RerunRound(roundId, a, t),
            (a, t) => new CloseRound(roundId, a, t),
            (a, t) => new StartRound(MeetingHosts.NewId(), "Q", "T", "Z", null, a, t),
            (a, t) => new RecordScoreFor(roundId, 1, MeetingHosts.NewId(), "Pat", "Gran", "family", "2", "R", null, a, t),
            (a, t) => new SetScalingGroup(samId, "family", a, t),
        })
            Assert.Equal(RefusalKind.Forbidden, (await RunAsync(meeting, asSam, command))?.Kind);

        var state = await StateAsync(meeting);
        var round = Assert.Single(state.Scaling.Rounds);
        Assert.False(round.Attempt.IsRevealed);
        Assert.False(round.IsClosed);
        Assert.Single(round.Attempt.Scores);
        Assert.Equal(ScalingGroup.Professional, state.Scaling.GroupOf(Actor.Participant(samId)));
    }

    [Fact]
    public async Task NobodyOutsideTheMeetingCanScore()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, samId) = await meeting.AdmitAsync("Sam", "Mum");
        var (waiting, _) = await meeting.AskToJoinAsync("Jordan", "Partner");
        var roundId = await StartRoundAsync(meeting);
        GiveScore Score(Actor a, DateTimeOffset t) => new(roundId, 1, "4", "R", null, a, t);

        Assert.Equal(RefusalKind.Forbidden, (await RunAsync(meeting, Circuit.Anonymous, Score))?.Kind);
        Assert.Equal(RefusalKind.Forbidden, (await RunAsync(meeting, Circuit.ParticipantOf(meeting.App, waiting), Score))?.Kind);

        Assert.Null(await RunAsync(meeting, await ChairAsync(meeting), (a, t) => new RemoveParticipant(samId, a, t)));
        Assert.Equal(RefusalKind.Forbidden, (await ScoreAsync(meeting, sam, roundId, "4", SamsReason))?.Kind);
        Assert.Empty((await StateAsync(meeting)).Scaling.Find(roundId)!.Attempt.Scores);
    }

    [Fact]
    public async Task BeforeTheRevealEachPersonHoldsOnlyTheirOwnScoreAndAfterItEveryone()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, samId) = await meeting.AdmitAsync("Sam", "Mum");
        var (teacher, _) = await meeting.AdmitAsync("Ms Okafor", "Class teacher");
        var chair = await ChairAsync(meeting);
        Assert.Null(await RunAsync(meeting, chair, (a, t) => new SetScalingGroup(samId, "family", a, t)));
        var roundId = await StartRoundAsync(meeting);
        var screenKey = (await StateAsync(meeting)).ScreenKey;
        var screen = $"/m/{meeting.MeetingId}/screen/{screenKey}";
        using var room = new Visitor(meeting.App);
        var (asSam, asTeacher) = (Circuit.ParticipantOf(meeting.App, sam), Circuit.ParticipantOf(meeting.App, teacher));

        Assert.Null(await ScoreAsync(meeting, sam, roundId, "3", SamsReason));
        Assert.Null(await ScoreAsync(meeting, teacher, roundId, "7", TeachersReason));
        Assert.Null(await RunAsync(meeting, chair, (a, t) => new RecordScoreFor(roundId, 1, MeetingHosts.NewId(), "Pat", "Grandmother", "family", "5", "I see them every day", null, a, t)));

        // Each person's view: their own answer and nobody else's, the facilitator's included.
        var samsView = await ViewAsync(meeting, asSam);
        Assert.Equal((3, SamsReason), (samsView.MyScore?.Score, samsView.MyScore?.Reason));
        Assert.Equal([SamsReason], Reasons(samsView));
        Assert.Equal([TeachersReason], Reasons(await ViewAsync(meeting, asTeacher)));
        var chairsView = await ViewAsync(meeting, chair);
        Assert.Null(chairsView.MyScore);
        Assert.Empty(Reasons(chairsView));
        Assert.All(chairsView.State.Scaling.Current!.Attempt.Scores, s => Assert.Null(s.Score));
        Assert.Empty(Reasons(await ViewAsync(meeting, Circuit.Anonymous, screenKey)));

        // And each first page (the prerender a browser gets before its circuit starts).
        var samsPage = await PageAsync(sam, $"/m/{meeting.MeetingId}");
        Assert.Contains(SamsReason, samsPage);
        Assert.DoesNotContain(TeachersReason, samsPage);
        Assert.DoesNotContain("I see them every day", samsPage);
        var teachersPage = await PageAsync(teacher, $"/m/{meeting.MeetingId}");
        Assert.DoesNotContain(SamsReason, teachersPage);
        Assert.Contains("<strong>3 of 4</strong> have scaled", teachersPage);
        var chairsPage = await PageAsync(meeting.Facilitator, $"/m/{meeting.MeetingId}");
        Assert.DoesNotContain(SamsReason, chairsPage);
        Assert.DoesNotContain(TeachersReason, chairsPage);
        Assert.Contains("Still thinking: Alex Morgan", chairsPage);
        var roomPage = await PageAsync(room, screen);
        Assert.DoesNotContain(SamsReason, roomPage);
        Assert.DoesNotContain(TeachersReason, roomPage);
        Assert.DoesNotContain("mb-results", roomPage);

        Assert.Null(await RunAsync(meeting, chair, (a, t) => new RevealRound(roundId, a, t)));
        foreach (var view in new[] { await ViewAsync(meeting, asSam), await ViewAsync(meeting, asTeacher), await ViewAsync(meeting, chair), await ViewAsync(meeting, Circuit.Anonymous, screenKey) })
        {
            Assert.Null(view.MyScore);
            Assert.Equal(new[] { SamsReason, TeachersReason, "I see them every day" }.Order(), Reasons(view).Order());
            Assert.Equal(5m, ScalingSummary.Of(view.State.Scaling.Current!.Attempt).Median);
        }
        foreach (var html in new[] { await PageAsync(sam, $"/m/{meeting.MeetingId}"), await PageAsync(teacher, $"/m/{meeting.MeetingId}"), await PageAsync(room, screen) })
        {
            Assert.Contains(SamsReason, html);
            Assert.Contains(TeachersReason, html);
            Assert.Contains("I see them every day", html);
            Assert.Contains("entered by Alex Morgan", html);
            Assert.Contains("Median <strong>5</strong>", html);
            Assert.Contains("range <strong>3 to 7</strong>", html);
            Assert.Contains("What makes it a 3 and not a 0?", html);
        }
        var (_, revealed, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        var family = revealed.QuerySelectorAll(".mb-results__table").First(t => t.QuerySelector("caption")!.TextContent == "Family and network");
        Assert.Equal(["Pat", "Sam"], family.QuerySelectorAll("tbody th").Select(th => th.TextContent.Trim().Split(' ')[0]).Order());
        Assert.NotNull(revealed.QuerySelector("svg.mb-scale-line circle"));
    }

    [Fact]
    public async Task RoundsAndHiddenScoresSurviveARestart()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        var roundId = await StartRoundAsync(meeting);
        Assert.Null(await ScoreAsync(meeting, sam, roundId, "3", SamsReason));

        await meeting.App.RestartAsync();

        // Still hidden from everyone but Sam, and still Sam's to change.
        var chair = await ChairAsync(meeting);
        Assert.Empty(Reasons(await ViewAsync(meeting, chair)));
        Assert.Equal(SamsReason, (await ViewAsync(meeting, Circuit.ParticipantOf(meeting.App, sam))).MyScore?.Reason);
        Assert.DoesNotContain(SamsReason, await PageAsync(meeting.Facilitator, $"/m/{meeting.MeetingId}"));
        Assert.Null(await ScoreAsync(meeting, sam, roundId, "4", SamsReason));
        Assert.Null(await RunAsync(meeting, chair, (a, t) => new RevealRound(roundId, a, t)));
        Assert.Equal(4, (await StateAsync(meeting)).Scaling.Find(roundId)!.Attempt.Scores.Single().Score);
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal("4", page.QuerySelector(".mb-results__score")!.TextContent.Trim());
    }
}
