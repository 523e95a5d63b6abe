using Bunit;
using MeetingBoard.Board;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBoard.Web.Tests.Practice;

/// <summary>
/// Danger statements, goals, harm and next steps through the command entry point a page's circuit uses:
/// bad input, and who may do what. What a page shows is read from its first (server) render.
/// </summary>
public sealed class PracticeRequests
{
    static AddDangerStatement Statement(string id, Actor a, DateTimeOffset t, string? sentence = null, string? impact = "Maya hides under her bed") =>
        new(id, sentence, "The school", "Jordan shouted at Sam", impact, "Maya could be hurt", null, a, t);

    static AddNextStep Step(string who, string what, string day, string month, string year, Actor a, DateTimeOffset t, string? otherName = null) =>
        new(Visitor.NewCommandId(), who, otherName, what, day, month, year, a, t);

    static async Task<MeetingState> StateAsync(TestApp app, string meetingId) =>
        (await app.Services.GetRequiredService<MeetingHosts>().FindAsync(meetingId))!.State;

    static async Task<Circuit> ChairAsync(MeetingScenario meeting, string? meetingId = null) =>
        await Circuit.OpenAsync(meeting.App, await Circuit.FacilitatorAsync(meeting.App, meeting.Account.Email), meetingId ?? meeting.MeetingId);

    static Task<Circuit> OfAsync(MeetingScenario meeting, Visitor who) => Circuit.OpenAsync(meeting.App, Circuit.ParticipantOf(meeting.App, who), meeting.MeetingId);

    static async Task<string> AddStatementAsync(Circuit who)
    {
        var id = Visitor.NewCommandId();
        Assert.Null(await who.RunAsync((a, t) => Statement(id, a, t), id));
        return id;
    }

    [Fact]
    public async Task AParticipantProposesAStatementComposedFromItsParts()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (teacher, _) = await meeting.AdmitAsync("Ms Okafor", "Class teacher");
        await using (var circuit = await OfAsync(meeting, teacher)) await AddStatementAsync(circuit);

