using System.Net;
using GoToStage = MeetingBoard.Facilitation.GoToStage;
using LockBoard = MeetingBoard.Facilitation.LockBoard;
using SetCategoryOpen = MeetingBoard.Facilitation.SetCategoryOpen;
using AskQuestion = MeetingBoard.Facilitation.AskQuestion;
using AddCoFacilitator = MeetingBoard.Facilitation.AddCoFacilitator;
using SpotlightItem = MeetingBoard.Facilitation.SpotlightItem;
using StartTimer = MeetingBoard.Facilitation.StartTimer;
using ChangeTimer = MeetingBoard.Facilitation.ChangeTimer;
using TimerAction = MeetingBoard.Facilitation.TimerAction;
using SetAnonymousRound = MeetingBoard.Facilitation.SetAnonymousRound;
using StartTurnRound = MeetingBoard.Facilitation.StartTurnRound;
using EndTurn = MeetingBoard.Facilitation.EndTurn;
using EndTurnRound = MeetingBoard.Facilitation.EndTurnRound;
using RecordDecision = MeetingBoard.Facilitation.RecordDecision;
using RecordViewOnDecision = MeetingBoard.Facilitation.RecordViewOnDecision;
using RenameStage = MeetingBoard.Facilitation.RenameStage;
using MoveStage = MeetingBoard.Facilitation.MoveStage;
using SkipStage = MeetingBoard.Facilitation.SkipStage;
using SetStageCategories = MeetingBoard.Facilitation.SetStageCategories;
using GiveSupervisionRole = MeetingBoard.Facilitation.GiveSupervisionRole;
using Actor = MeetingBoard.Meetings.Actor;
using MeetingCommand = MeetingBoard.Meetings.MeetingCommand;
using RefusalKind = MeetingBoard.Meetings.RefusalKind;
using AddItem = MeetingBoard.Meetings.AddItem;
using EditItem = MeetingBoard.Meetings.EditItem;
using MoveItem = MeetingBoard.Meetings.MoveItem;
using RemoveItem = MeetingBoard.Meetings.RemoveItem;
using AdmitParticipant = MeetingBoard.Meetings.AdmitParticipant;
using DeclineParticipant = MeetingBoard.Meetings.DeclineParticipant;
using RemoveParticipant = MeetingBoard.Meetings.RemoveParticipant;
using LockMeeting = MeetingBoard.Meetings.LockMeeting;
using UnlockMeeting = MeetingBoard.Meetings.UnlockMeeting;
using CloseMeeting = MeetingBoard.Meetings.CloseMeeting;
using CreateMeeting = MeetingBoard.Meetings.CreateMeeting;
using AskToJoin = MeetingBoard.Meetings.AskToJoin;
using MeetingBoard.Cases;
using MeetingBoard.Practice;
using MeetingBoard.Scaling;

using MeetingBoard.Web.Live;
using MeetingBoard.Web.Storage;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using static MeetingBoard.Web.Tests.Security.Role;

namespace MeetingBoard.Web.Tests.Security;

/// <summary>Everyone who might ask, about one meeting ("this meeting").</summary>
public enum Role
{
    Anonymous,
    InTheLobby,
    Participant,
    ParticipantOfAnotherMeeting,
    RemovedParticipant,
    RoomScreen,
    FacilitatorOfAnotherMeeting,
    Facilitator,
    CoFacilitator,
}

/// <summary>Allow: served or done. Deny: refused, nothing of the meeting shown, nothing changed. Wait: let through to the lobby, shown nothing of the meeting.</summary>
public enum Expect { Allow, Deny, Wait }

/// <summary>
/// Every page, endpoint and hub method × every role. A denied read must not contain the meeting's
/// secret text; a denied write must leave the meeting's event stream exactly as it was; an allowed
/// read must show the secret; an allowed write must have answered with success and changed the stream.
/// Reads and refusals share one meeting (they change nothing, and a wrong allow fails its own cell);
/// every allowed write, and every cell whose row needs the meeting in a particular state, gets a fresh one.
/// </summary>
public sealed class AccessMatrix(AccessMatrix.World world) : IClassFixture<AccessMatrix.World>
{
    const string Secret = "Secret of this meeting about Maya"; // no characters that HTML or JSON would escape

    enum Kind { Read, Write, Delete }

    /// <summary>One endpoint: its route as mapped (for the completeness check), how to call it, and who may.</summary>
    sealed record Row(string Name, string Method, string Route, Func<Scene, Visitor, Role, Task<Outcome>> Run, Dictionary<Role, Expect> Expected,
        Kind Kind = Kind.Write, Func<Scene, Task>? Prepare = null, string MeetingType = "ChildProtectionConference", Func<Scene, string>? Shows = null,
        Type? CommandType = null);

    /// <summary>What happened: the status, whether the meeting's secret showed, and whether the answer was "sign in first".</summary>
    public sealed record Outcome(HttpStatusCode Status, bool SawSecret, bool SentToSignIn, string Body, string? Location = null);

    static Dictionary<Role, Expect> Only(params Role[] allowed) =>
        Enum.GetValues<Role>().ToDictionary(r => r, r => allowed.Contains(r) ? Expect.Allow : Expect.Deny);

    static Dictionary<Role, Expect> Everyone() => Only(Enum.GetValues<Role>());

    // A co-facilitator is a signed-in facilitator too, so the facilitators' own pages are theirs.
    static readonly Role[] FacilitatorsOnly = [Facilitator, FacilitatorOfAnotherMeeting, CoFacilitator];
    // Running this meeting: the facilitator who started it and anyone they made co-facilitator.
    static readonly Role[] Chairs = [Facilitator, CoFacilitator];
    // Taking part: admitted participants and the chairs.
    static readonly Role[] Contributors = [Facilitator, CoFacilitator, Participant];

    static Row Get(string route, Func<Scene, string> path, Dictionary<Role, Expect> expected, Func<Scene, string>? shows = null) =>
        new($"GET {route}", "GET", route, (s, v, _) => GetAsync(v, path(s)), expected, Kind.Read, Shows: shows);

    // Pages about the meeting that hold none of its items: its own forms, which post to its address, are what shows.
    static string OwnAddress(Scene s) => $"/m/{s.MeetingId}/";

