using System.Net;
using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static MeetingBoard.Web.Tests.Facilitation.Commands;

namespace MeetingBoard.Web.Tests.Facilitation;

public sealed class MovingThroughStages
{
    [Fact]
    public async Task EveryoneSeesTheCurrentStageAndTheFacilitatorGetsNextAndBack()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        var (_, before, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Stages not started yet", before.QuerySelector("#mb-stages-title")!.TextContent);
        Assert.Contains("Start: Purpose, agenda and confidentiality", before.QuerySelector("#mb-stages .mb-stages__controls")!.TextContent);

        Done(await meeting.ChairAsync((a, t) => new GoToStage("family-and-network", a, t)));

        var (_, chair, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Stage 2 of 7", chair.QuerySelector("#mb-stages-title")!.TextContent);
        Assert.Contains("Family and network", chair.QuerySelector("#mb-stages-title")!.TextContent);
        var buttons = chair.QuerySelectorAll("#mb-stages .mb-stages__controls button").Select(b => b.TextContent.Trim()).ToList();
        Assert.Contains(buttons, b => b.StartsWith("Back: Purpose, agenda and confidentiality", StringComparison.Ordinal));
        Assert.Contains(buttons, b => b.StartsWith("Next: Worries and what is working well", StringComparison.Ordinal));
        Assert.Equal("step", chair.QuerySelector("#stage-family-and-network")!.GetAttribute("aria-current"));

        var (_, phone, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Family and network", phone.QuerySelector("#mb-stages-title")!.TextContent);
        Assert.Empty(phone.QuerySelectorAll("#mb-stages button"));
    }

    [Fact]
    public async Task AParticipantCannotMoveTheMeetingOn()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        Refused(await meeting.AsAsync(sam, (a, t) => new GoToStage("plan", a, t)), RefusalKind.Forbidden, "Only the facilitator can do that");
        Refused(await meeting.AsAsync(sam, (a, t) => new LockBoard(true, a, t)), RefusalKind.Forbidden);
        Refused(await meeting.AsAsync(sam, (a, t) => new SetCategoryOpen("harm", false, a, t)), RefusalKind.Forbidden);
        Refused(await meeting.AsAsync(sam, (a, t) => new SkipStage("plan", true, a, t)), RefusalKind.Forbidden);
        var state = await meeting.StateAsync();
        Assert.Null(state.Facilitation.CurrentStageId);
        Assert.False(state.Facilitation.Locked);
        Assert.Null(state.Facilitation.Plan);

        var (status, page, _) = await sam.GetAsync($"/m/{meeting.MeetingId}/stages");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("Only the facilitators of this meeting can change its stages", page.Body!.TextContent);
        Assert.Empty(page.QuerySelectorAll(".mb-stage-card"));
    }

    [Fact]
    public async Task AFacilitatorOfAnotherMeetingCannotTouchThisOne()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        using var other = new Visitor(meeting.App);
        var (email, password) = await meeting.App.AddFacilitatorAsync("Kim Other");
        await other.SignInAsync(email, password);
        Refused(await meeting.AsFacilitatorAsync(email, (a, t) => new GoToStage("plan", a, t)), RefusalKind.Forbidden);
        Assert.Null((await meeting.StateAsync()).Facilitation.CurrentStageId);
        var (status, page, _) = await other.GetAsync($"/m/{meeting.MeetingId}/stages");
        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Empty(page.QuerySelectorAll(".mb-stage-card"));
    }

    [Fact]
    public async Task AnUnknownStageIsRefusedAndNothingChanges()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        Refused(await meeting.ChairAsync((a, t) => new GoToStage("nowhere", a, t)), RefusalKind.NotFound, "That stage is not part of this meeting");
        var (_, chair, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Stages not started yet", chair.QuerySelector("#mb-stages-title")!.TextContent);
    }