        var statement = Assert.Single((await StateAsync(meeting.App, meeting.MeetingId)).Practice.Statements);
        Assert.Equal("The school is worried that Jordan shouted at Sam. Maya hides under her bed. If nothing changes, Maya could be hurt.", statement.Sentence);
        var (_, page, _) = await teacher.GetAsync($"/m/{meeting.MeetingId}");
        var card = page.QuerySelector("#cat-danger-statements .mb-statement")!;
        Assert.Equal(statement.Sentence, card.QuerySelector(".mb-item__text")!.TextContent);
        Assert.Contains("Ms Okafor (Class teacher)", card.QuerySelector(".mb-item__author")!.TextContent);
        // The free add form is replaced by the builder in this category.
        Assert.Null(page.QuerySelector("#add-danger-statements"));
        // (Its fields are rendered once the person opens it.)
        Assert.NotNull(page.QuerySelector("#builder-danger-details"));
    }

    [Fact]
    public async Task ComposingStoresNothing()
    {
        // "Write the sentence" decides the add on the page's view without running it: deciding is pure.
        await using var meeting = await MeetingScenario.StartAsync();
        var before = await StateAsync(meeting.App, meeting.MeetingId);
        var decision = Meeting.Decide(before, Statement("d-1", Actor.Facilitator(before.FacilitatorId), DateTimeOffset.UtcNow));
        Assert.Equal("The school is worried that Jordan shouted at Sam. Maya hides under her bed. If nothing changes, Maya could be hurt.",
            Assert.IsType<DangerStatementAdded>(Assert.Single(decision.Events!)).Sentence);
        var after = await StateAsync(meeting.App, meeting.MeetingId);
        Assert.Empty(after.Practice.Statements);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task RefusesAMissingPartBesideItsFieldAndStoresNothing()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        await using var chair = await ChairAsync(meeting);
        var refusal = await chair.RunAsync((a, t) => Statement("d-1", a, t, impact: ""), "d-1");
        Assert.Equal(("impact", "Enter the impact on the child"), (refusal!.Field, refusal.Message));
        Assert.Empty((await StateAsync(meeting.App, meeting.MeetingId)).Practice.Statements);
    }

    [Fact]
    public async Task ADoubleSubmitAddsOnce()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        await using var chair = await ChairAsync(meeting);
        var id = Visitor.NewCommandId();
        Assert.Null(await chair.RunAsync((a, t) => Statement(id, a, t), id));
        Assert.Null(await chair.RunAsync((a, t) => Statement(id, a, t), id));
        Assert.Single((await StateAsync(meeting.App, meeting.MeetingId)).Practice.Statements);
    }

    [Fact]
    public async Task AStatementSavedWithTheBuilderCanBeTheSubjectOfAScalingRound()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        await using var chair = await ChairAsync(meeting);
        var id = await AddStatementAsync(chair);
        Assert.Null(await chair.RunAsync((a, t) => new MeetingBoard.Scaling.StartRound(Visitor.NewCommandId(), "How safe are the children?",
            "Everyone is sure the children are safe", "The children cannot live at home", id, a, t)));
        Assert.Equal(id, (await StateAsync(meeting.App, meeting.MeetingId)).Scaling.Current!.DangerStatementId);
    }

    [Theory]
    [InlineData("31", "2", "2027", "must be a real date")]
    [InlineData("", "", "", "Enter the date it will be done by")]
    [InlineData("1", "1", "27", "The year must include 4 numbers")]
    public async Task RefusesADueDateThatIsNotReal(string day, string month, string year, string message)
    {
        await using var meeting = await MeetingScenario.StartAsync();
        await using var chair = await ChairAsync(meeting);
        var refusal = await chair.RunAsync((a, t) => Step(PracticeRules.TheFacilitator, "Visit", day, month, year, a, t));
        Assert.Equal("due", refusal!.Field);
        Assert.Contains(message, refusal.Message);
        Assert.Empty((await StateAsync(meeting.App, meeting.MeetingId)).Practice.Steps);
    }

    [Fact]
    public async Task OnlyTheFacilitatorChangesOrRemovesAStatementAndOnlyParticipantsDisagree()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        await using var samCircuit = await OfAsync(meeting, sam);
        await using var chair = await ChairAsync(meeting);
        var id = await AddStatementAsync(samCircuit);

        Assert.Equal(RefusalKind.Forbidden, (await samCircuit.RunAsync((a, t) => new EditDangerStatement(id, "Changed by Sam", a, t)))!.Kind);
        Assert.Equal(RefusalKind.Forbidden, (await samCircuit.RunAsync((a, t) => new RemoveDangerStatement(id, a, t)))!.Kind);
        Assert.Equal(RefusalKind.Forbidden, (await chair.RunAsync((a, t) => new RecordDisagreement(id, "No", a, t)))!.Kind);

        Assert.Null(await samCircuit.RunAsync((a, t) => new RecordDisagreement(id, "That is not what happened.", a, t)));
        Assert.Null(await chair.RunAsync((a, t) => new EditDangerStatement(id, "Plainer words about Maya.", a, t)));
        var statement = Assert.Single((await StateAsync(meeting.App, meeting.MeetingId)).Practice.Statements);
        Assert.Equal("Plainer words about Maya.", statement.Sentence);
        Assert.Equal("That is not what happened.", Assert.Single(statement.Disagreements).View);

        // Sam's page offers "We disagree", not "Change"; the chair's the other way round.
        // (The forms themselves are rendered only once their disclosure is opened.)
        static string[] Offers(AngleSharp.Dom.IDocument page) =>
            page.QuerySelectorAll("#cat-danger-statements .mb-statement .mb-item__change > summary").Select(s => s.TextContent.Trim()).ToArray();
        var (_, page, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal(["We disagree with danger statement 1"], Offers(page));
        var (_, chairPage, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal(["Change danger statement 1"], Offers(chairPage));

        Assert.Null(await chair.RunAsync((a, t) => new RemoveDangerStatement(id, a, t)));
        Assert.Empty((await StateAsync(meeting.App, meeting.MeetingId)).Practice.Statements);
    }

    [Fact]
    public async Task NothingReachesAnotherMeetingOrAStranger()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        string id;
        await using (var chair = await ChairAsync(meeting)) id = await AddStatementAsync(chair);
        var (otherId, _) = await meeting.Facilitator.CreateMeetingAsync("Another family");

        // The statement's id named in another meeting is not found there.
        await using (var other = await ChairAsync(meeting, otherId))
            Assert.Equal(RefusalKind.NotFound, (await other.RunAsync((a, t) => new EditDangerStatement(id, "x", a, t)))!.Kind);

        await using var stranger = await Circuit.OpenAsync(meeting.App, Circuit.Anonymous, meeting.MeetingId);
        var commands = new Func<Actor, DateTimeOffset, MeetingCommand>[]
        {
            (a, t) => Statement(Visitor.NewCommandId(), a, t),
            (a, t) => new RecordHarm(Visitor.NewCommandId(), "Shouting", null, null, null, null, null, null, a, t),
            (a, t) => Step(PracticeRules.TheFacilitator, "Visit", "1", "6", "2030", a, t),
            (a, t) => new ChooseWording("SignsOfWellbeing", a, t),
            (a, t) => new RemoveDangerStatement(id, a, t),
        };
        foreach (var command in commands)
            Assert.Equal(RefusalKind.Forbidden, (await stranger.RunAsync(command))!.Kind);
        Assert.Empty((await StateAsync(meeting.App, otherId)).Practice.Statements);
        var state = await StateAsync(meeting.App, meeting.MeetingId);
        Assert.Single(state.Practice.Statements);
        Assert.Empty(state.Practice.Harm);
        Assert.Equal(Wording.SignsOfSafety, state.Practice.Wording);
    }

    [Fact]
    public async Task OnlyTheFacilitatorChangesTheWordsAndOnlyToAKnownWording()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        await using var samCircuit = await OfAsync(meeting, sam);
        await using var chair = await ChairAsync(meeting);
        Assert.Equal(RefusalKind.Forbidden, (await samCircuit.RunAsync((a, t) => new ChooseWording("SignsOfWellbeing", a, t)))!.Kind);
        var unknown = await chair.RunAsync((a, t) => new ChooseWording("SignsOfBelonging", a, t));
        Assert.Equal(("wording", "Choose the words this meeting uses"), (unknown!.Field, unknown.Message));
        Assert.Equal(Wording.SignsOfSafety, (await StateAsync(meeting.App, meeting.MeetingId)).Practice.Wording);

        Assert.Null(await chair.RunAsync((a, t) => new ChooseWording("SignsOfSuccess", a, t)));
        var (_, page, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Contains("Success goals", page.QuerySelector("#cat-safety-goals-title")!.TextContent);
        Assert.Contains("Worry statements", page.QuerySelector("#cat-danger-statements-title")!.TextContent);

        // A note's "Move to" list (rendered when its change controls open) uses the same words.
        Assert.Null(await chair.RunAsync((a, t) => new AddItem(Visitor.NewCommandId(), "harm", "A note", a, t)));
        var state = await StateAsync(meeting.App, meeting.MeetingId);
        await using var ctx = new Bunit.BunitContext();
        ctx.Services.AddFallbackServiceProvider(meeting.App.Services.CreateScope().ServiceProvider);
        MudBlazor.Services.ServiceCollectionExtensions.AddMudServices(ctx.Services);
        ctx.JSInterop.Mode = Bunit.JSRuntimeMode.Loose;
        var move = ctx.Render<MeetingBoard.Web.Features.Board.MoveItemForm>(p => p
            .Add(c => c.Item, state.Items.Single())
            .Add(c => c.Words, state.Practice.Words));
        Assert.Equal("Success goals", move.Find("option[value=safety-goals]").TextContent);
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
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("Choose the words this meeting uses", await refused.Content.ReadAsStringAsync());

        var created = await meeting.Facilitator.PostAsync("/meetings", new Dictionary<string, string>
        {
            ["meetingId"] = newId, ["type"] = "GroupSupervision", ["title"] = "Supervision", ["wording"] = "SignsOfWellbeing",
        });
        Assert.Equal(System.Net.HttpStatusCode.Redirect, created.StatusCode);
        Assert.Equal(Wording.SignsOfWellbeing, (await StateAsync(meeting.App, newId)).Practice.Wording);
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{newId}");
        Assert.Contains("Wellbeing goals", page.QuerySelector("#cat-safety-goals-title")!.TextContent);
    }

    [Fact]
    public async Task OnlyTheFacilitatorOrThePersonDoingItChangesAStepsStatus()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, samId) = await meeting.AdmitAsync("Sam", "Mum");
        var (teacher, _) = await meeting.AdmitAsync("Ms Okafor", "Class teacher");
        await using var samCircuit = await OfAsync(meeting, sam);
        await using var teacherCircuit = await OfAsync(meeting, teacher);
        Assert.Null(await teacherCircuit.RunAsync((a, t) => Step(samId, "Call Pat", "1", "6", "2030", a, t)));
        var stepId = Assert.Single((await StateAsync(meeting.App, meeting.MeetingId)).Practice.Steps).Id;

        Assert.Equal(RefusalKind.Forbidden, (await teacherCircuit.RunAsync((a, t) => new ChangeNextStepStatus(stepId, "Done", a, t)))!.Kind);
        var maybe = await samCircuit.RunAsync((a, t) => new ChangeNextStepStatus(stepId, "Maybe", a, t));
        Assert.Equal(("status", RefusalKind.Invalid), (maybe!.Field, maybe.Kind));
        Assert.Equal(NextStepStatus.NotStarted, (await StateAsync(meeting.App, meeting.MeetingId)).Practice.Steps[0].Status);
        Assert.Null(await samCircuit.RunAsync((a, t) => new ChangeNextStepStatus(stepId, "Done", a, t)));

        var (_, page, _) = await teacher.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Equal("Done", page.QuerySelector("#plan .mb-step-status")!.TextContent.Trim());
        Assert.Equal("1 June 2030", page.QuerySelector("#plan time")!.TextContent);
        // The control is on Sam's page, not the teacher's.
        Assert.Null(page.QuerySelector($"#status-{stepId}"));
        (_, page, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        Assert.NotNull(page.QuerySelector($"#status-{stepId}"));
    }

    [Fact]
    public async Task EverythingIsInTheEventLogAndSurvivesARestart()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        await using (var chair = await ChairAsync(meeting))
        await using (var samCircuit = await OfAsync(meeting, sam))
        {
            var id = await AddStatementAsync(chair);
            Assert.Null(await chair.RunAsync((a, t) => new ChooseWording("SignsOfWellbeing", a, t)));
            Assert.Null(await samCircuit.RunAsync((a, t) => new RecordDisagreement(id, "Not like that.", a, t)));
            Assert.Null(await samCircuit.RunAsync((a, t) => new AddSafetyGoal(Visitor.NewCommandId(), id, null, "Sam will call Pat", "Maya feels calm",
                "School sees Maya settled", "six months", a, t)));
            Assert.Null(await samCircuit.RunAsync((a, t) => new RecordHarm(Visitor.NewCommandId(), "Shouting", null, null, null, "In March", null, null, a, t)));
            Assert.Null(await samCircuit.RunAsync((a, t) => Step(PracticeRules.SomeoneElse, "Keep a bed ready", "29", "2", "2028", a, t, otherName: "Pat")));
        }

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
