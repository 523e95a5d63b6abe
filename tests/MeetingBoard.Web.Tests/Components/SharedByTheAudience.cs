using Bunit;
using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using MeetingBoard.Scaling;
using MeetingBoard.Web.Features.Board;
using MeetingBoard.Web.Features.Facilitation;
using MeetingBoard.Web.Features.Scaling;
using MeetingBoard.Web.Features.Shared;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;

namespace MeetingBoard.Web.Tests.Components;

/// <summary>
/// What is made once and shared by every circuit that sees it the same way (an item its viewer cannot
/// change, a revealed round's results), and the parts of the page that an item added does not render
/// again. Sharing must never show anyone what their own view would not: each test checks what the
/// shared markup holds as well as that it is shared. The states are the real app's, built by commands.
/// </summary>
public sealed class SharedByTheAudience : IAsyncLifetime
{
    const string Hostile = "<img src=x onerror=alert(1)> Jordan said \"never\" & left";

    MeetingScenario meeting = default!;
    Visitor sam = default!, lee = default!;
    string samId = "", leeId = "";

    public async Task InitializeAsync()
    {
        meeting = await MeetingScenario.StartAsync();
        (sam, samId) = await meeting.AdmitAsync("Sam", "Mum");
        (lee, leeId) = await meeting.AdmitAsync("Lee", "Teacher");
    }

    public async Task DisposeAsync() => await meeting.DisposeAsync();

    Task<MeetingState> StateAsync() => meeting.StateAsync();

    MeetingView ViewAs(MeetingState state, Viewer viewer) => meeting.ViewAs(state, viewer);

    Viewer Participant(string id) => new(Audience.Participant, Actor.Participant(id));

    BunitContext Context() => meeting.RenderContext();

    /// <summary>A round in which Sam (her reason hostile markup) gave 3 and Lee 6, revealed.</summary>
    async Task<string> RoundOfSamAndLeeRevealedAsync()
    {
        var roundId = MeetingHosts.NewId();
        await meeting.ChairDoesAsync((a, t) => new StartRound(roundId, "How safe is Maya?", "Safe", "Not safe", null, a, t));
        Assert.Null(await meeting.RunAsync(sam, (a, t) => new GiveScore(roundId, 1, "3", Hostile, null, a, t)));
        Assert.Null(await meeting.RunAsync(lee, (a, t) => new GiveScore(roundId, 1, "6", "Maya is settled at school", null, a, t)));
        await meeting.ChairDoesAsync((a, t) => new RevealRound(roundId, a, t));
        return roundId;
    }

    [Fact]
    public async Task AnItemItsViewerCannotChangeIsOneSharedPieceOfMarkupWithItsTextEncoded()
    {
        var leesItem = MeetingHosts.NewId();
        (await meeting.AddItemAsync(lee, "harm", Hostile, leesItem)).EnsureSuccessStatusCode();
        var samsItem = MeetingHosts.NewId();
        (await meeting.AddItemAsync(sam, "harm", "I will ring Gran when Jordan drinks.", samsItem)).EnsureSuccessStatusCode();
        var state = await StateAsync();
        var item = state.FindItem(leesItem)!;

        // Two participants who cannot change Lee's item, and the room screen, share one string.
        var forSam = ItemMarkup.For(ViewAs(state, Participant(samId)), item);
        var forPat = ItemMarkup.For(ViewAs(state, Participant(MeetingHosts.NewId())), item);
        Assert.Same(forSam.Inner.Value, forPat.Inner.Value);
        Assert.DoesNotContain("<img", forSam.Inner.Value);
        Assert.Contains("&lt;img", forSam.Inner.Value);

        // On Sam's page Lee's item is that markup, with the text as typed and no controls; Sam's own is a card she can change.
        await using var ctx = Context();
        var page = ctx.Render<BoardPage>(p => p.Add(c => c.View, ViewAs(state, Participant(samId))));
        Assert.Equal(Hostile, page.Find($"#item-{leesItem} .mb-item__text").TextContent);
        Assert.Equal("Lee (Teacher)", page.Find($"#item-{leesItem} .mb-item__author").TextContent);
        Assert.Empty(page.FindAll($"#item-{leesItem} button"));
        Assert.Empty(page.FindAll($"#item-{leesItem} img"));
        Assert.NotEmpty(page.FindAll($"#item-{samsItem} button.mb-item__change-toggle"));
    }