    /// <summary>
    /// A command, run through the circuit's command entry point (MeetingSession.RunAsync) as each role's
    /// circuit would run it: the user their browser proved, in this meeting.
    /// </summary>
    static Row Cmd<T>(Func<Scene, Actor, DateTimeOffset, T> command, Dictionary<Role, Expect> expected,
        Func<Scene, Task>? prepare = null, string name = "", string type = "ChildProtectionConference") where T : MeetingCommand =>
        new($"{typeof(T).Name}{name}", "CMD", typeof(T).Name, (s, _, r) => RunAsync(s, r, (a, t) => command(s, a, t)), expected, Kind.Write, prepare, type,
            CommandType: typeof(T));

    static readonly Row[] Rows =
    [
        // Pages of the meeting.
        Get("/m/{MeetingId}", s => $"/m/{s.MeetingId}", new(Only(Contributors)) { [InTheLobby] = Expect.Wait }),
        // The room-screen key is the room screen's only credential; everyone else can but guess one.
        new("GET /m/{MeetingId}/screen/{ScreenKey}", "GET", "/m/{MeetingId}/screen/{ScreenKey}",
            (s, v, r) => GetAsync(v, $"/m/{s.MeetingId}/screen/{(r == RoomScreen ? s.ScreenKey : new string('0', 40))}"), Only(RoomScreen), Kind.Read),
        Get("/join/{code}", s => $"/join/{s.JoinCode}", Everyone()),
        Get("/m/{MeetingId}/stages", s => $"/m/{s.MeetingId}/stages", Only(Chairs), OwnAddress),

        // Records and audit: this meeting's facilitators only, everyone else "not found".
        Get("/m/{meetingId}/record", s => $"/m/{s.MeetingId}/record", Only(Chairs)),
        Get("/m/{meetingId}/record/family", s => $"/m/{s.MeetingId}/record/family", Only(Chairs)),
        Get("/m/{meetingId}/record.md", s => $"/m/{s.MeetingId}/record.md", Only(Chairs)),
        Get("/m/{meetingId}/record.txt", s => $"/m/{s.MeetingId}/record.txt", Only(Chairs)),
        Get("/m/{meetingId}/record.json", s => $"/m/{s.MeetingId}/record.json", Only(Chairs)),
        Get("/m/{meetingId}/audit", s => $"/m/{s.MeetingId}/audit", Only(Chairs)),
        Get("/m/{meetingId}/delete", s => $"/m/{s.MeetingId}/delete", Only(Chairs), OwnAddress),
        new("POST /m/{meetingId}/delete", "POST", "/m/{meetingId}/delete", (s, v, _) => PostAsync(v, $"/m/{s.MeetingId}/delete", []), Only(Chairs), Kind.Delete),

        // Changes to the board.
        Cmd((s, a, t) => new AddItem(MeetingHosts.NewId(), "harm", "Added", a, t), Only(Contributors)),
        Cmd((s, a, t) => new EditItem(s.FacilitatorItemId, "Changed", a, t), Only(Chairs), name: " (facilitator's)"),
        Cmd((s, a, t) => new EditItem(s.ParticipantItemId, "Changed", a, t), Only(Contributors), name: " (participant's)"),
        Cmd((s, a, t) => new MoveItem(s.ParticipantItemId, "next-steps", a, t), Only(Chairs)),
        Cmd((s, a, t) => new RemoveItem(s.ParticipantItemId, a, t), Only(Contributors), name: " (participant's)"),
        Cmd((s, a, t) => new RemoveItem(s.FacilitatorItemId, a, t), Only(Chairs), name: " (facilitator's)"),

        // Running the meeting.
        Cmd((s, a, t) => new AdmitParticipant(s.WaitingId, a, t), Only(Chairs)),
        Cmd((s, a, t) => new DeclineParticipant(s.WaitingId, a, t), Only(Chairs)),
        Cmd((s, a, t) => new RemoveParticipant(s.TargetId, a, t), Only(Chairs)),
        Cmd((s, a, t) => new GiveSupervisionRole(s.TargetId, "Presenter", a, t), Only(Chairs), type: "GroupSupervision"),
        Cmd((s, a, t) => new LockMeeting(a, t), Only(Chairs)),
        Cmd((s, a, t) => new UnlockMeeting(a, t), Only(Chairs), prepare: s => s.ChairAsync((a, t) => new LockMeeting(a, t))),
        Cmd((s, a, t) => new CloseMeeting(a, t), Only(Chairs)),

        // Facilitation.
        Cmd((s, a, t) => new GoToStage("plan", a, t), Only(Chairs)),
        Cmd((s, a, t) => new LockBoard(true, a, t), Only(Chairs)),
        Cmd((s, a, t) => new SetCategoryOpen("harm", true, a, t), Only(Chairs), prepare: s => s.ChairAsync((a, t) => new GoToStage("plan", a, t))),
        // Questions are the group's, during the stage that asks them (group supervision's information and mapping).
        Cmd((s, a, t) => new AskQuestion(MeetingHosts.NewId(), "Who lives at home?", a, t), Only(Contributors),
            prepare: s => s.ChairAsync((a, t) => new GoToStage("information", a, t)), type: "GroupSupervision"),
        Cmd((s, a, t) => new AddCoFacilitator(s.World.SpareFacilitatorId, "Sasha Spare", a, t), Only(Chairs)),
        Cmd((s, a, t) => new SpotlightItem(s.ParticipantItemId, a, t), Only(Chairs)),
        Cmd((s, a, t) => new StartTimer("5", "0", a, t), Only(Chairs)),
        Cmd((s, a, t) => new ChangeTimer(TimerAction.Pause, a, t), Only(Chairs), prepare: StartTimerAsync),
        Cmd((s, a, t) => new SetAnonymousRound(true, a, t), Only(Chairs)),
        Cmd((s, a, t) => new StartTurnRound(a, t), Only(Chairs)),
        Cmd((s, a, t) => new EndTurn("p:" + s.ParticipantId, false, a, t), Only(Chairs), prepare: s => s.ChairAsync((a, t) => new StartTurnRound(a, t)), name: " (next)"),
        // The first turn is the participant's own (the first admitted), so passing it is theirs to do.
        Cmd((s, a, t) => new EndTurn("p:" + s.ParticipantId, true, a, t), Only(Contributors), prepare: s => s.ChairAsync((a, t) => new StartTurnRound(a, t)), name: " (pass)"),
        Cmd((s, a, t) => new EndTurnRound(a, t), Only(Chairs), prepare: s => s.ChairAsync((a, t) => new StartTurnRound(a, t))),
        Cmd((s, a, t) => new RecordDecision("A child protection plan", a, t), Only(Chairs)),
        // Everyone taking part gives their own view on the decision; the room screen does not.
        Cmd((s, a, t) => new RecordViewOnDecision("disagree", "Not yet", null, a, t), Only(Contributors),
            prepare: s => s.ChairAsync((a, t) => new RecordDecision("A child protection plan", a, t))),
        Cmd((s, a, t) => new RenameStage("plan", "Planning", a, t), Only(Chairs)),
        Cmd((s, a, t) => new MoveStage("plan", "up", a, t), Only(Chairs)),
        Cmd((s, a, t) => new SkipStage("plan", true, a, t), Only(Chairs)),
        Cmd((s, a, t) => new SetStageCategories("plan", ["harm"], a, t), Only(Chairs)),

        // Practice structure.
        Cmd((s, a, t) => new ChooseWording("SignsOfWellbeing", a, t), Only(Chairs)),
        Cmd((s, a, t) => Statement(a, t), Only(Contributors)),
        Cmd((s, a, t) => new EditDangerStatement(s.StatementId, "Plainer words about Maya.", a, t), Only(Chairs), name: " (facilitator's)"),
        Cmd((s, a, t) => new RemoveDangerStatement(s.StatementId, a, t), Only(Chairs), name: " (facilitator's)"),
        // A disagreement is the family's and others' voice; the chair changes the statement instead.
        Cmd((s, a, t) => new RecordDisagreement(s.StatementId, "That is not what happened.", a, t), Only(Participant)),
        Cmd((s, a, t) => Goal(s.StatementId, a, t), Only(Contributors)),
        Cmd((s, a, t) => new EditSafetyGoal(s.GoalId, "Maya will be safe at home.", a, t), Only(Chairs), name: " (facilitator's)"),
        Cmd((s, a, t) => new RemoveSafetyGoal(s.GoalId, a, t), Only(Chairs), name: " (facilitator's)"),
        Cmd((s, a, t) => new RecordHarm(MeetingHosts.NewId(), "Shouting", "", "", "", "In March", "", "", a, t), Only(Contributors)),
        Cmd((s, a, t) => new RemoveHarm(s.HarmId, a, t), Only(Chairs), name: " (facilitator's)"),
        Cmd((s, a, t) => Step(s.ParticipantId, "Call Pat", a, t), Only(Contributors)),
        Cmd((s, a, t) => new ChangeNextStepStatus(s.MyStepId, "Done", a, t), Only(Contributors), name: " (the participant's own)"),
        Cmd((s, a, t) => new ChangeNextStepStatus(s.OtherStepId, "Done", a, t), Only(Chairs), name: " (someone else's)"),
        Cmd((s, a, t) => new RemoveNextStep(s.OtherStepId, a, t), Only(Chairs), name: " (facilitator's)"),
        // Whether a step needs a manager's sign-off: the chairs, and in group supervision the presenter (here the participant).
        Cmd((s, a, t) => new ChangeNextStepSignOff(s.MyStepId, "true", a, t), Only(Chairs), name: " (conference: chairs only, even on the participant's own step)"),
        Cmd((s, a, t) => new ChangeNextStepSignOff(s.OtherStepId, "true", a, t), Only(Contributors), name: " (group supervision: the participant presents)",
            type: "GroupSupervision", prepare: s => s.ChairAsync((a, t) => new GiveSupervisionRole(s.ParticipantId, "Presenter", a, t))),

        // Scaling: scores from those taking part; the round itself is the chair's.
        Cmd((s, a, t) => new StartRound(MeetingHosts.NewId(), "How safe is Maya?", "Safe", "Not safe", null, a, t), Only(Chairs),
            prepare: s => s.ChairAsync((a, t) => new CloseRound(s.RoundId, a, t))),
        Cmd((s, a, t) => new GiveScore(s.RoundId, 1, "6", "Pat is there", null, a, t), Only(Contributors)),
        Cmd((s, a, t) => new PassRound(s.RoundId, 1, a, t), Only(Contributors)),
        Cmd((s, a, t) => new RecordScoreFor(s.RoundId, 1, MeetingHosts.NewId(), "Nan", "Grandmother", "family", "4", "Worried", null, a, t), Only(Chairs)),
        Cmd((s, a, t) => new RevealRound(s.RoundId, a, t), Only(Chairs)),
        Cmd((s, a, t) => new RerunRound(s.RoundId, a, t), Only(Chairs), prepare: s => s.ChairAsync((a, t) => new RevealRound(s.RoundId, a, t))),
        Cmd((s, a, t) => new CloseRound(s.RoundId, a, t), Only(Chairs)),
        Cmd((s, a, t) => new SetScalingGroup(s.TargetId, "Family", a, t), Only(Chairs)),
        // A case across its meetings: the chairs carry, prepare and show; a carried step is reviewed by a chair or its person.
        Cmd((s, a, t) => new CarryFromLastMeeting(s.Earlier, new DateOnly(2026, 1, 5), [], a, t), Only(Chairs)),
        Cmd((s, a, t) => new ReviewCarriedStep("s-earlier-sam", "done", null, a, t), Only(Contributors), prepare: CarryAsync, name: " (the participant's own)"),
        Cmd((s, a, t) => new ReviewCarriedStep("s-earlier-pat", "done", null, a, t), Only(Chairs), prepare: CarryAsync, name: " (someone else's)"),
        Cmd((s, a, t) => new PrepareBestQuestion(MeetingHosts.NewId(), "What has kept Maya safe?", null, a, t), Only(Chairs)),
        Cmd((s, a, t) => new PrepareScalingQuestion(MeetingHosts.NewId(), "How safe is Maya?", "Safe", "Hurt", null, a, t), Only(Chairs)),
        Cmd((s, a, t) => new RemovePreparedQuestion("q-cell", a, t), Only(Chairs), prepare: PrepareQuestionAsync),
        Cmd((s, a, t) => new CopyPreparedQuestions(s.Earlier, [], a, t), Only(Chairs)),
        Cmd((s, a, t) => new ShowPreparedQuestion("q-cell", a, t), Only(Chairs), prepare: PrepareQuestionAsync),
        Cmd((s, a, t) => new StartPreparedRound("q-cell-scale", MeetingHosts.NewId(), a, t), Only(Chairs),
            prepare: async s => { await s.ChairAsync((a, t) => new CloseRound(s.RoundId, a, t)); await s.ChairAsync((a, t) => new PrepareScalingQuestion("q-cell-scale", "How safe?", "Safe", "Hurt", null, a, t)); }),
        Cmd((s, a, t) => new ShowTrajectory("statement-earlier", a, t), Only(Chairs), prepare: CarryAsync),

        // Issue 17, parts 5 to 8. The presenter's question: the presenter (here the participant) or the chairs, nobody else in the group.
        Cmd((s, a, t) => new MeetingBoard.Facilitation.StatePresenterQuestion("What am I missing?", a, t), Only(Contributors), name: " (the participant presents)",
            type: "GroupSupervision", prepare: s => s.ChairAsync((a, t) => new GiveSupervisionRole(s.ParticipantId, "Presenter", a, t))),
        Cmd((s, a, t) => new MeetingBoard.Facilitation.StatePresenterQuestion("What am I missing?", a, t), Only(Chairs), name: " (someone else presents)",
            type: "GroupSupervision", prepare: s => s.ChairAsync((a, t) => new GiveSupervisionRole(s.TargetId, "Presenter", a, t))),
        // Reflections and appreciations: everyone taking part, their own, in the last stage.
        Cmd((s, a, t) => new MeetingBoard.Facilitation.AddReflection(MeetingHosts.NewId(), "appreciation", "Calm and clear", a, t), Only(Contributors),
            type: "GroupSupervision", prepare: s => s.ChairAsync((a, t) => new GoToStage("reflection", a, t))),
        Cmd((s, a, t) => new MeetingBoard.Facilitation.RemoveReflection("facilitators-reflection", a, t), Only(Chairs), name: " (facilitator's)",
            type: "GroupSupervision", prepare: s => s.ChairAsync((a, t) => new MeetingBoard.Facilitation.AddReflection("facilitators-reflection", "reflection", "Good", a, t))),
        // The safety plan: rules and network from everyone taking part; bottom lines and the testing period are the chairs'.
        Cmd((s, a, t) => new AddPlanRule(MeetingHosts.NewId(), "Pat checks in every evening", "Pat", "Pat calls the social worker", a, t), Only(Contributors)),
        Cmd((s, a, t) => new AddNetworkMember(MeetingHosts.NewId(), "Pat", "Grandmother", "Visits every day", a, t), Only(Contributors)),
        Cmd((s, a, t) => new AddBottomLine(MeetingHosts.NewId(), "Never alone with Jordan", a, t), Only(Chairs)),
        Cmd((s, a, t) => new SetTestingPeriod("1", "6", "2030", a, t), Only(Chairs)),
        Cmd((s, a, t) => new ClearTestingPeriod(a, t), Only(Chairs), prepare: s => s.ChairAsync((a, t) => new SetTestingPeriod("1", "6", "2030", a, t))),
        Cmd((s, a, t) => new RemoveFromSafetyPlan("facilitators-rule", a, t), Only(Chairs), name: " (facilitator's)",
            prepare: s => s.ChairAsync((a, t) => new AddPlanRule("facilitators-rule", "A rule", "Sam", "Pat calls", a, t))),
        // The child's voice: the chairs only, for recording, showing and removing.
        Cmd((s, a, t) => new RecordThreeHouses(MeetingHosts.NewId(), "Maya", "6", "Shouting", "", "", "At school", a, t), Only(Chairs)),
        Cmd((s, a, t) => new ShowThreeHouses(true, a, t), Only(Chairs), prepare: RecordChildAsync),
        Cmd((s, a, t) => new RemoveThreeHouses("maya", a, t), Only(Chairs), prepare: RecordChildAsync),
        // Marking what a chair typed as the family's words.
        Cmd((s, a, t) => new MeetingBoard.Board.MarkFamilysWords(s.FacilitatorItemId, true, a, t), Only(Chairs)),

        // Facilitators' own pages: any signed-in facilitator, nobody else.
        Get("/meetings", _ => "/meetings", Only(FacilitatorsOnly)),
        new("POST /meetings", "POST", "/meetings", (_, v, _) => PostAsync(v, "/meetings", new() { ["meetingId"] = MeetingHosts.NewId(), ["type"] = "GroupSupervision", ["title"] = "Supervision" }),
            Only(FacilitatorsOnly), Kind.Read),
        new("POST /meetings/demo", "POST", "/meetings/demo", (_, v, _) => PostAsync(v, "/meetings/demo", new() { ["meetingId"] = MeetingHosts.NewId() }), Only(FacilitatorsOnly), Kind.Read),
        Get("/facilitators/new", _ => "/facilitators/new", Only(FacilitatorsOnly)),
        new("POST /facilitators/new", "POST", "/facilitators/new", (_, v, _) => PostAsync(v, "/facilitators/new", new()
        {
            ["name"] = "New Colleague", ["email"] = $"{Guid.NewGuid():N}@example.org", ["password"] = "tangerine river blanket song",
        }), Only(FacilitatorsOnly), Kind.Read),
        Get("/account/sessions", _ => "/account/sessions", Only(FacilitatorsOnly)),
        new("POST /account/sessions/end-others", "POST", "/account/sessions/end-others", (_, v, _) => PostAsync(v, "/account/sessions/end-others", new()), Only(FacilitatorsOnly), Kind.Read),

        // A case (Features/Cases): its facilitators and co-facilitators see it; only the one who made it changes who else may, or deletes it.
        Get("/cases/{caseId}", s => $"/cases/{s.CaseId}", Only(Chairs)),
        Get("/cases/{caseId}/record.json", s => $"/cases/{s.CaseId}/record.json", Only(Chairs)),
        Get("/cases/{caseId}/delete", s => $"/cases/{s.CaseId}/delete", Only(Facilitator)),
        new("POST /cases/{caseId}/delete", "POST", "/cases/{caseId}/delete", (s, v, _) => PostAsync(v, $"/cases/{s.CaseId}/delete", []), Only(Facilitator), Kind.Delete),
        new("POST /cases/{caseId}/members", "POST", "/cases/{caseId}/members",
            (s, v, _) => PostAsync(v, $"/cases/{s.CaseId}/members", new() { ["email"] = s.World.SpareFacilitatorEmail }), Only(Facilitator), Kind.Read),
        new("POST /cases/{caseId}/members/remove", "POST", "/cases/{caseId}/members/remove",
            (s, v, _) => PostAsync(v, $"/cases/{s.CaseId}/members/remove", new() { ["accountId"] = s.World.SpareFacilitatorId }), Only(Facilitator), Kind.Read),
        // Preparing questions: this meeting's chairs.
        Get("/m/{meetingId}/prepare", s => $"/m/{s.MeetingId}/prepare", Only(Chairs), OwnAddress),
        new("POST /m/{meetingId}/prepare/best", "POST", "/m/{meetingId}/prepare/best",
            (s, v, _) => PostAsync(v, $"/m/{s.MeetingId}/prepare/best", new() { ["id"] = MeetingHosts.NewId(), ["text"] = "What has kept Maya safe?" }), Only(Chairs)),
        new("POST /m/{meetingId}/prepare/scaling", "POST", "/m/{meetingId}/prepare/scaling",
            (s, v, _) => PostAsync(v, $"/m/{s.MeetingId}/prepare/scaling", new() { ["id"] = MeetingHosts.NewId(), ["text"] = "How safe?", ["tenMeans"] = "Safe", ["zeroMeans"] = "Hurt" }),
            Only(Chairs)),
        new("POST /m/{meetingId}/prepare/remove", "POST", "/m/{meetingId}/prepare/remove",
            (s, v, _) => PostAsync(v, $"/m/{s.MeetingId}/prepare/remove", new() { ["questionId"] = "q-cell" }), Only(Chairs), Prepare: PrepareQuestionAsync),
        // The first meeting of its case: nothing earlier to copy, so an allowed copy changes nothing and goes back to the preparation page.
        new("POST /m/{meetingId}/prepare/copy", "POST", "/m/{meetingId}/prepare/copy", async (s, v, _) =>
            {
                var outcome = await PostAsync(v, $"/m/{s.MeetingId}/prepare/copy", []);
                return outcome.Status == HttpStatusCode.Redirect ? outcome with { Body = outcome.Location ?? "" } : outcome;
            }, Only(Chairs), Kind.Read, Shows: s => $"/m/{s.MeetingId}/prepare"),
        // Public pages.
        Get("/join", _ => "/join", Everyone()),
        Get("/sign-in", _ => "/sign-in", Everyone()),
        Get("/healthz", _ => "/healthz", Everyone()),
    ];