    [Fact]
    public async Task TheStageSurvivesARestart()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        Done(await meeting.ChairAsync((a, t) => new GoToStage("decision", a, t)));
        await meeting.App.RestartAsync();
        var (_, chair, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Decision", chair.QuerySelector("#mb-stages-title")!.TextContent);
    }

    [Fact]
    public async Task AStageChangeClearsTheTimerOnEveryPage()
    {
        // The bug: a finished timer's "Time is up" stayed on every device through the next stages.
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        Done(await meeting.ChairAsync((a, t) => new GoToStage("purpose", a, t)));
        Done(await meeting.ChairAsync((a, t) => new StartTimer("0", "1", a, t)));
        Assert.NotNull((await sam.GetAsync($"/m/{meeting.MeetingId}")).Page.QuerySelector("#mb-timer"));

        Done(await meeting.ChairAsync((a, t) => new GoToStage("family-and-network", a, t)));
        Assert.Null((await meeting.StateAsync()).Facilitation.Timer);
        Assert.Null((await sam.GetAsync($"/m/{meeting.MeetingId}")).Page.QuerySelector("#mb-timer"));
    }
}

public sealed class WhatEachStageOpens
{
    [Fact]
    public async Task AClosedCategoryHasNoAddFormAndAddingToItIsRefused()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        Done(await meeting.ChairAsync((a, t) => new GoToStage("family-and-network", a, t)));

        var (_, phone, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Null(phone.QuerySelector("#add-harm"));
        Assert.NotNull(phone.QuerySelector("#add-existing-strengths"));
        Assert.Equal("Closed", phone.QuerySelector("#cat-harm .mb-closed-tag")!.TextContent.Trim());

        var refused = Refused(await meeting.AddAsync(sam, "harm", "Police were called twice."), RefusalKind.Conflict);
        Assert.Contains("Harm is closed during this stage (Family and network)", refused.Message);
        Assert.DoesNotContain((await meeting.StateAsync()).Items, i => i.Text == "Police were called twice.");

        Done(await meeting.AddAsync(sam, "existing-strengths", "Pat lives nearby."));
        // The facilitator writes the map: their add forms stay, and they may add anywhere.
        var (_, chair, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.NotNull(chair.QuerySelector("#add-harm"));
        Done(await meeting.AddAsync(null, "harm", "Police were called twice."));
    }

    [Fact]
    public async Task TheFacilitatorOpensACategoryAndAColumnForTheRunningStage()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        Done(await meeting.ChairAsync((a, t) => new GoToStage("purpose", a, t)));
        var (_, chair, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Open Harm for this stage", chair.QuerySelector("#cat-harm .mb-toggle")!.TextContent.Trim());
        Done(await meeting.ChairAsync((a, t) => new SetCategoryOpen("harm", true, a, t)));
        Done(await meeting.ChairAsync((a, t) => new SetCategoryOpen("needs-to-happen", true, a, t)));
        var (_, phone, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.NotNull(phone.QuerySelector("#add-harm"));
        Assert.NotNull(phone.QuerySelector("#builder-goal-details, #builder-danger-details") ?? phone.QuerySelector("#step-form-details"));
        Assert.NotNull(phone.QuerySelector("#add-next-steps"));
        Assert.Null(phone.QuerySelector("#add-existing-strengths"));
        Assert.Empty(phone.QuerySelectorAll(".mb-toggle"));

        var before = (await meeting.StateAsync()).Version;
        Refused(await meeting.ChairAsync((a, t) => new SetCategoryOpen("everything", true, a, t)), RefusalKind.Invalid, "Choose a part of the map");
        Assert.Equal(before, (await meeting.StateAsync()).Version);
    }

    [Fact]
    public async Task ALockedBoardRefusesParticipantsClearly()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        Done(await meeting.ChairAsync((a, t) => new LockBoard(true, a, t)));
        var (_, phone, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Empty(phone.QuerySelectorAll("#mb-board .mb-add"));
        Assert.Contains("The facilitator has locked the board", phone.QuerySelector("#mb-stages")!.TextContent);
        Assert.Contains("locked the board", Refused(await meeting.AddAsync(sam, "harm", "Something"), RefusalKind.Conflict).Message);

        Done(await meeting.ChairAsync((a, t) => new LockBoard(false, a, t)));
        Done(await meeting.AddAsync(sam, "harm", "Something"));
    }
}

public sealed class ChangingTheStagesPage
{
    [Fact]
    public async Task RenamesReordersAndSkipsThenShowsItEverywhere()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (status, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}/stages");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(7, page.QuerySelectorAll(".mb-stage-card").Length);
        Assert.Equal("Purpose, agenda and confidentiality", page.QuerySelector("#stage-purpose-title")!.GetAttribute("value"));

        Done(await meeting.ChairAsync((a, t) => new RenameStage("decision", "Decision and any dissent", a, t)));
        Done(await meeting.ChairAsync((a, t) => new MoveStage("plan", "up", a, t)));
        Done(await meeting.ChairAsync((a, t) => new SkipStage("overall-scale", true, a, t)));
        Done(await meeting.ChairAsync((a, t) => new SetStageCategories("purpose", ["existing-strengths"], a, t)));

        (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}/stages");
        var titles = page.QuerySelectorAll(".mb-stage-card .mb-stage-card__title").Select(t => t.TextContent.Trim()).ToList();
        Assert.Equal("6. Plan", titles[5]);
        Assert.Equal("7. Decision and any dissent", titles[6]);
        Assert.Contains("Skipped", page.QuerySelector("#stage-overall-scale .mb-stage-card__actions")!.TextContent);
        Assert.True(page.QuerySelector("#stage-purpose-existing-strengths")!.HasAttribute("checked"));
        Assert.False(page.QuerySelector("#stage-purpose-harm")!.HasAttribute("checked"));

        var (_, board, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Skipped", board.QuerySelector("#stage-overall-scale-status")!.TextContent);
        Assert.Equal(6, board.QuerySelectorAll("#mb-stages .mb-task-list__item").Length - 1);
    }

    [Fact]
    public async Task AnEmptyNameIsRefusedForTheFieldAndNothingIsStored()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var refusal = Refused(await meeting.ChairAsync((a, t) => new RenameStage("plan", "   ", a, t)), RefusalKind.Invalid);
        Assert.Equal("title", refusal.Field);
        Assert.Contains("Enter a name for the stage", refusal.Message);
        Assert.Null((await meeting.StateAsync()).Facilitation.Plan);
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}/stages");
        Assert.Equal("Plan", page.QuerySelector("#stage-plan-title")!.GetAttribute("value"));
    }