    [Fact]
    public async Task AnItemFromAnAnonymousRoundIsSharedWithoutItsAuthorAndTheFacilitatorStillSeesIt()
    {
        await meeting.ChairDoesAsync((a, t) => new SetAnonymousRound(true, a, t));
        var id = MeetingHosts.NewId();
        (await meeting.AddItemAsync(lee, "harm", "Nobody listens to Maya.", id)).EnsureSuccessStatusCode();
        await meeting.ChairDoesAsync((a, t) => new CloseMeeting(a, t)); // closed: nobody can change it, so everyone gets markup
        var state = await StateAsync();

        var forSam = ItemMarkup.For(ViewAs(state, Participant(samId)), AudienceViews.For(state, Audience.Participant).FindItem(id)!);
        var forChair = ItemMarkup.For(ViewAs(state, new Viewer(Audience.Facilitator, Actor.Facilitator(state.FacilitatorId))),
            AudienceViews.For(state, Audience.Facilitator).FindItem(id)!);
        Assert.Contains("Anonymous", forSam.Inner.Value);
        Assert.DoesNotContain("Lee", forSam.Inner.Value);
        Assert.Contains("Lee (Teacher)", forChair.Inner.Value);
        Assert.Contains("anonymous to others", forChair.Inner.Value);
    }

    [Fact]
    public async Task ARevealedRoundIsRenderedOnceForEveryoneWhoSeesItTheSameWayAndAgainOnlyWhenWhatItNamesChanges()
    {
        var roundId = await RoundOfSamAndLeeRevealedAsync();
        var shared = meeting.App.Services.GetRequiredService<SharedMarkup>();
        var state = await StateAsync();
        var others = AudienceViews.For(state, Audience.Participant);
        var attempt = others.Scaling.Find(roundId)!.Attempt;

        var once = ScalingResults.For(shared, others, attempt);
        Assert.Same(once, ScalingResults.For(shared, AudienceViews.For(state, Audience.RoomScreen), attempt));
        Assert.Contains("Maya is settled at school", once.Voices);
        Assert.Contains("&lt;img", once.Voices);
        Assert.DoesNotContain("<img", once.Picture + once.Voices);
        Assert.Contains("mb-scale-line", once.Picture);

        // An item added: a new version of the meeting that names everyone the same keeps the same string.
        (await meeting.AddItemAsync(sam, "harm", "Another worry")).EnsureSuccessStatusCode();
        var later = await StateAsync();
        Assert.Same(once, ScalingResults.For(shared, AudienceViews.For(later, Audience.Participant), AudienceViews.For(later, Audience.Participant).Scaling.Find(roundId)!.Attempt));
    }