    /// <summary>
    /// Mapped routes with no row above, and why no role matrix fits them. Anything mapped that is in
    /// neither list fails <see cref="EveryMappedEndpointHasAnAccessDecision"/>.
    /// </summary>
    static readonly Dictionary<string, string> Public = new()
    {
        ["GET /"] = "redirects to /join or /meetings; shows nothing",
        ["GET /readyz"] = "health, as /healthz; shows nothing of any meeting",
        ["GET /not-found"] = "the router's not-found page: says nothing of any meeting",
        ["POST /not-found"] = "Blazor maps POST beside GET for its pages; this one has no form",
        ["GET /_framework/opaque-redirect"] = "Blazor's own: turns a redirect during enhanced navigation into a real one; shows nothing",
        ["POST /join"] = "entering a code: public by design, rate limited (LobbyAndLocking)",
        ["POST /join/{code}"] = "asking to join: public by design, lands in the lobby (LobbyAndLocking)",
        ["POST /sign-in"] = "public by design, with back-off and lock-out (Sessions)",
        ["POST /sign-out"] = "ends only the caller's own session (Sessions)",
        ["GET /setup/{token}"] = "the first facilitator's one-time setup link; the token is the credential (Sessions)",
        ["POST /setup/{token}"] = "as above",
        ["POST /account/sessions/{sessionId}/end"] = "ends one of the caller's own sessions only (Sessions)",
        ["GET /sign-in/{provider}"] = "starts a sign-in at a configured provider; 404 for any other name (SigningInWithAnOrganisation)",
        ["GET /sign-in/{provider}/no-access"] = "a fixed message naming the provider and whom to ask; shows nothing of anyone",
        ["GET /sign-in/{provider}/failed"] = "a fixed message for a refused or cancelled provider sign-in; shows nothing of anyone",
        ["GET /sign-out/{provider}/at-provider"] = "signs out at the provider only with a protected, 15-minute link to an ended session (SigningInWithAnOrganisation)",
        ["GET /sign-out/{provider}/done"] = "a fixed message after signing out at the provider",
        ["GET /bench/floor"] = "bench-only (scenario F): 404 for everyone unless MeetingBoard:Benchmarks:Enabled (BenchOnlyPages); shows no meeting",
        ["POST /bench/floor"] = "Blazor maps POST beside GET for its pages; 404 as above",
    };

