using System.Net;
using MeetingBoard.Web.Tests.Infrastructure;

namespace MeetingBoard.Web.Tests.Facilitation;

static class Post
{
    public static Task<HttpResponseMessage> Fetch(Visitor who, string path, Dictionary<string, string>? fields = null)
    {
        fields ??= [];
        fields.TryAdd("commandId", Visitor.NewCommandId());
        return who.PostAsync(path, fields, fetch: true);
    }
}

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

        var response = await Post.Fetch(meeting.Facilitator, $"/m/{meeting.MeetingId}/stage", new() { ["stageId"] = "family-and-network" });
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);

        var (_, chair, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Stage 2 of 7", chair.QuerySelector("#mb-stages-title")!.TextContent);
        Assert.Contains("Family and network", chair.QuerySelector("#mb-stages-title")!.TextContent);
        var buttons = chair.QuerySelectorAll("#mb-stages .mb-stages__controls button").Select(b => b.TextContent.Trim()).ToList();
        Assert.Contains(buttons, b => b.StartsWith("Back: Purpose, agenda and confidentiality", StringComparison.Ordinal));
        Assert.Contains(buttons, b => b.StartsWith("Next: Worries and what is working well", StringComparison.Ordinal));
        Assert.Equal("step", chair.QuerySelector("#stage-family-and-network")!.GetAttribute("aria-current"));

        var (_, phone, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Family and network", phone.QuerySelector("#mb-stages-title")!.TextContent);
        Assert.Empty(phone.QuerySelectorAll("#mb-stages form[action$='/stage']"));
    }

    [Fact]
    public async Task AParticipantCannotMoveTheMeetingOn()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        var response = await Post.Fetch(sam, $"/m/{meeting.MeetingId}/stage", new() { ["stageId"] = "plan" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("Only the facilitator can do that", await response.Content.ReadAsStringAsync());
        foreach (var path in new[] { "board/lock", "categories/harm/close", "stages/plan/skip" })
            Assert.Equal(HttpStatusCode.Forbidden, (await Post.Fetch(sam, $"/m/{meeting.MeetingId}/{path}")).StatusCode);
        var (status, _, _) = await sam.GetAsync($"/m/{meeting.MeetingId}/stages");
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task AFacilitatorOfAnotherMeetingCannotTouchThisOne()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        using var other = new Visitor(meeting.App);
        var (email, password) = await meeting.App.AddFacilitatorAsync("Kim Other");
        await other.SignInAsync(email, password);
        await other.GetAsync("/meetings");
        var response = await Post.Fetch(other, $"/m/{meeting.MeetingId}/stage", new() { ["stageId"] = "plan" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var (status, _, _) = await other.GetAsync($"/m/{meeting.MeetingId}/stages");
        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task AnUnknownStageIsRefusedAndNothingChanges()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var response = await Post.Fetch(meeting.Facilitator, $"/m/{meeting.MeetingId}/stage", new() { ["stageId"] = "nowhere" });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("That stage is not part of this meeting", await response.Content.ReadAsStringAsync());
        var (_, chair, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Stages not started yet", chair.QuerySelector("#mb-stages-title")!.TextContent);
    }

    [Fact]
    public async Task TheStageSurvivesARestart()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        await Post.Fetch(meeting.Facilitator, $"/m/{meeting.MeetingId}/stage", new() { ["stageId"] = "decision" });
        await meeting.App.RestartAsync();
        var (_, chair, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Decision", chair.QuerySelector("#mb-stages-title")!.TextContent);
    }
}

public sealed class WhatEachStageOpens
{
    [Fact]
    public async Task AClosedCategoryHasNoAddFormAndAddingToItIsRefused()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        await Post.Fetch(meeting.Facilitator, $"/m/{meeting.MeetingId}/stage", new() { ["stageId"] = "family-and-network" });

        var (_, phone, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Null(phone.QuerySelector("#add-harm"));
        Assert.NotNull(phone.QuerySelector("#add-existing-strengths"));
        Assert.Equal("Closed", phone.QuerySelector("#cat-harm .mb-closed-tag")!.TextContent.Trim());

        var refused = await meeting.AddItemAsync(sam, "harm", "Police were called twice.");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Harm is closed during this stage (Family and network)", await refused.Content.ReadAsStringAsync());
        Assert.DoesNotContain("Police were called twice.", await meeting.ItemTextsAsync());

        Assert.Equal(HttpStatusCode.OK, (await meeting.AddItemAsync(sam, "existing-strengths", "Pat lives nearby.")).StatusCode);
        // The facilitator writes the map: their add forms stay, and they may add anywhere.
        var (_, chair, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.NotNull(chair.QuerySelector("#add-harm"));
        Assert.Equal(HttpStatusCode.OK, (await meeting.AddItemAsync(meeting.Facilitator, "harm", "Police were called twice.")).StatusCode);
    }

    [Fact]
    public async Task TheFacilitatorOpensACategoryAndAColumnForTheRunningStage()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        await Post.Fetch(meeting.Facilitator, $"/m/{meeting.MeetingId}/stage", new() { ["stageId"] = "purpose" });
        Assert.Equal(HttpStatusCode.NoContent, (await Post.Fetch(meeting.Facilitator, $"/m/{meeting.MeetingId}/categories/harm/open")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Post.Fetch(meeting.Facilitator, $"/m/{meeting.MeetingId}/categories/needs-to-happen/open")).StatusCode);
        var (_, phone, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.NotNull(phone.QuerySelector("#add-harm"));
        Assert.NotNull(phone.QuerySelector("#builder-goal-details, #builder-danger-details") ?? phone.QuerySelector("#step-form-details"));
        Assert.NotNull(phone.QuerySelector("#add-next-steps"));
        Assert.Null(phone.QuerySelector("#add-existing-strengths"));

        var bad = await Post.Fetch(meeting.Facilitator, $"/m/{meeting.MeetingId}/categories/everything/open");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("Choose a part of the map", await bad.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ALockedBoardRefusesParticipantsClearly()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        Assert.Equal(HttpStatusCode.NoContent, (await Post.Fetch(meeting.Facilitator, $"/m/{meeting.MeetingId}/board/lock")).StatusCode);
        var (_, phone, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Empty(phone.QuerySelectorAll("#mb-board .mb-add"));
        Assert.Contains("The facilitator has locked the board", phone.QuerySelector("#mb-stages")!.TextContent);
        var refused = await meeting.AddItemAsync(sam, "harm", "Something");
        Assert.Contains("locked the board", await refused.Content.ReadAsStringAsync());

        await Post.Fetch(meeting.Facilitator, $"/m/{meeting.MeetingId}/board/unlock");
        Assert.Equal(HttpStatusCode.OK, (await meeting.AddItemAsync(sam, "harm", "Something")).StatusCode);
    }
}

public sealed class ChangingTheStagesPage
{
    [Fact]
    public async Task RenamesReordersAndSkipsThenComesBack()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (status, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}/stages");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(7, page.QuerySelectorAll(".mb-stage-card").Length);

        var rename = await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/stages/decision/rename",
            new Dictionary<string, string> { ["commandId"] = Visitor.NewCommandId(), ["title"] = "Decision and any dissent" });
        Assert.Equal(HttpStatusCode.Redirect, rename.StatusCode);
        Assert.Equal($"/m/{meeting.MeetingId}/stages#stage-decision", rename.Headers.Location!.OriginalString);
        await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/stages/plan/move", new Dictionary<string, string> { ["direction"] = "up" });
        await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/stages/overall-scale/skip", new Dictionary<string, string>());
        await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/stages/purpose/categories", new Dictionary<string, string> { ["categories"] = "existing-strengths" });

        (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}/stages");
        var titles = page.QuerySelectorAll(".mb-stage-card .govuk-summary-card__title").Select(t => t.TextContent.Trim()).ToList();
        Assert.Equal("6. Plan", titles[5]);
        Assert.Equal("7. Decision and any dissent", titles[6]);
        Assert.Contains("Skipped", page.QuerySelector("#stage-overall-scale .govuk-summary-card__actions")!.TextContent);
        Assert.True(page.QuerySelector("#stage-purpose-existing-strengths")!.HasAttribute("checked"));

        var (_, board, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Skipped", board.QuerySelector("#stage-overall-scale-status")!.TextContent);
        Assert.Equal(6, board.QuerySelectorAll("#mb-stages .govuk-task-list__item").Length - 1);
    }

    [Fact]
    public async Task AnEmptyNameIsShownBesideTheFieldAndNothingIsStored()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}/stages");
        var response = await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/stages/plan/rename", new Dictionary<string, string> { ["title"] = "   " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Enter a name for the stage", html);
        Assert.Contains("href=\"#stage-plan-title\"", html);
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}/stages");
        Assert.Equal("Plan", page.QuerySelector("#stage-plan-title")!.GetAttribute("value"));
    }
}

public sealed class QuestionsAndCoFacilitators
{
    [Fact]
    public async Task TheGroupAsksThePresenterQuestionsDuringMapping()
    {
        var app = TestApp.Start();
        using var facilitator = new Visitor(app);
        var (email, password) = await app.AddFacilitatorAsync();
        await facilitator.SignInAsync(email, password);
        var (meetingId, code) = await facilitator.CreateMeetingAsync("Team supervision", "GroupSupervision");
        await using var meeting = new MeetingScenario { App = app, Facilitator = facilitator, MeetingId = meetingId, JoinCode = code };
        var (advisor, _) = await meeting.AdmitAsync("Priya", "Advisor");

        var early = await Post.Fetch(advisor, $"/m/{meetingId}/questions", new() { ["text"] = "Who lives at home?" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);

        await Post.Fetch(facilitator, $"/m/{meetingId}/stage", new() { ["stageId"] = "information" });
        var (_, phone, _) = await advisor.GetAsync($"/m/{meetingId}");
        Assert.Empty(phone.QuerySelectorAll("#mb-board .mb-add"));
        Assert.NotNull(phone.QuerySelector("#ask-question"));
        var asked = await Post.Fetch(advisor, $"/m/{meetingId}/questions", new() { ["text"] = "Who lives at home?" });
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("id=\"ask-question\"", await asked.Content.ReadAsStringAsync());
        var empty = await Post.Fetch(advisor, $"/m/{meetingId}/questions", new() { ["text"] = " " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("Enter your question", await empty.Content.ReadAsStringAsync());

        var (_, chair, _) = await facilitator.GetAsync($"/m/{meetingId}");
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

        var unknown = await Post.Fetch(meeting.Facilitator, $"/m/{meeting.MeetingId}/co-facilitators", new() { ["email"] = "nobody@example.org" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("There is no facilitator account with that email address", await unknown.Content.ReadAsStringAsync());

        var added = await Post.Fetch(meeting.Facilitator, $"/m/{meeting.MeetingId}/co-facilitators", new() { ["email"] = coEmail.ToUpperInvariant() });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);

        var (status, page, _) = await robin.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(page.QuerySelector("#mb-people"));
        Assert.Equal(HttpStatusCode.NoContent, (await Post.Fetch(robin, $"/m/{meeting.MeetingId}/stage", new() { ["stageId"] = "plan" })).StatusCode);
        var (_, sam) = await meeting.AskToJoinAsync("Sam", "Mum");
        await robin.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal(HttpStatusCode.NoContent, (await Post.Fetch(robin, $"/m/{meeting.MeetingId}/people/{sam}/admit")).StatusCode);
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

        (await Post.Fetch(meeting.Facilitator, $"/m/{meeting.MeetingId}/co-facilitators", new() { ["email"] = coEmail })).EnsureSuccessStatusCode();

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
        var app = TestApp.Start();
        using var facilitator = new Visitor(app);
        var (email, password) = await app.AddFacilitatorAsync("Alex Morgan");
        await facilitator.SignInAsync(email, password);
        var (meetingId, code) = await facilitator.CreateMeetingAsync("Team supervision", "GroupSupervision");
        await using var meeting = new MeetingScenario { App = app, Facilitator = facilitator, MeetingId = meetingId, JoinCode = code };
        var (priya, priyaId) = await meeting.AdmitAsync("Priya", "Social worker");

        var (_, before, _) = await facilitator.GetAsync("/meetings");
        Assert.Contains("no presenter was recorded", before.QuerySelector("#mb-rota")!.TextContent);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post.Fetch(priya, $"/m/{meetingId}/people/{priyaId}/role", new() { ["role"] = "Presenter" })).StatusCode);
        var bad = await Post.Fetch(facilitator, $"/m/{meetingId}/people/{priyaId}/role", new() { ["role"] = "Boss" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        Assert.Equal("Choose presenter, advisor or group", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await Post.Fetch(facilitator, $"/m/{meetingId}/people/{priyaId}/role", new() { ["role"] = "Presenter" })).StatusCode);

        var (_, phone, _) = await priya.GetAsync($"/m/{meetingId}");
        Assert.Contains("Presenter: Priya", phone.QuerySelector("#mb-roles")!.TextContent);
        var (_, list, _) = await facilitator.GetAsync("/meetings");
        Assert.Contains("Alex Morgan facilitated and Priya presented.", list.QuerySelector("#mb-rota")!.TextContent);
    }
}