    [Fact]
    public async Task ALargeRoundFoldsEveryonesRowsBehindAButtonThatOpensThemForThePersonWhoPressedIt()
    {
        var roundId = await RoundOfSamAndLeeRevealedAsync();
        await using var ctx = Context();
        IRenderedComponent<ScalingResults> Results(MeetingState state) =>
            ctx.Render<ScalingResults>(p => p.Add(c => c.State, state).Add(c => c.Attempt, state.Scaling.Find(roundId)!.Attempt));

        // Two scores: every row shown, nothing to press.
        var small = Results(AudienceViews.For(await StateAsync(), Audience.Participant));
        Assert.Equal(2, small.FindAll(".mb-results__table tbody tr").Count);
        Assert.Empty(small.FindAll("button"));

        // One more than MostRowsOpen on a new run: the picture, lowest and highest, and a button instead of the rows.
        await meeting.ChairDoesAsync((a, t) => new RerunRound(roundId, a, t));
        Assert.Null(await meeting.RunAsync(sam, (a, t) => new GiveScore(roundId, 2, "3", Hostile, null, a, t)));
        Assert.Null(await meeting.RunAsync(lee, (a, t) => new GiveScore(roundId, 2, "6", "Maya is settled at school", null, a, t)));
        for (var i = 0; i < ScalingResults.MostRowsOpen - 1; i++)
        {
            var (who, _) = await meeting.AdmitAsync($"Helper {i}", "Neighbour");
            Assert.Null(await meeting.RunAsync(who, (a, t) => new GiveScore(roundId, 2, "5", $"Reason {i}", null, a, t)));
        }
        await meeting.ChairDoesAsync((a, t) => new RevealRound(roundId, a, t));
        var state = AudienceViews.For(await StateAsync(), Audience.Participant);
        var mine = Results(state);
        var theirs = Results(state);
        Assert.Empty(mine.FindAll("table"));
        Assert.DoesNotContain("Reason 3", mine.Markup);
        Assert.NotEmpty(mine.FindAll("svg.mb-scale-line"));
        Assert.Contains("Maya is settled at school", mine.Find(".mb-results__end--high").TextContent); // the highest still speaks
        var button = mine.Find("button.mb-results__unfold");
        Assert.Equal($"Show everyone's scores and reasons ({ScalingResults.MostRowsOpen + 1})", button.TextContent.Trim());
        Assert.Equal("false", button.GetAttribute("aria-expanded"));

        // Pressed: every row, the button now hides them; someone else's results stay folded.
        button.Click();
        Assert.Equal(ScalingResults.MostRowsOpen + 1, mine.FindAll(".mb-results__table tbody tr").Count);
        Assert.Contains("Reason 3", mine.Markup);
        Assert.Equal("true", mine.Find("button.mb-results__unfold").GetAttribute("aria-expanded"));
        Assert.StartsWith("Hide", mine.Find("button.mb-results__unfold").TextContent.Trim());
        Assert.Empty(theirs.FindAll("table"));

        // A newer version of the meeting keeps them open; pressed again, they fold.
        (await meeting.AddItemAsync(sam, "harm", "Another worry")).EnsureSuccessStatusCode();
        var later = AudienceViews.For(await StateAsync(), Audience.Participant);
        mine.Render(p => p.Add(c => c.State, later).Add(c => c.Attempt, later.Scaling.Find(roundId)!.Attempt));
        Assert.Equal(ScalingResults.MostRowsOpen + 1, mine.FindAll(".mb-results__table tbody tr").Count);
        mine.Find("button.mb-results__unfold").Click();
        Assert.Empty(mine.FindAll("table"));
    }

    [Fact]
    public async Task APartThatShowsNoItemHasNothingNewWhenOnlyAnItemChangedAndSomethingWhenAnythingElseDid()
    {
        var viewer = Participant(samId);
        var before = ViewAs(await StateAsync(), viewer);
        (await meeting.AddItemAsync(lee, "harm", "Maya hides under the bed.")).EnsureSuccessStatusCode();
        var afterItem = ViewAs(await StateAsync(), viewer);
        Assert.NotSame(before.State, afterItem.State);
        Assert.True(MeetingPart.SameApartFromItems(before, afterItem));

        await meeting.ChairDoesAsync((a, t) => new LockBoard(true, a, t));
        var afterLock = ViewAs(await StateAsync(), viewer);
        Assert.False(MeetingPart.SameApartFromItems(afterItem, afterLock));

        var (_, patId) = await meeting.AdmitAsync("Pat", "Grandmother");
        var afterPat = ViewAs(await StateAsync(), viewer);
        Assert.False(MeetingPart.SameApartFromItems(afterLock, afterPat));

        Assert.False(MeetingPart.SameApartFromItems(afterPat, ViewAs(await StateAsync(), Participant(leeId))));

        // A round started and a score given: news to the scaling parts only.
        var roundId = MeetingHosts.NewId();
        await meeting.ChairDoesAsync((a, t) => new StartRound(roundId, "How safe is Maya?", "Safe", "Not safe", null, a, t));
        var afterRound = ViewAs(await StateAsync(), viewer);
        Assert.False(MeetingPart.SameApartFromItems(afterPat, afterRound));
        Assert.True(MeetingPart.SameApartFromItems(afterPat, afterRound, showsScaling: false));
        Assert.Null(await meeting.RunAsync(sam, (a, t) => new GiveScore(roundId, 1, "3", "Gran is near", null, a, t)));
        var afterScore = ViewAs(await StateAsync(), viewer);
        Assert.NotNull(afterScore.MyScore);
        Assert.False(MeetingPart.SameApartFromItems(afterRound, afterScore));
        Assert.True(MeetingPart.SameApartFromItems(afterRound, afterScore, showsScaling: false));
    }