    public static TheoryData<string, Role> Cells()
    {
        var data = new TheoryData<string, Role>();
        foreach (var row in Rows)
            foreach (var role in Enum.GetValues<Role>())
                data.Add(row.Name, role);
        return data;
    }

    public static int CellCount => Rows.Length * Enum.GetValues<Role>().Length;

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Cell(string endpoint, Role role)
    {
        var row = Rows.Single(r => r.Name == endpoint);
        var expected = row.Expected[role];
        var fresh = row.Kind != Kind.Read && (expected == Expect.Allow || row.Prepare is not null || row.MeetingType != "ChildProtectionConference");
        var scene = fresh ? await world.NewSceneAsync(row.MeetingType) : await world.SharedSceneAsync();
        if (fresh && row.Prepare is not null) await row.Prepare(scene);
        var visitor = await scene.AsAsync(role);
        var before = await world.VersionAsync(scene.MeetingId);

        var outcome = await row.Run(scene, visitor, role);
        var after = await world.VersionAsync(scene.MeetingId);
        var showedMeeting = row.Shows is { } shows ? outcome.Body.Contains(shows(scene), StringComparison.Ordinal) : outcome.SawSecret;
        var body = outcome.Body.Length > 300 ? outcome.Body[..300] : outcome.Body;

        switch (expected)
        {
            case Expect.Allow:
                Assert.True((int)outcome.Status is >= 200 and < 400 && !outcome.SentToSignIn,
                    $"{endpoint} as {role}: expected to be allowed, got {(int)outcome.Status} {body}");
                if (row.Kind == Kind.Read && row.Route.StartsWith("/m/", StringComparison.Ordinal) || row.Method == "HUB")
                    Assert.True(showedMeeting, $"{endpoint} as {role}: allowed, so the meeting must show");
                if (row.Kind == Kind.Write) Assert.True(after > before, $"{endpoint} as {role}: allowed, so the meeting must have changed");
                if (row.Kind == Kind.Delete) Assert.Equal(-1, after);
                break;
            case Expect.Deny:
                Assert.True(outcome.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Unauthorized || outcome.SentToSignIn,
                    $"{endpoint} as {role}: expected to be refused, got {(int)outcome.Status} {body}");
                Assert.False(outcome.SawSecret, $"{endpoint} as {role}: refused, yet the meeting's text was sent");
                Assert.Equal(before, after);
                break;
            case Expect.Wait:
                Assert.True((int)outcome.Status is >= 200 and < 300, $"{endpoint} as {role}: expected the lobby, got {(int)outcome.Status}");
                Assert.False(outcome.SawSecret, $"{endpoint} as {role}: in the lobby, yet the meeting's text was sent");
                Assert.Equal(before, after);
                break;
        }
    }

