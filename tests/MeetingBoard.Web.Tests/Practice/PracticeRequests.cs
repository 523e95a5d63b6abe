using System.Net;
using MeetingBoard.Web.Tests.Infrastructure;

namespace MeetingBoard.Web.Tests.Practice;

/// <summary>Danger statements, goals, harm and next steps over HTTP: bad input, and who may do what.</summary>
public sealed class PracticeRequests
{
    static Dictionary<string, string> Fields(params (string Key, string Value)[] fields)
    {
        var d = fields.ToDictionary(f => f.Key, f => f.Value);
        d["commandId"] = Visitor.NewCommandId();
        return d;
    }

    static readonly (string, string)[] Statement =
    [
        ("who", "The school"), ("behaviour", "Jordan shouted at Sam"), ("impact", "Maya hides under her bed"),
        ("ifNothingChanges", "Maya could be hurt"),
    ];

    static async Task<string> AddStatementAsync(MeetingScenario meeting, Visitor who)
    {
        (await who.PostAsync($"/m/{meeting.MeetingId}/danger-statements", Fields(Statement), fetch: true)).EnsureSuccessStatusCode();
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        return page.QuerySelectorAll("#cat-danger-statements .mb-statement").Last().Id!["statement-".Length..];
    }

    [Fact]
    public async Task AParticipantProposesAStatementComposedFromItsParts()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (teacher, _) = await meeting.AdmitAsync("Ms Okafor", "Class teacher");
        await AddStatementAsync(meeting, teacher);
        var (_, page, _) = await teacher.GetAsync($"/m/{meeting.MeetingId}");
        var card = page.QuerySelector("#cat-danger-statements .mb-statement")!;
        Assert.Equal("The school is worried that Jordan shouted at Sam. Maya hides under her bed. If nothing changes, Maya could be hurt.",
            card.QuerySelector(".mb-item__text")!.TextContent);
        Assert.Contains("Ms Okafor (Class teacher)", card.QuerySelector(".mb-item__author")!.TextContent);
        // The free add form is replaced by the builder in this category.
        Assert.Null(page.QuerySelector("#add-danger-statements"));
        Assert.NotNull(page.QuerySelector("#builder-danger"));
    }

    [Fact]
    public async Task ComposingStoresNothing()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var response = await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/danger-statements/compose", Fields(Statement), fetch: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("The school is worried that Jordan shouted at Sam.", await response.Content.ReadAsStringAsync());
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Empty(page.QuerySelectorAll(".mb-statement"));
    }

    [Fact]
    public async Task RefusesAMissingPartBesideItsFieldAndKeepsWhatWasTyped()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var response = await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/danger-statements",
            Fields(("who", "The school"), ("behaviour", "Jordan shouted at Sam"), ("impact", ""), ("ifNothingChanges", "x")), fetch: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("id=\"danger-impact-error\"", html);
        Assert.Contains("Enter the impact on the child", html);
        Assert.Contains("Jordan shouted at Sam", html);
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Empty(page.QuerySelectorAll(".mb-statement"));
    }

    [Theory]
    [InlineData("31", "2", "2027", "must be a real date")]
    [InlineData("", "", "", "Enter the date it will be done by")]
    [InlineData("1", "1", "27", "The year must include 4 numbers")]
    public async Task RefusesADueDateThatIsNotReal(string day, string month, string year, string message)
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var response = await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/next-steps",
            Fields(("who", "facilitator"), ("what", "Visit"), ("dueDay", day), ("dueMonth", month), ("dueYear", year)), fetch: true);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("id=\"step-due-error\"", html);
        Assert.Contains(message, html);
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Null(page.QuerySelector("#plan"));
    }

    [Fact]
    public async Task OnlyTheFacilitatorChangesOrRemovesAStatementAndOnlyParticipantsDisagree()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        var id = await AddStatementAsync(meeting, sam);

        var edit = await sam.PostAsync($"/m/{meeting.MeetingId}/danger-statements/{id}/edit", Fields(("sentence", "Changed by Sam")), fetch: true);
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        var remove = await sam.PostAsync($"/m/{meeting.MeetingId}/danger-statements/{id}/remove", Fields(), fetch: true);
        Assert.Equal(HttpStatusCode.Forbidden, remove.StatusCode);
        var chairDisagrees = await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/danger-statements/{id}/disagree", Fields(("view", "No")), fetch: true);
        Assert.Equal(HttpStatusCode.Forbidden, chairDisagrees.StatusCode);

        (await sam.PostAsync($"/m/{meeting.MeetingId}/danger-statements/{id}/disagree", Fields(("view", "That is not what happened.")), fetch: true)).EnsureSuccessStatusCode();
        (await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/danger-statements/{id}/edit", Fields(("sentence", "Plainer words about Maya.")), fetch: true)).EnsureSuccessStatusCode();
        var (_, page, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal("Plainer words about Maya.", page.QuerySelector(".mb-statement .mb-item__text")!.TextContent);
        Assert.Equal("That is not what happened.", page.QuerySelector(".mb-disagreement__text")!.TextContent);
        Assert.Null(page.QuerySelector(".mb-statement form[action$='/edit']"));
    }

    [Fact]
    public async Task NothingReachesAnotherMeetingOrAStranger()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var id = await AddStatementAsync(meeting, meeting.Facilitator);
        var (otherId, _) = await meeting.Facilitator.CreateMeetingAsync("Another family");

        // The statement's id named under another meeting is not found there.
        var crossed = await meeting.Facilitator.PostAsync($"/m/{otherId}/danger-statements/{id}/edit", Fields(("sentence", "x")), fetch: true);
        Assert.Equal(HttpStatusCode.NotFound, crossed.StatusCode);

        using var stranger = new Visitor(meeting.App);
        await stranger.GetAsync("/join");
        foreach (var path in new[] { "danger-statements", "danger-statements/compose", "harm", "next-steps", "wording" })
        {
            var response = await stranger.PostAsync($"/m/{meeting.MeetingId}/{path}", Fields(Statement), fetch: true);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        var (_, other, _) = await meeting.Facilitator.GetAsync($"/m/{otherId}");
        Assert.Empty(other.QuerySelectorAll(".mb-statement"));
    }

    [Fact]
    public async Task OnlyTheFacilitatorChangesTheWordsAndOnlyToAKnownWording()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        Assert.Equal(HttpStatusCode.Forbidden, (await sam.PostAsync($"/m/{meeting.MeetingId}/wording", Fields(("wording", "SignsOfWellbeing")), fetch: true)).StatusCode);
        var unknown = await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/wording", Fields(("wording", "SignsOfBelonging")), fetch: true);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("Choose the words this meeting uses", await unknown.Content.ReadAsStringAsync());
        (await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/wording", Fields(("wording", "SignsOfSuccess")), fetch: true)).EnsureSuccessStatusCode();
        var (_, page, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Success goals", page.QuerySelector("#cat-safety-goals-title")!.TextContent);
        Assert.Contains("Worry statements", page.QuerySelector("#cat-danger-statements-title")!.TextContent);

        // A note's "Move to" list uses the same words.
        (await meeting.AddItemAsync(meeting.Facilitator, "harm", "A note")).EnsureSuccessStatusCode();
        var (_, chairPage, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal("Success goals", chairPage.QuerySelector("#cat-harm select[name=category] option[value=safety-goals]")!.TextContent);
    }

    [Fact]
    public async Task AMeetingStartsInTheWordingChosenAndRefusesAnUnknownOne()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (_, list, _) = await meeting.Facilitator.GetAsync("/meetings");
        var newId = list.QuerySelector("form[action='/meetings'] input[name=meetingId]")!.GetAttribute("value")!;
        var refused = await meeting.Facilitator.PostAsync("/meetings", new Dictionary<string, string>
        {
            ["meetingId"] = newId, ["type"] = "GroupSupervision", ["title"] = "Supervision", ["wording"] = "SignsOfNothing",
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Choose the words this meeting uses", await refused.Content.ReadAsStringAsync());

        var created = await meeting.Facilitator.PostAsync("/meetings", new Dictionary<string, string>
        {
            ["meetingId"] = newId, ["type"] = "GroupSupervision", ["title"] = "Supervision", ["wording"] = "SignsOfWellbeing",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{newId}");
        Assert.Contains("Wellbeing goals", page.QuerySelector("#cat-safety-goals-title")!.TextContent);
    }

    [Fact]
    public async Task OnlyTheFacilitatorOrThePersonDoingItChangesAStepsStatus()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, samId) = await meeting.AdmitAsync("Sam", "Mum");
        var (teacher, _) = await meeting.AdmitAsync("Ms Okafor", "Class teacher");
        (await teacher.PostAsync($"/m/{meeting.MeetingId}/next-steps",
            Fields(("who", samId), ("what", "Call Pat"), ("dueDay", "1"), ("dueMonth", "6"), ("dueYear", "2030")), fetch: true)).EnsureSuccessStatusCode();
        var (_, page, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        var stepId = page.QuerySelector("#plan tbody tr")!.Id!["step-".Length..];

        Assert.Equal(HttpStatusCode.Forbidden, (await teacher.PostAsync($"/m/{meeting.MeetingId}/next-steps/{stepId}/status", Fields(("status", "Done")), fetch: true)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await sam.PostAsync($"/m/{meeting.MeetingId}/next-steps/{stepId}/status", Fields(("status", "Maybe")), fetch: true)).StatusCode);
        (await sam.PostAsync($"/m/{meeting.MeetingId}/next-steps/{stepId}/status", Fields(("status", "Done")), fetch: true)).EnsureSuccessStatusCode();
        (_, page, _) = await teacher.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal("Done", page.QuerySelector("#plan .mb-step-status")!.TextContent);
        Assert.Equal("1 June 2030", page.QuerySelector("#plan time")!.TextContent);
    }

    [Fact]
    public async Task EverythingIsInTheEventLogAndSurvivesARestart()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, samId) = await meeting.AdmitAsync("Sam", "Mum");
        var id = await AddStatementAsync(meeting, meeting.Facilitator);
        (await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/wording", Fields(("wording", "SignsOfWellbeing")), fetch: true)).EnsureSuccessStatusCode();
        (await sam.PostAsync($"/m/{meeting.MeetingId}/danger-statements/{id}/disagree", Fields(("view", "Not like that.")), fetch: true)).EnsureSuccessStatusCode();
        (await sam.PostAsync($"/m/{meeting.MeetingId}/safety-goals", Fields(("statementId", id), ("carersWillDo", "Sam will call Pat"),
            ("childWillExperience", "Maya feels calm"), ("professionalsWillSee", "School sees Maya settled"), ("howLong", "six months")), fetch: true)).EnsureSuccessStatusCode();
        (await sam.PostAsync($"/m/{meeting.MeetingId}/harm", Fields(("behaviour", "Shouting"), ("worst", "In March")), fetch: true)).EnsureSuccessStatusCode();
        (await sam.PostAsync($"/m/{meeting.MeetingId}/next-steps",
            Fields(("who", "someone-else"), ("otherName", "Pat"), ("what", "Keep a bed ready"), ("dueDay", "29"), ("dueMonth", "2"), ("dueYear", "2028")), fetch: true)).EnsureSuccessStatusCode();

        await meeting.App.RestartAsync();

        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Worry statements", page.QuerySelector("#cat-danger-statements-title")!.TextContent);
        Assert.Equal("Worry statement 1", page.QuerySelector(".mb-statement__number")!.TextContent);
        Assert.Equal("Not like that.", page.QuerySelector(".mb-disagreement__text")!.TextContent);
        Assert.Equal("Sam will call Pat. Maya feels calm. School sees Maya settled. This will keep happening for six months.",
            page.QuerySelector(".mb-goal .mb-item__text")!.TextContent);
        Assert.Equal("In March", page.QuerySelectorAll("#harm-matrix tbody td")[3].TextContent);
        Assert.Equal("Pat", page.QuerySelector("#plan tbody th")!.TextContent);
        Assert.Equal("29 February 2028", page.QuerySelector("#plan time")!.TextContent);
    }
}