    [Fact]
    public async Task AnItemAddedRendersItsOwnCategoryAgainAndNoOtherAndAMarkOfTheFamilysWordsCountsAsAChangeToIt()
    {
        var viewer = Participant(samId);
        var typed = MeetingHosts.NewId();
        await meeting.ChairDoesAsync((a, t) => new AddItem(typed, "harm", "Maya hides under the bed.", a, t));
        using var ctx = Context();
        var opened = ViewAs(await StateAsync(), viewer);
        var board = ctx.Render<BoardView>(p => p.Add(c => c.View, opened));
        IRenderedComponent<BoardCategory> CategoryPart(MeetingBoard.Board.Category c) => board.FindComponents<BoardCategory>().Single(x => x.Instance.Category == c);
        var harm = CategoryPart(MeetingBoard.Board.Category.Harm);
        var strengths = CategoryPart(MeetingBoard.Board.Category.ExistingStrengths);
        async Task ShowLatestAsync()
        {
            var latest = ViewAs(await StateAsync(), viewer);
            board.Render(p => p.Add(c => c.View, latest));
        }
        var (harmRenders, strengthsRenders) = (harm.RenderCount, strengths.RenderCount);

        (await meeting.AddItemAsync(lee, "existing-strengths", "Gran visits every day.")).EnsureSuccessStatusCode();
        await ShowLatestAsync();
        Assert.Equal(strengthsRenders + 1, strengths.RenderCount);
        Assert.Equal(harmRenders, harm.RenderCount);
        Assert.Contains("Gran visits every day.", strengths.Markup);

        // The item is the same record, but the chair marks what they typed as the family's words: its category shows it.
        await meeting.ChairDoesAsync((a, t) => new MeetingBoard.Board.MarkFamilysWords(typed, true, a, t));
        await ShowLatestAsync();
        Assert.Equal(harmRenders + 1, harm.RenderCount);
        Assert.Equal(strengthsRenders + 1, strengths.RenderCount);
        Assert.Contains(MeetingBoard.Board.FamilysWords.Label, harm.Find($"#item-{typed}").TextContent);

        // Anything else about the meeting (here the board locked) reaches every category.
        await meeting.ChairDoesAsync((a, t) => new LockBoard(true, a, t));
        await ShowLatestAsync();
        Assert.Equal(harmRenders + 2, harm.RenderCount);
        Assert.Equal(strengthsRenders + 2, strengths.RenderCount);
    }