    [Fact]
    public void EveryCellHasAnExpectation()
    {
        foreach (var row in Rows) Assert.Equal(Enum.GetValues<Role>().Length, row.Expected.Count);
        Assert.Equal(Rows.Length, Rows.Select(r => r.Name).Distinct().Count());
    }

    /// <summary>An endpoint mapped later without a decision about who may use it fails here.</summary>
    [Fact]
    public void EveryMappedEndpointHasAnAccessDecision()
    {
        var mapped = world.App.Services.GetServices<EndpointDataSource>()
            .SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && !raw.StartsWith(HubOrigins.Path, StringComparison.Ordinal))
            // Health checks are mapped for any method; GET is how they are asked.
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Where(e => !e.Contains("{**", StringComparison.Ordinal)) // static files: public by nature
            // Static assets (MapStaticAssets: blazor.web.js, MudBlazor's files, ours): public by nature.
            .Where(e => !e.Contains(" _", StringComparison.Ordinal) && !e.Contains(" css/", StringComparison.Ordinal) && !e.Contains(" js/", StringComparison.Ordinal))
            // Blazor maps POST beside GET for every page, for static forms; the live pages have none, and a POST
            // to one is refused (antiforgery, then "no such form") before any component runs.
            .Where(e => !(e.StartsWith("POST /m/{MeetingId}", StringComparison.Ordinal)))
            .ToHashSet();
        var decided = Rows.Where(r => r.Method != "CMD").Select(r => $"{r.Method} {r.Route}").Concat(Public.Keys).ToHashSet();
        Assert.Empty(mapped.Except(decided).Order());
        Assert.Empty(decided.Except(mapped).Order()); // no stale rows either
        Assert.True(mapped.Count > 20, $"only {mapped.Count} endpoints found: is the data source the app's?");
    }

    /// <summary>
    /// A command added later without a decision about who may send it fails here. Creating a meeting and
    /// asking to join are static forms (their rows are POST /meetings and POST /join/{code}).
    /// </summary>
    [Fact]
    public void EveryCommandHasAnAccessDecision()
    {
        var commands = typeof(MeetingCommand).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(MeetingCommand)) && !t.IsAbstract && t != typeof(CreateMeeting) && t != typeof(AskToJoin));
        var decided = Rows.Where(r => r.CommandType is not null).Select(r => r.CommandType!).ToHashSet();
        Assert.Empty(commands.Where(t => !decided.Contains(t)).Select(t => t.Name).Order());
    }

    static Task StartTimerAsync(Scene s) => s.ChairAsync((a, t) => new StartTimer("5", "0", a, t));
    static Task PrepareQuestionAsync(Scene s) => s.ChairAsync((a, t) => new PrepareBestQuestion("q-cell", "What has kept Maya safe?", null, a, t));
    static Task CarryAsync(Scene s) => s.ChairAsync((a, t) => new CarryFromLastMeeting(s.Earlier, new DateOnly(2026, 1, 5),
        [new PastSeries("statement-earlier", "Danger statement 1", [new SeriesPoint("m-earlier", new DateOnly(2026, 1, 5), "Initial conference", new ScaleSpread(1, 3, 3, 3), null, null)])], a, t));

    static Task RecordChildAsync(Scene s) => s.ChairAsync((a, t) => new RecordThreeHouses("maya", "Maya", "6", "Shouting", "", "", "At school", a, t));

    static AddDangerStatement Statement(Actor a, DateTimeOffset t) =>
        new(MeetingHosts.NewId(), null, "The school", "Jordan shouted at Sam", "Maya hides under her bed", "Maya could be hurt", null, a, t);

    static AddSafetyGoal Goal(string statementId, Actor a, DateTimeOffset t) =>
        new(MeetingHosts.NewId(), statementId, null, "Sam will call Pat", "Maya feels calm", "School sees Maya settled", "six months", a, t);

    static AddNextStep Step(string who, string what, Actor a, DateTimeOffset t) => new(MeetingHosts.NewId(), who, null, what, "1", "6", "2030", a, t);

    /// <summary>Runs a command as the role's circuit would: the user their browser proved, in this meeting.</summary>
    static async Task<Outcome> RunAsync(Scene s, Role role, Func<Actor, DateTimeOffset, MeetingCommand> command)
    {
        await using var circuit = await Circuit.OpenAsync(s.App, await s.UserAsync(role), s.MeetingId, role == RoomScreen ? s.ScreenKey : null);
        var refusal = await circuit.RunAsync(command);
        var status = refusal?.Kind switch
        {
            null => HttpStatusCode.OK,
            RefusalKind.Forbidden => HttpStatusCode.Forbidden,
            RefusalKind.NotFound => HttpStatusCode.NotFound,
            RefusalKind.Conflict => HttpStatusCode.Conflict,
            _ => HttpStatusCode.UnprocessableEntity,
        };
        return new Outcome(status, refusal?.Message.Contains(Secret, StringComparison.Ordinal) == true, false, refusal?.Message ?? "");
    }

    static async Task<Outcome> GetAsync(Visitor v, string path)
    {
        var (status, _, response) = await v.GetAsync(path);
        return await OutcomeOf(status, response);
    }

    static async Task<Outcome> PostAsync(Visitor v, string path, Dictionary<string, string> fields)
    {
        fields["commandId"] = Visitor.NewCommandId();
        var response = await v.PostAsync(path, fields);
        return await OutcomeOf(response.StatusCode, response);
    }

    static async Task<Outcome> OutcomeOf(HttpStatusCode status, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var toSignIn = status == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.StartsWith("/sign-in", StringComparison.Ordinal) == true
            || response.Headers.Location?.AbsolutePath() == "/sign-in";
        return new Outcome(status, body.Contains(Secret, StringComparison.Ordinal), toSignIn, body, response.Headers.Location?.OriginalString);
    }

    /// <summary>One meeting with someone in each role, and one of each thing the endpoints act on.</summary>
    public sealed class Scene
    {
        public required TestApp App { get; init; }
        public required World World { get; init; }
        public required string MeetingId { get; init; }
        public required string JoinCode { get; init; }
        public required string ScreenKey { get; init; }
        public required Visitor Lobby { get; init; }
        public required Visitor Participant { get; init; }
        public required string ParticipantId { get; init; }
        public required Visitor Removed { get; init; }
        public required string WaitingId { get; init; }
        public required string TargetId { get; init; }
        public required string FacilitatorItemId { get; init; }
        public required string ParticipantItemId { get; init; }
        public required string StatementId { get; init; }
        public required string GoalId { get; init; }
        public required string HarmId { get; init; }
        public required string MyStepId { get; init; }
        public required string OtherStepId { get; init; }
        public required string RoundId { get; init; }
        public required string CaseId { get; init; }
        public required MeetingBoard.Meetings.MeetingState State { get; init; }

        /// <summary>An earlier meeting of the same case, with a next step for Sam (the participant), one for Pat, and a prepared question.</summary>
        public MeetingBoard.Meetings.MeetingState Earlier => MeetingBoard.Meetings.MeetingState.Empty with
        {
            Id = "m-earlier",
            Version = 10,
            Title = "Initial conference",
            CaseId = State.CaseId,
            CreatedAt = State.CreatedAt.AddDays(-28),
            Practice = PracticeState.Empty with
            {
                Steps =
                [
                    new NextStep("s-earlier-sam", null, "Sam", "Go to the course", new DateOnly(2026, 2, 1), NextStepStatus.NotStarted, Actor.Facilitator("acc-earlier"), State.CreatedAt.AddDays(-28), null),
                    new NextStep("s-earlier-pat", null, "Pat", "Have the children at weekends", new DateOnly(2026, 2, 1), NextStepStatus.NotStarted, Actor.Facilitator("acc-earlier"), State.CreatedAt.AddDays(-28), null),
                ],
            },
            Continuity = ContinuityState.Empty with
            {
                Prepared = [new PreparedQuestion("q-earlier", PreparedKind.BestQuestion, "Who helps Sam?", null, null, null, null, State.CreatedAt.AddDays(-29), null)],
            },
        };

        /// <summary>Prepares a cell: a command by the meeting's facilitator, which must be carried out.</summary>
        public Task ChairAsync(Func<Actor, DateTimeOffset, MeetingCommand> command) => World.ChairAsync(MeetingId, command);

        /// <summary>Who each role's browser proves itself to be, as a circuit is given it.</summary>
        public async Task<System.Security.Claims.ClaimsPrincipal> UserAsync(Role role) => role switch
        {
            Anonymous or RoomScreen => Circuit.Anonymous,
            InTheLobby => Circuit.ParticipantOf(App, Lobby),
            Role.Participant => Circuit.ParticipantOf(App, Participant),
            ParticipantOfAnotherMeeting => Circuit.ParticipantOf(App, World.OtherParticipant),
            RemovedParticipant => Circuit.ParticipantOf(App, Removed),
            FacilitatorOfAnotherMeeting => await Circuit.FacilitatorAsync(App, World.OtherFacilitatorEmail),
            CoFacilitator => await Circuit.FacilitatorAsync(App, World.CoFacilitatorEmail),
            _ => await Circuit.FacilitatorAsync(App, World.FacilitatorEmail),
        };

        public async Task<Visitor> AsAsync(Role role)
        {
            var visitor = role switch
            {
                Anonymous or RoomScreen => new Visitor(App),
                InTheLobby => Lobby,
                Role.Participant => Participant,
                ParticipantOfAnotherMeeting => World.OtherParticipant,
                RemovedParticipant => Removed,
                FacilitatorOfAnotherMeeting => World.OtherFacilitator,
                CoFacilitator => World.CoFacilitator,
                _ => World.Facilitator,
            };
            await visitor.GetAsync("/join"); // a page, for a current antiforgery token
            return visitor;
        }
    }

    public sealed class World : IAsyncLifetime
    {
        public TestApp App { get; } = TestApp.Start(new Dictionary<string, string?> { ["MeetingBoard:JoinsPerCodeAllowed"] = "1000" });
        MeetingScenario other = default!;
        Scene? shared;
        public Visitor Facilitator { get; }
        public Visitor CoFacilitator { get; }
        public string FacilitatorEmail { get; private set; } = "";
        public string CoFacilitatorEmail { get; private set; } = "";
        public string OtherFacilitatorEmail => other.Account.Email;
        /// <summary>A facilitator account made co-facilitator of no scene, for the cell that adds one.</summary>
        public string SpareFacilitatorId { get; private set; } = "";
        public string SpareFacilitatorEmail { get; private set; } = "";
        public Visitor OtherFacilitator => other.Facilitator;
        public Visitor OtherParticipant { get; private set; } = default!;

        public World()
        {
            Facilitator = new Visitor(App);
            CoFacilitator = new Visitor(App);
        }

        public async Task InitializeAsync()
        {
            var (email, password) = await App.AddFacilitatorAsync();
            FacilitatorEmail = email;
            await Facilitator.SignInAsync(email, password);
            (CoFacilitatorEmail, password) = await App.AddFacilitatorAsync("Robin Co");
            await CoFacilitator.SignInAsync(CoFacilitatorEmail, password);
            var (spare, _) = await App.AddFacilitatorAsync("Sasha Spare");
            SpareFacilitatorId = (await App.Services.GetRequiredService<IAccountStore>().FindByEmailAsync(spare))!.Id;
            SpareFacilitatorEmail = spare;
            other = await MeetingScenario.StartAsync(App, "Another meeting");
            (OtherParticipant, _) = await other.AdmitAsync("Outsider", "Other meeting");
        }

        public async Task ChairAsync(string meetingId, Func<Actor, DateTimeOffset, MeetingCommand> command)
        {
            await using var circuit = await Circuit.OpenAsync(App, await Circuit.FacilitatorAsync(App, FacilitatorEmail), meetingId);
            if (await circuit.RunAsync(command) is { } refusal) throw new InvalidOperationException($"Preparing: {refusal.Message}");
        }

        /// <summary>The meeting's event count, or -1 once it has been deleted.</summary>
        public async Task<long> VersionAsync(string meetingId) =>
            await App.Services.GetRequiredService<MeetingHosts>().FindAsync(meetingId) is { } host ? (await host.CatchUpAsync()).Version : -1;

        public async Task<Scene> SharedSceneAsync() => shared ??= await NewSceneAsync("ChildProtectionConference");

        public async Task<Scene> NewSceneAsync(string type)
        {
            var (meetingId, code) = await Facilitator.CreateMeetingAsync(type: type);
            var scenario = new MeetingScenario { App = App, Facilitator = Facilitator, MeetingId = meetingId, JoinCode = code, Account = (FacilitatorEmail, "") };
            Task Chair(Func<Actor, DateTimeOffset, MeetingCommand> command) => ChairAsync(meetingId, command);
            await scenario.AddItemAsync(Facilitator, "harm", Secret);
            var (lobby, _) = await scenario.AskToJoinAsync("Lee", "Waiting");
            var (_, waitingId) = await scenario.AskToJoinAsync("Jordan", "Waiting too");
            var (participant, participantId) = await scenario.AdmitAsync("Sam", "Mum");
            var (target, targetId) = await scenario.AdmitAsync("Pat", "Grandmother");
            await scenario.AddItemAsync(participant, "existing-safety", "Sam's own item");
            var (removed, removedId) = await scenario.AdmitAsync("Alex", "Removed");
            await Chair((a, t) => new RemoveParticipant(removedId, a, t));
            var coId = (await App.Services.GetRequiredService<IAccountStore>().FindByEmailAsync(CoFacilitatorEmail))!.Id;
            await Chair((a, t) => new AddCoFacilitator(coId, "Robin Co", a, t));
            await Chair(Statement);
            var mid = await (await App.Services.GetRequiredService<MeetingHosts>().FindAsync(meetingId))!.CatchUpAsync();
            var statementId = mid.Practice.Statements.Single().Id;
            await Chair((a, t) => Goal(statementId, a, t));
            await Chair((a, t) => new RecordHarm(MeetingHosts.NewId(), "Shouting", "", "", "", "In March", "", "", a, t));
            await Chair((a, t) => Step(participantId, "Call Pat", a, t));
            await Chair((a, t) => Step(targetId, "Visit school", a, t));
            var roundId = MeetingHosts.NewId();
            await Chair((a, t) => new StartRound(roundId, "How safe is Maya?", "Safe", "Not safe", null, a, t));
            if (await scenario.RunAsync(target, (a, t) => new GiveScore(roundId, 1, "5", "Pat is there", null, a, t)) is { } refused)
                throw new InvalidOperationException(refused.Message);
            target.Dispose();

            var state = await (await App.Services.GetRequiredService<MeetingHosts>().FindAsync(meetingId))!.CatchUpAsync();
            return new Scene
            {
                App = App,
                World = this,
                MeetingId = meetingId,
                JoinCode = code,
                ScreenKey = state.ScreenKey,
                Lobby = lobby,
                Participant = participant,
                ParticipantId = participantId,
                Removed = removed,
                WaitingId = waitingId,
                TargetId = targetId,
                FacilitatorItemId = state.Items.Single(i => i.Author.Kind == MeetingBoard.Meetings.ActorKind.Facilitator).Id,
                ParticipantItemId = state.Items.Single(i => i.Author.Kind == MeetingBoard.Meetings.ActorKind.Participant).Id,
                StatementId = statementId,
                GoalId = state.Practice.Goals.Single().Id,
                HarmId = state.Practice.Harm.Single().Id,
                MyStepId = state.Practice.Steps.Single(s => s.Action == "Call Pat").Id,
                OtherStepId = state.Practice.Steps.Single(s => s.Action == "Visit school").Id,
                RoundId = roundId,
                CaseId = (await App.Services.GetRequiredService<ICaseStore>().CaseOfMeetingAsync(meetingId))!,
                State = state,
            };
        }

        public async Task DisposeAsync()
        {
            Facilitator.Dispose();
            CoFacilitator.Dispose();
            OtherParticipant.Dispose();
            await other.DisposeAsync(); // disposes the app too
        }
    }
}

static class UriExtensions
{
    public static string AbsolutePath(this Uri uri) => uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
}