    [Fact]
    public async Task AClosedMeetingShowsItsStagesWithNothingToChange()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        Done(await meeting.ChairAsync((a, t) => new CloseMeeting(a, t)));
        var (status, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}/stages");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(7, page.QuerySelectorAll(".mb-stage-card").Length);
        Assert.Empty(page.QuerySelectorAll(".mb-stage-card form"));
        Refused(await meeting.ChairAsync((a, t) => new RenameStage("plan", "Our plan", a, t)), RefusalKind.Conflict);
    }
}

public sealed class QuestionsAndCoFacilitators
{
    static async Task<MeetingScenario> SupervisionAsync(string facilitatorName = "Alex Morgan")
    {
        var app = TestApp.Start();
        var facilitator = new Visitor(app);
        var (email, password) = await app.AddFacilitatorAsync(facilitatorName);
        await facilitator.SignInAsync(email, password);
        var (meetingId, code) = await facilitator.CreateMeetingAsync("Team supervision", "GroupSupervision");
        return new MeetingScenario { App = app, Facilitator = facilitator, MeetingId = meetingId, JoinCode = code, Account = (email, password) };
    }

    [Fact]
    public async Task TheGroupAsksThePresenterQuestionsDuringMapping()
    {
        await using var meeting = await SupervisionAsync();
        var (advisor, _) = await meeting.AdmitAsync("Priya", "Advisor");

        Refused(await meeting.AsAsync(advisor, (a, t) => new AskQuestion("q0", "Who lives at home?", a, t)), RefusalKind.Conflict);

        Done(await meeting.ChairAsync((a, t) => new GoToStage("information", a, t)));
        var (_, phone, _) = await advisor.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Empty(phone.QuerySelectorAll("#mb-board .mb-add"));
        Assert.NotNull(phone.QuerySelector("#ask-question"));
        Done(await meeting.AsAsync(advisor, (a, t) => new AskQuestion("q1", "Who lives at home?", a, t), "q1"));
        // The same question sent twice (a double press) is asked once.
        Done(await meeting.AsAsync(advisor, (a, t) => new AskQuestion("q1", "Who lives at home?", a, t), "q1"));
        var empty = Refused(await meeting.AsAsync(advisor, (a, t) => new AskQuestion("q2", " ", a, t)), RefusalKind.Invalid);
        Assert.Equal("text", empty.Field);
        Assert.Contains("Enter your question", empty.Message);
        // The questioning stance: a statement is turned back, and nothing is stored.
        var statement = Refused(await meeting.AsAsync(advisor, (a, t) => new AskQuestion("q3", "Pat should have the children more.", a, t)), RefusalKind.Invalid);
        Assert.Equal("text", statement.Field);
        Assert.Equal("In group supervision the group asks questions: end it with a question mark, or turn it into a question.", statement.Message);
        Assert.Single((await meeting.StateAsync()).Facilitation.Questions);

        var (_, chair, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var question = Assert.Single(chair.QuerySelectorAll(".mb-question"));
        Assert.Equal("Who lives at home?", question.QuerySelector(".mb-question__text")!.TextContent);
        Assert.Contains("Priya (Advisor)", question.QuerySelector(".mb-question__author")!.TextContent);
    }

    [Fact]
    public async Task ACoFacilitatorAddedByEmailGetsFullControl()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (coEmail, coPassword) = await meeting.App.AddFacilitatorAsync("Robin Minutes");
        using var robin = new Visitor(meeting.App);
        await robin.SignInAsync(coEmail, coPassword);
        var (before, _, _) = await robin.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal(HttpStatusCode.Forbidden, before);

        // The form looks the account up by email, then asks Core (AddCoFacilitatorForm does the same).
        var accounts = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<MeetingBoard.Web.Storage.IAccountStore>(meeting.App.Services);
        var nobody = await accounts.FindByEmailAsync("nobody@example.org");
        var unknown = Refused(await meeting.ChairAsync((a, t) => new AddCoFacilitator(nobody?.Id, nobody?.Name, a, t)), RefusalKind.Invalid);
        Assert.Equal("email", unknown.Field);
        Assert.Contains("There is no facilitator account with that email address", unknown.Message);

        var found = await accounts.FindByEmailAsync(coEmail.ToUpperInvariant());
        Done(await meeting.ChairAsync((a, t) => new AddCoFacilitator(found?.Id, found?.Name, a, t)));
        Assert.Contains("already runs this meeting", Refused(await meeting.ChairAsync((a, t) => new AddCoFacilitator(found?.Id, found?.Name, a, t)), RefusalKind.Invalid).Message);

        var (status, page, _) = await robin.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(page.QuerySelector("#mb-people"));
        Done(await meeting.AsFacilitatorAsync(coEmail, (a, t) => new GoToStage("plan", a, t)));
        var (_, sam) = await meeting.AskToJoinAsync("Sam", "Mum");
        Done(await meeting.AsFacilitatorAsync(coEmail, (a, t) => new AdmitParticipant(sam, a, t)));
        Assert.Equal(HttpStatusCode.OK, (await robin.GetAsync($"/m/{meeting.MeetingId}/stages")).Status);

        var (_, chair, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Robin Minutes", chair.QuerySelector("#mb-people")!.TextContent);
        Assert.Contains("Plan", chair.QuerySelector("#mb-stages-title")!.TextContent);
    }

    [Fact]
    public async Task ACoFacilitatorFindsTheMeetingOnTheirOwnList()
    {
        await using var meeting = await MeetingScenario.StartAsync(title: "Review conference for Maya");
        var (coEmail, coPassword) = await meeting.App.AddFacilitatorAsync("Robin Minutes");
        var (otherEmail, otherPassword) = await meeting.App.AddFacilitatorAsync("Kim Other");
        using var robin = new Visitor(meeting.App);
        await robin.SignInAsync(coEmail, coPassword);
        using var kim = new Visitor(meeting.App);
        await kim.SignInAsync(otherEmail, otherPassword);
        static async Task<List<string>> ListedAsync(Visitor who) =>
            (await who.GetAsync("/meetings")).Page.QuerySelectorAll(".mb-meeting-list li").Select(li => li.TextContent).ToList();
        Assert.Empty(await ListedAsync(robin));

        var accounts = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<MeetingBoard.Web.Storage.IAccountStore>(meeting.App.Services);
        var found = await accounts.FindByEmailAsync(coEmail);
        Done(await meeting.ChairAsync((a, t) => new AddCoFacilitator(found?.Id, found?.Name, a, t)));

        var listed = Assert.Single(await ListedAsync(robin));
        Assert.Contains("Review conference for Maya", listed);
        Assert.Contains("you are co-facilitator", listed);
        var (_, page, _) = await robin.GetAsync("/meetings");
        Assert.Equal($"/m/{meeting.MeetingId}", page.QuerySelector(".mb-meeting-list a")!.GetAttribute("href"));
        // The chair's own list does not call them a co-facilitator; someone not added sees nothing.
        Assert.DoesNotContain("co-facilitator", Assert.Single(await ListedAsync(meeting.Facilitator)));
        Assert.Empty(await ListedAsync(kim));
    }

    [Fact]
    public async Task RolesInGroupSupervisionAndTheRotaOnTheMeetingsPage()
    {
        await using var meeting = await SupervisionAsync("Alex Morgan");
        var (priya, priyaId) = await meeting.AdmitAsync("Priya", "Social worker");

        var (_, before, _) = await meeting.Facilitator.GetAsync("/meetings");
        Assert.Contains("no presenter was recorded", before.QuerySelector("#mb-rota")!.TextContent);
        Refused(await meeting.AsAsync(priya, (a, t) => new GiveSupervisionRole(priyaId, "Presenter", a, t)), RefusalKind.Forbidden);
        Refused(await meeting.ChairAsync((a, t) => new GiveSupervisionRole(priyaId, "Boss", a, t)), RefusalKind.Invalid, "Choose presenter, advisor or group");
        Done(await meeting.ChairAsync((a, t) => new GiveSupervisionRole(priyaId, "Presenter", a, t)));

        var (_, phone, _) = await priya.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Presenter: Priya", phone.QuerySelector("#mb-roles")!.TextContent);
        var (_, chair, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal("Presenter", SelectedRole(chair, priyaId));
        var (_, list, _) = await meeting.Facilitator.GetAsync("/meetings");
        // From the meeting and its case (each test meeting starts a case of its own), not from typed text.
        var caseName = (await meeting.App.Services.GetRequiredService<MeetingHosts>().FindAsync(meeting.MeetingId))!.State.CaseReference!;
        Assert.Contains($"Alex Morgan facilitated and Priya presented ({caseName}).", list.QuerySelector("#mb-rota")!.TextContent);
        Assert.Matches($"{caseName}: last brought on .+ by Priya, facilitated by Alex Morgan", list.QuerySelector(".mb-rota__cases")!.TextContent);
    }

    static string? SelectedRole(AngleSharp.Html.Dom.IHtmlDocument page, string participantId) =>
        (page.QuerySelector($"#role-{participantId}") as AngleSharp.Html.Dom.IHtmlSelectElement)?.Value;
}