    [Fact]
    public async Task AParticipantsPageHandedItemsRendersTheCategoryThatChangedAndNothingAroundIt()
    {
        var viewer = Participant(samId);
        using var ctx = Context();
        var opened = ViewAs(await StateAsync(), viewer);
        var page = ctx.Render<BoardPage>(p => p.Add(c => c.View, opened));
        var board = page.FindComponent<BoardView>();
        var stages = page.FindComponent<StagePanel>();
        // Parts handed parameters only when the board page (the status banner) or the board (the practice tables)
        // renders: the view they hold tells whether it did. (bUnit's render counts include a component's children.)
        var banner = page.FindComponent<StatusBanner>();
        var tables = page.FindComponent<MeetingBoard.Web.Features.Practice.PracticeTables>();
        IRenderedComponent<BoardCategory> CategoryPart(MeetingBoard.Board.Category c) => page.FindComponents<BoardCategory>().Single(x => x.Instance.Category == c);
        var harm = CategoryPart(MeetingBoard.Board.Category.Harm);
        var strengths = CategoryPart(MeetingBoard.Board.Category.ExistingStrengths);
        var before = (Stages: stages.RenderCount, Harm: harm.RenderCount, Strengths: strengths.RenderCount);

        // An item added: only items differ, as the meeting page checks before handing the view over.
        var item = MeetingHosts.NewId();
        (await meeting.AddItemAsync(lee, "harm", "Maya hides under the bed.", item)).EnsureSuccessStatusCode();
        var latest = ViewAs(await StateAsync(), viewer);
        Assert.True(MeetingPart.SameApartFromItems(page.Instance.View, latest));
        await page.InvokeAsync(() => page.Instance.TakeItems(latest));

        Assert.Equal("Maya hides under the bed.", page.Find($"#cat-harm #item-{item} .mb-item__text").TextContent);
        Assert.Equal("(1)", page.Find("#cat-harm .mb-category__count").TextContent);
        Assert.Equal(before.Harm + 1, harm.RenderCount);
        Assert.Equal((before.Stages, before.Strengths), (stages.RenderCount, strengths.RenderCount));
        Assert.Same(opened, banner.Instance.View);
        Assert.Same(opened, tables.Instance.View);
        // The parts that show items were handed the newer view, so a later render compares from it.
        Assert.Same(latest, board.Instance.View);
        Assert.Same(latest, stages.Instance.View);
        Assert.Same(latest, strengths.Instance.View);

        // Changed, then given again: the item's own category renders; the same view again renders nothing.
        await meeting.ChairDoesAsync((a, t) => new EditItem(item, "Maya hides under the bed when Dad shouts.", a, t));
        latest = ViewAs(await StateAsync(), viewer);
        await page.InvokeAsync(() => page.Instance.TakeItems(latest));
        await page.InvokeAsync(() => page.Instance.TakeItems(latest));
        Assert.Equal("Maya hides under the bed when Dad shouts.", page.Find($"#item-{item} .mb-item__text").TextContent);
        Assert.Equal(before.Harm + 2, harm.RenderCount);
        Assert.Equal((before.Stages, before.Strengths), (stages.RenderCount, strengths.RenderCount));
        Assert.Same(opened, tables.Instance.View);

        // Anything else (the board locked) is not items only: the page renders as a whole, from the newest view.
        await meeting.ChairDoesAsync((a, t) => new LockBoard(true, a, t));
        var locked = ViewAs(await StateAsync(), viewer);
        Assert.False(MeetingPart.SameApartFromItems(latest, locked));
        page.Render(p => p.Add(c => c.View, locked));
        Assert.Equal(before.Harm + 3, harm.RenderCount);
        Assert.Equal(before.Strengths + 1, strengths.RenderCount);
        Assert.Same(locked, tables.Instance.View);
        Assert.Equal("Maya hides under the bed when Dad shouts.", page.Find($"#item-{item} .mb-item__text").TextContent);
    }

    [Fact]
    public async Task AParticipantsAddFormsFoldUntilAskedForAndAClosedFoldIsNotRenderedAgainWhenItsCategoryIs()
    {
        using var ctx = Context();
        var opened = ViewAs(await StateAsync(), Participant(samId));
        var board = ctx.Render<BoardView>(p => p.Add(c => c.View, opened));
        async Task ShowLatestAsync()
        {
            var latest = ViewAs(await StateAsync(), Participant(samId));
            board.Render(p => p.Add(c => c.View, latest));
        }

        // Folded: the words that open it, and no field or MudBlazor component behind them.
        var harmFold = board.Find("details#add-harm");
        Assert.Equal("Add to harm", harmFold.QuerySelector("summary")!.TextContent);
        Assert.Empty(board.FindAll("textarea"));
        Assert.Empty(board.FindComponents<AddItemForm>());
        var fold = board.FindComponents<Disclosure>().Single(d => d.Instance.Id == "add-harm");
        var renders = fold.RenderCount;

        // Its category renders again for an item added to it; the closed fold around the form does not.
        (await meeting.AddItemAsync(lee, "harm", "Maya hides under the bed.")).EnsureSuccessStatusCode();
        await ShowLatestAsync();
        Assert.Contains("Maya hides under the bed.", board.Find("#cat-harm").TextContent);
        Assert.Equal(renders, fold.RenderCount);

        // Opened (the browser's toggle), it holds the form, which follows the meeting from then on.
        await board.Find("details#add-harm").TriggerEventAsync("ondetailstoggle", new DetailsToggleEventArgs { Open = true });
        Assert.NotNull(board.Find("details#add-harm form#add-harm-form textarea#add-harm-text"));
        Assert.Single(board.FindComponents<AddItemForm>());
        renders = fold.RenderCount;
        (await meeting.AddItemAsync(lee, "harm", "Dad shouts when he has been drinking.")).EnsureSuccessStatusCode();
        await ShowLatestAsync();
        Assert.Equal(renders + 1, fold.RenderCount);

        // The facilitator, who writes down what is said, has every form open.
        var state = await StateAsync();
        var chairs = ctx.Render<BoardView>(p => p.Add(c => c.View, ViewAs(state, new Viewer(Audience.Facilitator, Actor.Facilitator(state.FacilitatorId)))));
        Assert.NotNull(chairs.Find("form#add-harm textarea#add-harm-text"));
        Assert.Empty(chairs.FindAll("details#add-harm"));
    }

    [Fact]
    public async Task AParticipantsListOfStagesExistsOnlyOnceOpenedAndTheFacilitatorsIsAlwaysThere()
    {
        await meeting.ChairDoesAsync((a, t) => new GoToStage("family-and-network", a, t));
        var state = await StateAsync();
        using var ctx = Context();

        var sams = ctx.Render<StagePanel>(p => p.Add(c => c.View, ViewAs(state, Participant(samId))));
        Assert.Equal("All stages (7)", sams.Find("details.mb-stages__all summary").TextContent);
        Assert.Empty(sams.FindAll(".mb-stages__list li"));
        await sams.Find("details.mb-stages__all").TriggerEventAsync("ondetailstoggle", new DetailsToggleEventArgs { Open = true });
        Assert.Equal(7, sams.FindAll(".mb-stages__list li").Count);
        Assert.Equal("step", sams.Find("#stage-family-and-network").GetAttribute("aria-current"));
        Assert.Empty(sams.FindAll(".mb-stages__list button"));

        var chairs = ctx.Render<StagePanel>(p => p.Add(c => c.View, ViewAs(state, new Viewer(Audience.Facilitator, Actor.Facilitator(state.FacilitatorId)))));
        Assert.Equal(7, chairs.FindAll(".mb-stages__list li").Count);
        Assert.NotEmpty(chairs.FindAll(".mb-stages__list button"));
    }

    [Fact]
    public async Task APartThatNeverShowsInTheTypeOfMeetingIsNotMadeAtAll()
    {
        using var ctx = Context();
        var opened = ViewAs(await StateAsync(), Participant(samId));
        var conference = ctx.Render<BoardPage>(p => p.Add(c => c.View, opened));
        Assert.Empty(conference.FindComponents<MeetingBoard.Web.Features.Facilitation.PresenterQuestion>());
        Assert.Empty(conference.FindComponents<ReflectionsPanel>());
        Assert.Empty(conference.FindComponents<RolesLine>());
        Assert.Single(conference.FindComponents<MeetingBoard.Web.Features.Practice.SafetyPlanPanel>());
        // Danger statements, safety goals, harm and next steps have a structured part; the other three categories none.
        Assert.Equal(4, conference.FindComponents<MeetingBoard.Web.Features.Practice.PracticeSection>().Count);
        Assert.Equal(7, conference.FindComponents<BoardCategory>().Count);

        // Group supervision has the presenter's question, the reflections and the roles, and no safety plan.
        var supervision = await MeetingScenario.StartAsync(meeting.App, type: "GroupSupervision");
        using (supervision.Facilitator)
        {
            var state = await supervision.StateAsync();
            var chairs = ctx.Render<BoardPage>(p => p.Add(c => c.View, supervision.ViewAs(state, new Viewer(Audience.Facilitator, Actor.Facilitator(state.FacilitatorId)))));
            Assert.Single(chairs.FindComponents<MeetingBoard.Web.Features.Facilitation.PresenterQuestion>());
            Assert.Single(chairs.FindComponents<ReflectionsPanel>());
            Assert.Single(chairs.FindComponents<RolesLine>());
            Assert.Empty(chairs.FindComponents<MeetingBoard.Web.Features.Practice.SafetyPlanPanel>());
        }
    }

    [Fact]
    public async Task ALargeRoundIsDrawnAsABarPerScoreWithItsCountAndASmallOneAsADotPerPerson()
    {
        var roundId = MeetingHosts.NewId();
        await meeting.ChairDoesAsync((a, t) => new StartRound(roundId, "How safe is Maya?", "Safe", "Not safe", null, a, t));
        Assert.Null(await meeting.RunAsync(sam, (a, t) => new GiveScore(roundId, 1, "3", "Gran is near", null, a, t)));
        Assert.Null(await meeting.RunAsync(lee, (a, t) => new GiveScore(roundId, 1, "6", "Maya is settled at school", null, a, t)));
        var shared = meeting.App.Services.GetRequiredService<SharedMarkup>();
        async Task<string> RevealedAsync()
        {
            var state = AudienceViews.For(await StateAsync(), Audience.Participant);
            var made = ScalingResults.For(shared, state, state.Scaling.Find(roundId)!.Attempt);
            return made.Picture + made.Voices;
        }

        // Two people: a dot each, and no bars.
        await meeting.ChairDoesAsync((a, t) => new RevealRound(roundId, a, t));
        var small = await RevealedAsync();
        Assert.Equal(2, small.Split("<circle").Length - 1);
        Assert.DoesNotContain("<rect", small);

        // Thirteen more join Lee at 6 on a new attempt: more than a stack of dots holds, so each score given is a bar.
        await meeting.ChairDoesAsync((a, t) => new RerunRound(roundId, a, t));
        Assert.Null(await meeting.RunAsync(sam, (a, t) => new GiveScore(roundId, 2, "3", "Gran is near", null, a, t)));
        Assert.Null(await meeting.RunAsync(lee, (a, t) => new GiveScore(roundId, 2, "6", "Maya is settled at school", null, a, t)));
        for (var i = 0; i < ResultsMarkup.MostDots + 1; i++)
        {
            var (who, _) = await meeting.AdmitAsync($"Helper {i}", "Neighbour");
            Assert.Null(await meeting.RunAsync(who, (a, t) => new GiveScore(roundId, 2, "6", $"Reason {i}", null, a, t)));
        }
        await meeting.ChairDoesAsync((a, t) => new RevealRound(roundId, a, t));
        var large = await RevealedAsync();
        Assert.DoesNotContain("<circle", large);
        Assert.Equal(4, large.Split("<rect").Length - 1); // scores 3 and 6, a family and a professional part each
        Assert.Contains(">14</text>", large);
        Assert.Contains("6: 14 people", large); // the picture's label still counts every score
        Assert.Contains("Reason 12", large); // and the table still names everyone
    }

    [Fact]
    public async Task InThePeoplePanelOnlyTheRowOfThePersonWhoAddedSomethingRendersAgain()
    {
        var chair = new Viewer(Audience.Facilitator, Actor.Facilitator((await StateAsync()).FacilitatorId));
        using var ctx = Context();
        var opened = ViewAs(await StateAsync(), chair);
        var panel = ctx.Render<PeoplePanel>(p => p.Add(c => c.View, opened));
        IRenderedComponent<PersonRow> Row(string id) => panel.FindComponents<PersonRow>().Single(r => r.Instance.Person.Id == id);
        var (samRenders, leeRenders) = (Row(samId).RenderCount, Row(leeId).RenderCount);

        (await meeting.AddItemAsync(lee, "harm", "Maya hides under the bed.")).EnsureSuccessStatusCode();
        var later = ViewAs(await StateAsync(), chair);
        panel.Render(p => p.Add(c => c.View, later));

        Assert.Equal(leeRenders + 1, Row(leeId).RenderCount);
        Assert.Equal(samRenders, Row(samId).RenderCount);
        Assert.Equal("· 1 contribution", Row(leeId).Find(".mb-person__count").TextContent);
        Assert.Equal("· 0 contributions", Row(samId).Find(".mb-person__count").TextContent);
    }
}
