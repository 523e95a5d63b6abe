using System.Net;
using System.Text;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Board;
using StatePresenterQuestion = MeetingBoard.Facilitation.StatePresenterQuestion;
using AddReflection = MeetingBoard.Facilitation.AddReflection;
using RemoveReflection = MeetingBoard.Facilitation.RemoveReflection;
using MeetingBoard.Scaling;
using MeetingBoard.Web.Live;
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
using GiveSupervisionRole = MeetingBoard.Facilitation.GiveSupervisionRole;
using RenameStage = MeetingBoard.Facilitation.RenameStage;
using MoveStage = MeetingBoard.Facilitation.MoveStage;
using SkipStage = MeetingBoard.Facilitation.SkipStage;
using SetStageCategories = MeetingBoard.Facilitation.SetStageCategories;
using MeetingBoard.Web.Storage;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBoard.Web.Tests.Security;

/// <summary>
/// Hostile and odd input against every write endpoint, sent by someone allowed to write there so that
/// validation, not access control, is what answers. Never a 5xx. Refused input: a 4xx with a message,
/// and nothing stored. Acceptable input (emoji, markup as text, other scripts): stored exactly as typed
/// (after Unicode NFC normalisation) and shown escaped.
/// </summary>
public sealed class BadInputCorpus(BadInputCorpus.World world) : IClassFixture<BadInputCorpus.World>
{
    /// <summary>Typed values. Acceptable ones must be kept in free-text fields; every value is refused in the other fields.</summary>
    public static readonly (string Label, string Value, bool Acceptable)[] Values =
    [
        ("empty", "", false),
        ("only spaces", "   \t  ", false),
        ("oversized (20,000 characters)", new string('x', 20_000), false),
        ("NUL", "a\u0000b", false),
        ("bell and escape", "bell\u0007 \u001b[31mred", false),
        ("right-to-left override", "invoice\u202Egnp.exe", false),
        ("isolate controls", "\u2066hidden\u2069", false),
        ("only zero-width", "\u200B\u200B\u200B", false),
        ("Zalgo", "Z" + new string('\u0336', 12) + "algo", false),
        ("emoji", "Sam said 👩‍👧‍👦 ❤️ 🏳️‍🌈", true),
        ("zero-width inside a word", "Pat\u200Bsy", true),
        ("combining accent", "Cafe\u0301 with Zoe\u0308", true),
        ("other scripts", "Мария 玛丽亚 مريم", true),
        ("script tag", "<script>alert(1)</script>", true),
        ("image onerror", "<img src=x onerror=alert(1)>", true),
        ("Markdown link", "[click](javascript:alert(1)) **bold** # heading", true),
        ("SQL", "'; DROP TABLE events; --", true),
        ("template", "{{7*7}} ${7*7} @(7*7)", true),
    ];

    /// <summary>Fields that may be left empty: blank there is acceptable, and stored as nothing.</summary>
    static readonly string[] Optional = ["caseReference", "for", "safetyInPlace", "howLong", "howOften", "first", "worst", "last", "otherName", "oneHigher", "why",
        "worries", "goodThings", "dreams"];

    /// <summary>Whole requests that are wrong whatever the fields say.</summary>
    public static readonly string[] Bodies =
    [
        "no antiforgery token", "wrong antiforgery token", "JSON", "text/plain", "no body", "over 64 KB",
        "malformed encoding", "broken multipart", "the same field twice", "5,000 fields",
    ];

    sealed record Endpoint(string Name, Func<World, string> Path, Func<World, Visitor> Who, Func<Dictionary<string, string>> Valid,
        string[] TextFields, Func<World, string, Dictionary<string, string>, Task<bool>>? Stored = null, Func<World, Task>? Before = null);

    /// <summary>
    /// One command as a circuit's form sends it: its typed fields by name, who sends it (someone allowed
    /// to), and how the command is built from the fields. Sent through the command entry point.
    /// </summary>
    sealed record Command(Type Type, Func<World, Visitor> Who, Func<Dictionary<string, string>> Valid, string[] TextFields,
        Func<World, Dictionary<string, string>, Actor, DateTimeOffset, MeetingCommand> Build,
        Func<World, string, Dictionary<string, string>, Task<bool>>? Stored = null, Func<World, Task>? Before = null, string Name = "", bool Supervision = false)
    {
        public string Label => Type.Name + Name;
    }

    static Command Cmd<T>(Func<World, Visitor> who, Func<Dictionary<string, string>> valid, string[] text,
        Func<World, Dictionary<string, string>, Actor, DateTimeOffset, T> build,
        Func<World, string, Dictionary<string, string>, Task<bool>>? stored = null, Func<World, Task>? before = null, string name = "", bool supervision = false) where T : MeetingCommand =>
        new(typeof(T), who, valid, text, (w, f, a, t) => build(w, f, a, t), stored, before, name, supervision);

    static string? F(Dictionary<string, string> f, string name) => f.TryGetValue(name, out var v) ? v : null;

    static string Kept(Dictionary<string, string> f, string field) => f[field].Normalize().Trim();

    static Dictionary<string, string> Statement() => new()
    {
        ["who"] = "The school", ["behaviour"] = "Jordan shouted", ["impact"] = "Maya hides", ["ifNothingChanges"] = "Maya could be hurt",
    };

    /// <summary>The world of the running test, for the valid form that names one of its statements.</summary>
    static World? Current;

    static Dictionary<string, string> Goal(World? w) => new()
    {
        ["statementId"] = w?.StatementId ?? "", ["carersWillDo"] = "Sam will call", ["childWillExperience"] = "Maya calm",
        ["professionalsWillSee"] = "School sees it", ["howLong"] = "six months",
    };

    static readonly Command[] Commands =
    [
        Cmd(w => w.Participant, () => new() { ["category"] = "harm", ["text"] = "Fine" }, ["text"],
            (w, f, a, t) => new AddItem(MeetingHosts.NewId(), F(f, "category"), F(f, "text"), a, t),
            async (w, field, f) => (await w.StateAsync()).Items.Any(i => i.Text == f["text"].Normalize())),
        Cmd(w => w.Participant, () => new() { ["text"] = "Fine" }, ["text"], (w, f, a, t) => new EditItem(w.ItemId, F(f, "text"), a, t),
            async (w, field, f) => (await w.StateAsync()).FindItem(w.ItemId)!.Text == f["text"].Normalize()),
        Cmd(w => w.Facilitator, () => new() { ["category"] = "next-steps" }, [], (w, f, a, t) => new MoveItem(w.ItemId, F(f, "category"), a, t)),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new RemoveItem(w.OtherItemId, a, t)),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new AdmitParticipant(w.WaitingId, a, t)),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new DeclineParticipant(w.WaitingId, a, t)),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new RemoveParticipant(w.WaitingId, a, t)),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new LockMeeting(a, t)),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new UnlockMeeting(a, t)),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new CloseMeeting(a, t)),
        // Facilitation.
        Cmd(w => w.Facilitator, () => new() { ["stageId"] = "plan" }, [], (w, f, a, t) => new GoToStage(F(f, "stageId"), a, t)),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new LockBoard(true, a, t)),
        Cmd(w => w.Facilitator, () => new() { ["category"] = "harm" }, [], (w, f, a, t) => new SetCategoryOpen(F(f, "category"), true, a, t)),
        // Questions open only in group supervision's information stage; here their text is refused for the stage first.
        Cmd(w => w.Participant, () => new() { ["text"] = "Who lives at home?" }, [], (w, f, a, t) => new AskQuestion(MeetingHosts.NewId(), F(f, "text"), a, t)),
        // The form looks the account up by email first; what reaches the command is the account found (or none).
        Cmd(w => w.Facilitator, () => new() { ["name"] = "Nobody" }, [], (w, f, a, t) => new AddCoFacilitator(null, F(f, "name"), a, t)),
        Cmd(w => w.Facilitator, () => new() { ["itemId"] = "" }, [], (w, f, a, t) => new SpotlightItem(F(f, "itemId") is { Length: > 0 } id ? id : null, a, t)),
        Cmd(w => w.Facilitator, () => new() { ["minutes"] = "5", ["seconds"] = "0" }, [], (w, f, a, t) => new StartTimer(F(f, "minutes"), F(f, "seconds"), a, t)),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new ChangeTimer(TimerAction.Pause, a, t)),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new SetAnonymousRound(true, a, t)),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new StartTurnRound(a, t)),
        Cmd(w => w.Participant, () => new() { ["speaker"] = "p:x" }, [], (w, f, a, t) => new EndTurn(F(f, "speaker"), true, a, t)),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new EndTurnRound(a, t)),
        Cmd(w => w.Facilitator, () => new() { ["text"] = "Fine decision" }, ["text"], (w, f, a, t) => new RecordDecision(F(f, "text"), a, t),
            async (w, field, f) => (await w.StateAsync()).Facilitation.Decision?.Text == Kept(f, field)),
        Cmd(w => w.Participant, () => new() { ["view"] = "disagree", ["why"] = "Fine" }, ["why"],
            (w, f, a, t) => new RecordViewOnDecision(F(f, "view"), F(f, "why"), null, a, t),
            async (w, field, f) => (await w.StateAsync()).Facilitation.Decision!.Views.Any(v => (v.Reason ?? "") == Kept(f, field)),
            before: w => w.DecideAsync()),
        Cmd(w => w.Facilitator, () => new() { ["role"] = "Presenter" }, [], (w, f, a, t) => new GiveSupervisionRole(w.ParticipantId, F(f, "role"), a, t)),
        Cmd(w => w.Facilitator, () => new() { ["title"] = "Fine" }, ["title"], (w, f, a, t) => new RenameStage("plan", F(f, "title"), a, t),
            async (w, field, f) => MeetingBoard.Facilitation.Facilitating.FindStage(await w.StateAsync(), "plan")!.Title == Kept(f, field)),
        Cmd(w => w.Facilitator, () => new() { ["direction"] = "up" }, [], (w, f, a, t) => new MoveStage("plan", F(f, "direction"), a, t)),
        Cmd(w => w.Facilitator, () => new() { ["stageId"] = "plan" }, [], (w, f, a, t) => new SkipStage(F(f, "stageId") ?? "", true, a, t)),
        Cmd(w => w.Facilitator, () => new() { ["categories"] = "harm" }, [], (w, f, a, t) => new SetStageCategories("plan", [F(f, "categories") ?? ""], a, t)),

        // Practice structure.
        Cmd(w => w.Facilitator, () => new() { ["wording"] = "SignsOfWellbeing" }, [], (w, f, a, t) => new ChooseWording(F(f, "wording"), a, t)),
        Cmd(w => w.Participant, Statement, ["who", "behaviour", "impact", "ifNothingChanges", "safetyInPlace"],
            (w, f, a, t) => new AddDangerStatement(MeetingHosts.NewId(), null, F(f, "who"), F(f, "behaviour"), F(f, "impact"), F(f, "ifNothingChanges"), F(f, "safetyInPlace"), a, t)),
        Cmd(w => w.Facilitator, () => new() { ["sentence"] = "Fine" }, ["sentence"], (w, f, a, t) => new EditDangerStatement(w.StatementId, F(f, "sentence"), a, t),
            async (w, field, f) => (await w.StateAsync()).Practice.FindStatement(w.StatementId)!.Sentence == Kept(f, field)),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new RemoveDangerStatement(w.StatementId, a, t)),
        Cmd(w => w.Participant, () => new() { ["view"] = "Fine" }, ["view"], (w, f, a, t) => new RecordDisagreement(w.StatementId, F(f, "view"), a, t),
            async (w, field, f) => (await w.StateAsync()).Practice.FindStatement(w.StatementId)!.Disagreements.Any(d => d.View == Kept(f, field))),
        Cmd(w => w.Participant, () => Goal(Current), ["carersWillDo", "childWillExperience", "professionalsWillSee"],
            (w, f, a, t) => new AddSafetyGoal(MeetingHosts.NewId(), F(f, "statementId"), null, F(f, "carersWillDo"), F(f, "childWillExperience"), F(f, "professionalsWillSee"), F(f, "howLong"), a, t)),
        Cmd(w => w.Facilitator, () => new() { ["sentence"] = "Fine" }, ["sentence"], (w, f, a, t) => new EditSafetyGoal(w.GoalId, F(f, "sentence"), a, t),
            async (w, field, f) => (await w.StateAsync()).Practice.FindGoal(w.GoalId)!.Sentence == Kept(f, field)),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new RemoveSafetyGoal(w.GoalId, a, t)),
        Cmd(w => w.Participant, () => new() { ["behaviour"] = "Shouting", ["worst"] = "In March" }, ["behaviour", "worst"],
            (w, f, a, t) => new RecordHarm(MeetingHosts.NewId(), F(f, "behaviour"), F(f, "howLong"), F(f, "howOften"), F(f, "first"), F(f, "worst"), F(f, "last"), F(f, "impact"), a, t),
            async (w, field, f) => (await w.StateAsync()).Practice.Harm.Any(h => (field == "behaviour" ? h.Behaviour : h.Worst) == Kept(f, field))),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new RemoveHarm(w.HarmId, a, t)),
        Cmd(w => w.Participant, () => new() { ["who"] = "someone-else", ["otherName"] = "Nan", ["what"] = "Call Pat", ["dueDay"] = "1", ["dueMonth"] = "6", ["dueYear"] = "2030" }, ["what"],
            (w, f, a, t) => new AddNextStep(MeetingHosts.NewId(), F(f, "who"), F(f, "otherName"), F(f, "what"), F(f, "dueDay"), F(f, "dueMonth"), F(f, "dueYear"), a, t),
            async (w, field, f) => (await w.StateAsync()).Practice.Steps.Any(s => s.Action == Kept(f, field))),
        Cmd(w => w.Participant, () => new() { ["status"] = "Done" }, [], (w, f, a, t) => new ChangeNextStepStatus(w.StepId, F(f, "status"), a, t)),
        Cmd(w => w.Facilitator, () => new() { ["needsSignOff"] = "true" }, [], (w, f, a, t) => new ChangeNextStepSignOff(w.StepId, F(f, "needsSignOff"), a, t)),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new RemoveNextStep(w.StepId, a, t)),

        // Scaling. Starting a round needs the last one closed, so each command comes after closing it.
        Cmd(w => w.Facilitator, () => new() { ["question"] = "How safe?", ["tenMeans"] = "Safe", ["zeroMeans"] = "Not safe" }, ["question", "tenMeans", "zeroMeans"],
            (w, f, a, t) => new StartRound(MeetingHosts.NewId(), F(f, "question"), F(f, "tenMeans"), F(f, "zeroMeans"), null, a, t),
            async (w, field, f) => (await w.StateAsync()).Scaling.Rounds.Any(r => (field == "question" ? r.Question : field == "tenMeans" ? r.TenMeans : r.ZeroMeans) == Kept(f, field)),
            before: w => w.CloseOpenRoundAsync()),
        Cmd(w => w.Participant, () => new() { ["score"] = "6", ["reason"] = "Fine" }, ["reason"],
            (w, f, a, t) => new GiveScore(w.RoundId, 1, F(f, "score"), F(f, "reason"), F(f, "oneHigher"), a, t)),
        Cmd(w => w.Participant, () => new(), [], (w, f, a, t) => new PassRound(w.RoundId, 1, a, t)),
        Cmd(w => w.Facilitator, () => new() { ["name"] = "Nan", ["role"] = "Gran", ["group"] = "family", ["score"] = "4", ["reason"] = "Fine" }, ["name", "role", "reason"],
            (w, f, a, t) => new RecordScoreFor(w.RoundId, 1, MeetingHosts.NewId(), F(f, "name"), F(f, "role"), F(f, "group"), F(f, "score"), F(f, "reason"), F(f, "oneHigher"), a, t)),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new RevealRound(w.RoundId, a, t)),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new RerunRound(w.RoundId, a, t)),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new CloseRound(w.RoundId, a, t)),
        Cmd(w => w.Facilitator, () => new() { ["group"] = "family" }, [], (w, f, a, t) => new SetScalingGroup(w.ParticipantId, F(f, "group"), a, t)),

        // Issue 17, parts 5 to 8. The presenter's question and reflections belong to group supervision, so they run in one.
        Cmd(w => w.Facilitator, () => new() { ["text"] = "What am I missing?" }, ["text"], (w, f, a, t) => new StatePresenterQuestion(F(f, "text"), a, t),
            async (w, field, f) => (await w.StateAsync()).Supervision.Question?.Text == Kept(f, field), supervision: true),
        Cmd(w => w.Facilitator, () => new() { ["kind"] = "appreciation", ["text"] = "Calm and clear" }, ["text"],
            (w, f, a, t) => new AddReflection(MeetingHosts.NewId(), F(f, "kind"), F(f, "text"), a, t),
            async (w, field, f) => (await w.StateAsync()).Supervision.Reflections.Any(r => r.Text == Kept(f, field)), supervision: true),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new RemoveReflection("none", a, t), supervision: true),
        Cmd(w => w.Participant, () => new() { ["rule"] = "A rule", ["whoMakesSure"] = "Sam", ["ifBroken"] = "Pat calls" }, ["rule", "whoMakesSure", "ifBroken"],
            (w, f, a, t) => new AddPlanRule(MeetingHosts.NewId(), F(f, "rule"), F(f, "whoMakesSure"), F(f, "ifBroken"), a, t),
            async (w, field, f) => (await w.StateAsync()).SafetyPlan.Rules.Any(r => (field == "rule" ? r.Rule : field == "whoMakesSure" ? r.WhoMakesSure : r.IfBroken) == Kept(f, field))),
        Cmd(w => w.Participant, () => new() { ["name"] = "Pat", ["relationship"] = "Grandmother", ["willDo"] = "Visits" }, ["name", "relationship", "willDo"],
            (w, f, a, t) => new AddNetworkMember(MeetingHosts.NewId(), F(f, "name"), F(f, "relationship"), F(f, "willDo"), a, t),
            async (w, field, f) => (await w.StateAsync()).SafetyPlan.Network.Any(m => (field == "name" ? m.Name : field == "relationship" ? m.Relationship : m.WillDo) == Kept(f, field))),
        Cmd(w => w.Facilitator, () => new() { ["text"] = "Never alone with Jordan" }, ["text"], (w, f, a, t) => new AddBottomLine(MeetingHosts.NewId(), F(f, "text"), a, t),
            async (w, field, f) => (await w.StateAsync()).SafetyPlan.BottomLines.Any(b => b.Text == Kept(f, field))),
        Cmd(w => w.Facilitator, () => new() { ["day"] = "1", ["month"] = "6", ["year"] = "2030" }, [], (w, f, a, t) => new SetTestingPeriod(F(f, "day"), F(f, "month"), F(f, "year"), a, t)),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new ClearTestingPeriod(a, t)),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new RemoveFromSafetyPlan("none", a, t)),
        Cmd(w => w.Facilitator, () => new() { ["name"] = "Maya", ["age"] = "6", ["worries"] = "Shouting", ["goodThings"] = "Nan", ["dreams"] = "Kindness", ["howGathered"] = "At school" },
            ["name", "worries", "goodThings", "dreams", "howGathered"],
            (w, f, a, t) => new RecordThreeHouses(MeetingHosts.NewId(), F(f, "name"), F(f, "age"), F(f, "worries"), F(f, "goodThings"), F(f, "dreams"), F(f, "howGathered"), a, t),
            async (w, field, f) => (await w.StateAsync()).ThreeHouses.Children.Any(c =>
                (field switch { "name" => c.Name, "worries" => c.Worries, "goodThings" => c.GoodThings, "dreams" => c.Dreams, _ => c.HowGathered }) == Kept(f, field))),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new ShowThreeHouses(false, a, t)),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new RemoveThreeHouses("none", a, t)),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new MarkFamilysWords(w.OtherItemId, true, a, t)),
        // A case across its meetings. This world's meeting is the first of its case: nothing before it to carry or copy.
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new MeetingBoard.Cases.CarryFromLastMeeting(MeetingBoard.Meetings.MeetingState.Empty, default, [], a, t)),
        Cmd(w => w.Facilitator, () => new(), [], (w, f, a, t) => new MeetingBoard.Cases.CopyPreparedQuestions(MeetingBoard.Meetings.MeetingState.Empty, [], a, t)),
        // No step was carried into this world's meeting: each value is refused for that first (Core's ReviewingNextSteps checks the words).
        Cmd(w => w.Participant, () => new() { ["outcome"] = "done", ["why"] = "Fine" }, [],
            (w, f, a, t) => new MeetingBoard.Cases.ReviewCarriedStep(w.StepId, F(f, "outcome"), F(f, "why"), a, t)),
        Cmd(w => w.Facilitator, () => new() { ["text"] = "What helps Sam?", ["for"] = "Strengths" }, ["text", "for"],
            (w, f, a, t) => new MeetingBoard.Cases.PrepareBestQuestion(MeetingHosts.NewId(), F(f, "text"), F(f, "for"), a, t),
            async (w, field, f) => (await w.StateAsync()).Continuity.Prepared.Any(q => (field == "text" ? q.Text : q.For ?? "") == Kept(f, field))),
        Cmd(w => w.Facilitator, () => new() { ["text"] = "How safe?", ["tenMeans"] = "Safe", ["zeroMeans"] = "Hurt", ["statementId"] = "" }, ["text", "tenMeans", "zeroMeans"],
            (w, f, a, t) => new MeetingBoard.Cases.PrepareScalingQuestion(MeetingHosts.NewId(), F(f, "text"), F(f, "tenMeans"), F(f, "zeroMeans"), F(f, "statementId"), a, t),
            async (w, field, f) => (await w.StateAsync()).Continuity.Prepared.Any(q => (field == "text" ? q.Text : field == "tenMeans" ? q.TenMeans : q.ZeroMeans) == Kept(f, field))),
        Cmd(w => w.Facilitator, () => new() { ["questionId"] = "q-none" }, [], (w, f, a, t) => new MeetingBoard.Cases.RemovePreparedQuestion(F(f, "questionId") ?? "", a, t)),
        Cmd(w => w.Facilitator, () => new() { ["questionId"] = "q-none" }, [], (w, f, a, t) => new MeetingBoard.Cases.ShowPreparedQuestion(F(f, "questionId"), a, t)),
        Cmd(w => w.Facilitator, () => new() { ["questionId"] = "q-none" }, [], (w, f, a, t) => new MeetingBoard.Cases.StartPreparedRound(F(f, "questionId") ?? "", MeetingHosts.NewId(), a, t)),
        Cmd(w => w.Facilitator, () => new() { ["seriesKey"] = "statement-none" }, [], (w, f, a, t) => new MeetingBoard.Cases.ShowTrajectory(F(f, "seriesKey"), a, t)),
    ];

    /// <summary>The static forms that remain (they set cookies or leave the live pages), posted as a browser posts them.</summary>
    static readonly Endpoint[] Endpoints =
    [
        new("POST /m/{id}/delete", w => $"/m/{w.MeetingId}/delete", w => w.Facilitator, () => new(), []),
        new("POST /join", _ => "/join", w => w.Stranger, () => new() { ["code"] = "" }, []),
        new("POST /join/{code}", w => $"/join/{w.JoinCode}", w => w.Stranger,
            () => new() { ["participantId"] = MeetingHosts.NewId(), ["secret"] = NewSecret(), ["name"] = "Fine", ["role"] = "Fine" }, ["name", "role"],
            async (w, field, f) => (await w.StateAsync()).Participants.Any(p => (field == "name" ? p.Name : p.Role) == f[field].Normalize())),
        new("POST /meetings", _ => "/meetings", w => w.Facilitator,
            () => new() { ["meetingId"] = MeetingHosts.NewId(), ["type"] = "GroupSupervision", ["title"] = "Fine", ["caseReference"] = $"Fine {Guid.NewGuid():N}"[..13] }, ["title", "caseReference"],
            async (w, field, f) => await w.App.Services.GetRequiredService<MeetingHosts>().FindAsync(f["meetingId"]) is { } h
                && (field == "title" ? h.State.Title : h.State.CaseReference ?? "") == f[field].Normalize().Trim()),
        new("POST /meetings/demo", _ => "/meetings/demo", w => w.Facilitator, () => new() { ["meetingId"] = MeetingHosts.NewId() }, []),
        new("POST /facilitators/new", _ => "/facilitators/new", w => w.Facilitator,
            () => new() { ["name"] = "Fine", ["email"] = $"{Guid.NewGuid():N}@example.org", ["password"] = "tangerine river blanket song" }, ["name"],
            async (w, field, f) => (await w.App.Services.GetRequiredService<IAccountStore>().FindByEmailAsync(f["email"]))?.Name == f["name"].Normalize()),
        new("POST /sign-in", _ => "/sign-in", w => w.Stranger, () => new() { ["email"] = "nobody@example.org", ["password"] = "not a password at all" }, []),
        new("POST /account/sessions/{id}/end", _ => $"/account/sessions/{new string('0', 64)}/end", w => w.Facilitator, () => new(), []),
        new("POST /account/sessions/end-others", _ => "/account/sessions/end-others", w => w.Facilitator, () => new(), []),
        // Preparing questions and the case's page (Features/Cases).
        new("POST /m/{id}/prepare/best", w => $"/m/{w.MeetingId}/prepare/best", w => w.Facilitator,
            () => new() { ["id"] = MeetingHosts.NewId(), ["text"] = "What helps Sam?", ["for"] = "Strengths" }, ["text", "for"],
            async (w, field, f) => (await w.StateAsync()).Continuity.Prepared.Any(q => (field == "text" ? q.Text : q.For ?? "") == Kept(f, field))),
        new("POST /m/{id}/prepare/scaling", w => $"/m/{w.MeetingId}/prepare/scaling", w => w.Facilitator,
            () => new() { ["id"] = MeetingHosts.NewId(), ["text"] = "How safe?", ["tenMeans"] = "Safe", ["zeroMeans"] = "Hurt", ["statementId"] = "" }, ["text", "tenMeans", "zeroMeans"],
            async (w, field, f) => (await w.StateAsync()).Continuity.Prepared.Any(q => (field == "text" ? q.Text : field == "tenMeans" ? q.TenMeans : q.ZeroMeans) == Kept(f, field))),
        new("POST /m/{id}/prepare/remove", w => $"/m/{w.MeetingId}/prepare/remove", w => w.Facilitator, () => new() { ["questionId"] = "q-none" }, []),
        new("POST /m/{id}/prepare/copy", w => $"/m/{w.MeetingId}/prepare/copy", w => w.Facilitator, () => new(), []),
        new("POST /cases/{id}/members", w => $"/cases/{w.CaseId}/members", w => w.Facilitator, () => new() { ["email"] = "nobody@example.org" }, []),
        new("POST /cases/{id}/members/remove", w => $"/cases/{w.CaseId}/members/remove", w => w.Facilitator, () => new() { ["accountId"] = "acc-none" }, []),
        new("POST /cases/{id}/delete", w => $"/cases/{w.OtherCaseId}/delete", w => w.Facilitator, () => new(), []),
    ];

    /// <summary>The free-text fields, which must keep acceptable values, are checked; every other field must refuse all of them.</summary>
    public static TheoryData<string> EndpointNames() => [.. Endpoints.Select(e => e.Name)];

    public static int RequestCount => Endpoints.Sum(e => Bodies.Length + e.Valid().Count * Values.Length) + Commands.Sum(c => c.Valid().Count * Values.Length);

    public static TheoryData<string> CommandNames() => [.. Commands.Select(c => c.Label)];

    /// <summary>
    /// Every command, as a circuit's form sends it, with each field given each value of the corpus. Never
    /// an exception. Refused: a refusal with a message, beside a field or for the whole form, and nothing
    /// stored. Acceptable text in a free-text field: stored exactly (after NFC normalisation).
    /// </summary>
    [Theory]
    [MemberData(nameof(CommandNames))]
    public async Task EveryCommandRefusesBadInputAndStoresNothing(string name)
    {
        var command = Commands.Single(c => c.Label == name);
        Current = world;
        world.Type = command.Supervision ? "GroupSupervision" : "ChildProtectionConference";
        await world.ResetAsync();
        var failures = new List<string>();
        foreach (var field in command.Valid().Keys)
        {
            foreach (var (label, value, acceptable) in Values)
            {
                if (command.Before is { } prepare) await prepare(world);
                var fields = command.Valid();
                fields[field] = value;
                var before = await world.FingerprintAsync();
                Refusal? refusal;
                try
                {
                    refusal = await world.RunAsync(command.Who(world), (a, t) => command.Build(world, fields, a, t));
                }
                catch (Exception e)
                {
                    failures.Add($"{field} = {label}: threw {e.GetType().Name}: {e.Message}");
                    continue;
                }
                var keeps = command.TextFields.Contains(field) && (acceptable || (Optional.Contains(field) && string.IsNullOrWhiteSpace(value)));
                if (keeps && refusal is not null) failures.Add($"{field} = {label}: acceptable text refused: {refusal.Message}");
                else if (keeps && command.Stored is { } stored && !await stored(world, field, fields)) failures.Add($"{field} = {label}: not stored exactly");
                else if (!keeps && command.TextFields.Contains(field) && refusal is null) failures.Add($"{field} = {label}: accepted");
                else if (refusal is not null && await world.FingerprintAsync() != before) failures.Add($"{field} = {label}: refused, yet something was stored");
                else if (refusal is not null && string.IsNullOrWhiteSpace(refusal.Message)) failures.Add($"{field} = {label}: refused without a message");
                if (refusal is null) await world.ResetAsync(keepMeeting: true);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>A command added later fails here until it is in the corpus.</summary>
    [Fact]
    public void EveryCommandIsInTheCorpus()
    {
        var commands = typeof(MeetingCommand).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(MeetingCommand)) && !t.IsAbstract && t != typeof(CreateMeeting) && t != typeof(AskToJoin));
        var covered = Commands.Select(c => c.Type).ToHashSet();
        Assert.Empty(commands.Where(t => !covered.Contains(t)).Select(t => t.Name).Order());
    }

    static string NewSecret() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    [Theory]
    [MemberData(nameof(EndpointNames))]
    public async Task NeverFailsAndStoresOnlyWhatIsAcceptable(string name)
    {
        var endpoint = Endpoints.Single(e => e.Name == name);
        Current = world;
        world.Type = "ChildProtectionConference";
        await world.ResetAsync();
        var failures = new List<string>();

        foreach (var body in Bodies)
        {
            var who = endpoint.Who(world);
            await who.GetAsync("/join");
            var before = await world.FingerprintAsync();
            var response = await who.SendAsync(BadRequest(body, endpoint.Path(world), endpoint.Valid(), who.Token));
            var status = (int)response.StatusCode;
            if (status is < 400 or >= 500) failures.Add($"{body}: expected a 4xx, got {status}");
            else if (await world.FingerprintAsync() != before) failures.Add($"{body}: refused, yet something was stored");
            else if ((await response.Content.ReadAsStringAsync()).Length == 0) failures.Add($"{body}: refused without a message");
        }

        foreach (var field in endpoint.Valid().Keys)
        {
            foreach (var (label, value, acceptable) in Values)
            {
                if (endpoint.Before is { } prepare) await prepare(world);
                var who = endpoint.Who(world);
                await who.GetAsync("/join");
                var fields = endpoint.Valid();
                fields[field] = value;
                fields["commandId"] = Visitor.NewCommandId();
                var before = await world.FingerprintAsync();
                var response = await who.PostAsync(endpoint.Path(world), fields);
                var status = (int)response.StatusCode;
                var html = await response.Content.ReadAsStringAsync();
                var keeps = endpoint.TextFields.Contains(field) && (acceptable || (Optional.Contains(field) && string.IsNullOrWhiteSpace(value)));
                if (status >= 500) failures.Add($"{field} = {label}: {status}");
                else if (keeps && status >= 400) failures.Add($"{field} = {label}: acceptable text refused with {status}: {html[..Math.Min(200, html.Length)]}");
                else if (keeps && endpoint.Stored is { } stored && !await stored(world, field, fields)) failures.Add($"{field} = {label}: not stored exactly");
                else if (!keeps && endpoint.TextFields.Contains(field) && status < 400) failures.Add($"{field} = {label}: accepted with {status}");
                else if (status >= 400 && await world.FingerprintAsync() != before) failures.Add($"{field} = {label}: refused with {status}, yet something was stored");
                else if (status >= 400 && html.Length == 0) failures.Add($"{field} = {label}: refused without a message");
                if (html.Contains("<script>alert(1)</script>", StringComparison.Ordinal) || html.Contains("<img src=x", StringComparison.Ordinal))
                    failures.Add($"{field} = {label}: markup sent back unescaped");
                if (endpoint.Name.StartsWith("POST /m/", StringComparison.Ordinal) && status < 400) await world.ResetAsync(keepMeeting: true);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Posts with nothing typed to go wrong, or covered by their own tests.</summary>
    static readonly Dictionary<string, string> NotInCorpus = new()
    {
        ["POST /sign-out"] = "no fields; ends the caller's own session (Sessions)",
        ["POST /not-found"] = "Blazor maps POST beside GET for its pages; the not-found page has no form",
        ["POST /bench/floor"] = "the bench-only floor page (scenario F): 404 unless MeetingBoard:Benchmarks:Enabled (BenchOnlyPages); no form",
        ["POST /setup/{}"] = "the one-time first-facilitator setup; its form is AccountForm's, as /facilitators/new above (Sessions)",
    };

    /// <summary>A write endpoint mapped later fails here until it is in the corpus (or explained above).</summary>
    [Fact]
    public void EveryWriteEndpointIsInTheCorpus()
    {
        static string Shape(string route) => System.Text.RegularExpressions.Regex.Replace(route, "{[^}]*}", "{}");
        var mapped = world.App.Services.GetServices<Microsoft.AspNetCore.Routing.EndpointDataSource>()
            .SelectMany(s => s.Endpoints).OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Where(e => !e.RoutePattern.RawText!.StartsWith(HubOrigins.Path, StringComparison.Ordinal))
            // Blazor maps POST beside GET for its pages; the live pages have no static forms (AccessMatrix).
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/m/{MeetingId}", StringComparison.Ordinal))
            .Select(e => Shape($"POST {e.RoutePattern.RawText}"))
            .ToHashSet();
        var covered = Endpoints.Select(e => Shape(e.Name)).Concat(NotInCorpus.Keys).ToHashSet();
        Assert.Empty(mapped.Except(covered).Order());
        Assert.Empty(covered.Except(mapped).Order());
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/meetings\r\nSet-Cookie: x=1")]
    public async Task SigningInNeverRedirectsOffTheSite(string returnUrl)
    {
        var (email, password) = await world.App.AddFacilitatorAsync("Redirect Test");
        using var visitor = new Visitor(world.App);
        await visitor.GetAsync("/sign-in");
        var response = await visitor.PostAsync("/sign-in", new Dictionary<string, string> { ["email"] = email, ["password"] = password, ["returnUrl"] = returnUrl });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/", location);
        Assert.False(location.StartsWith("//", StringComparison.Ordinal) || location.StartsWith("/\\", StringComparison.Ordinal), location);
        Assert.DoesNotContain("\n", location);
    }

    static HttpRequestMessage BadRequest(string kind, string path, Dictionary<string, string> valid, string token)
    {
        valid["commandId"] = Visitor.NewCommandId();
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (kind != "no antiforgery token") request.Headers.Add("RequestVerificationToken", kind == "wrong antiforgery token" ? "CfDJ8" + new string('A', 100) : token);
        request.Content = kind switch
        {
            "no antiforgery token" or "wrong antiforgery token" => new FormUrlEncodedContent(valid),
            "JSON" => new StringContent(System.Text.Json.JsonSerializer.Serialize(valid), Encoding.UTF8, "application/json"),
            "text/plain" => new StringContent(string.Join("&", valid.Select(kv => $"{kv.Key}={kv.Value}")), Encoding.UTF8, "text/plain"),
            "no body" => null,
            "over 64 KB" => new FormUrlEncodedContent(valid.Append(new("padding", new string('x', 70_000)))),
            "malformed encoding" => new StringContent("%%%&&==%E0%A4%A&text=%ZZ&category=%", Encoding.UTF8, "application/x-www-form-urlencoded"),
            "broken multipart" => new StringContent("--nope\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nunterminated", Encoding.UTF8, "multipart/form-data"),
            "the same field twice" => new FormUrlEncodedContent(valid.SelectMany(kv => new[] { kv, new KeyValuePair<string, string>(kv.Key, kv.Value + "2") })),
            "5,000 fields" => new FormUrlEncodedContent(valid.Concat(Enumerable.Range(0, 5000).Select(i => new KeyValuePair<string, string>($"f{i}", "1")))),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        if (kind == "broken multipart") request.Content!.Headers.ContentType = new("multipart/form-data") { Parameters = { new("boundary", "elsewhere") } };
        return request;
    }

    public sealed class World : IAsyncLifetime
    {
        public TestApp App { get; } = TestApp.Start(new Dictionary<string, string?>
        {
            ["MeetingBoard:JoinFailuresAllowed"] = "100000",
            ["MeetingBoard:JoinsPerCodeAllowed"] = "100000",
            ["MeetingBoard:SignInFailuresBeforeLockout"] = "100000",
            ["MeetingBoard:SignInBackOffAfter"] = "0",
        });
        public Visitor Facilitator { get; private set; } = default!;
        public Visitor Participant { get; private set; } = default!;
        public Visitor Stranger { get; private set; } = default!;
        public string MeetingId { get; private set; } = "";
        public string JoinCode { get; private set; } = "";
        public string ItemId { get; private set; } = "";
        public string OtherItemId { get; private set; } = "";
        public string WaitingId { get; private set; } = "";
        public string ParticipantId { get; private set; } = "";
        public string StatementId { get; private set; } = "";
        public string GoalId { get; private set; } = "";
        public string HarmId { get; private set; } = "";
        public string StepId { get; private set; } = "";
        public string RoundId { get; private set; } = "";
        /// <summary>The type of the meeting the next reset creates: group supervision for its own commands.</summary>
        public string Type { get; set; } = "ChildProtectionConference";

        string facilitatorEmail = "";

        MeetingScenario Scenario => new() { App = App, Facilitator = Facilitator, MeetingId = MeetingId, JoinCode = JoinCode, Account = (facilitatorEmail, "") };

        /// <summary>Runs a command as someone, through the circuit's command entry point.</summary>
        public Task<Refusal?> RunAsync(Visitor who, Func<Actor, DateTimeOffset, MeetingCommand> command) => Scenario.RunAsync(who, command);

        Task ChairAsync(Func<Actor, DateTimeOffset, MeetingCommand> command) => Scenario.ChairDoesAsync(command);

        /// <summary>A view needs a decision to be on; recording the same one again changes nothing.</summary>
        public Task DecideAsync() => ChairAsync((a, t) => new RecordDecision("Fine decision", a, t));

        public async Task CloseOpenRoundAsync()
        {
            if ((await StateAsync()).Scaling.Rounds.Find(r => !r.IsClosed) is { } open) await ChairAsync((a, t) => new CloseRound(open.Id, a, t));
        }

        public async Task InitializeAsync()
        {
            var (email, password) = await App.AddFacilitatorAsync();
            facilitatorEmail = email;
            Facilitator = new Visitor(App);
            await Facilitator.SignInAsync(email, password);
        }

        /// <summary>A fresh meeting with a participant's item, another item and someone waiting.</summary>
        public async Task ResetAsync(bool keepMeeting = false)
        {
            if (!keepMeeting || (await StateAsync()).IsClosed)
            {
                (MeetingId, JoinCode) = await Facilitator.CreateMeetingAsync(type: Type);
            }
            var scenario = Scenario;
            Participant?.Dispose();
            (Participant, ParticipantId) = await scenario.AdmitAsync("Sam", "Mum");
            (await scenario.AddItemAsync(Participant, "harm", "Sam's item")).EnsureSuccessStatusCode();
            (await scenario.AddItemAsync(Facilitator, "harm", "Another item")).EnsureSuccessStatusCode();
            (_, WaitingId) = await scenario.AskToJoinAsync("Jordan", "Waiting");
            var state = await StateAsync();
            if (state.Practice.Statements.Count == 0)
                await ChairAsync((a, t) => new AddDangerStatement(MeetingHosts.NewId(), null, "The school", "Jordan shouted", "Maya hides", "Maya could be hurt", null, a, t));
            StatementId = (await StateAsync()).Practice.Statements.Last().Id;
            if (state.Practice.Goals.Count == 0)
                await ChairAsync((a, t) => new AddSafetyGoal(MeetingHosts.NewId(), StatementId, null, "Sam will call", "Maya calm", "School sees it", "six months", a, t));
            if (state.Practice.Harm.Count == 0) await ChairAsync((a, t) => new RecordHarm(MeetingHosts.NewId(), "Shouting", "", "", "", "In March", "", "", a, t));
            await ChairAsync((a, t) => new AddNextStep(MeetingHosts.NewId(), ParticipantId, null, "Sam's step", "1", "6", "2030", a, t));
            if (state.Scaling.Rounds.Find(r => !r.IsClosed) is null)
                await ChairAsync((a, t) => new StartRound(MeetingHosts.NewId(), "How safe?", "Safe", "Not safe", null, a, t));
            state = await StateAsync();
            GoalId = state.Practice.Goals.Last().Id;
            HarmId = state.Practice.Harm.Last().Id;
            StepId = state.Practice.Steps.Last(s => s.Action == "Sam's step").Id;
            RoundId = state.Scaling.Rounds.Last(r => !r.IsClosed).Id;
            ItemId = state.Items.Last(i => i.Text == "Sam's item").Id;
            OtherItemId = state.Items.Last(i => i.Text == "Another item").Id;
            Stranger?.Dispose();
            Stranger = new Visitor(App);
            // Started with a case reference, the meeting is the first of a new case (Features/Cases).
            CaseId = (await App.Services.GetRequiredService<ICaseStore>().CaseOfMeetingAsync(MeetingId))!;
            if (OtherCaseId == "")
            {
                OtherCaseId = MeetingHosts.NewId();
                await App.Services.GetRequiredService<ICaseStore>().AddAsync(new CaseEntry(OtherCaseId, "Family B", "acc-someone-else", DateTimeOffset.UtcNow));
            }
        }

        public string CaseId { get; private set; } = "";
        /// <summary>Someone else's case, which the corpus may only fail to delete.</summary>
        public string OtherCaseId { get; private set; } = "";

        public async Task<MeetingBoard.Meetings.MeetingState> StateAsync() =>
            await (await App.Services.GetRequiredService<MeetingHosts>().FindAsync(MeetingId))!.CatchUpAsync();

        /// <summary>What "nothing stored" is measured against: this meeting's version, the facilitator's meetings, and the number of accounts.</summary>
        public async Task<string> FingerprintAsync()
        {
            var store = App.Services.GetRequiredService<IEventStore>();
            var db = App.Services.GetRequiredService<SqliteDatabase>();
            await using var c = await db.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT (SELECT COUNT(*) FROM facilitators) || '/' || (SELECT COUNT(*) FROM facilitator_sessions WHERE ended_at IS NULL)"
                + " || '/' || (SELECT COUNT(*) FROM cases) || '/' || (SELECT COUNT(*) FROM case_members) || '/' || (SELECT COUNT(*) FROM case_meetings)";
            var counts = (string)(await cmd.ExecuteScalarAsync())!;
            var facilitatorId = (await App.Services.GetRequiredService<IAccountStore>().FindByEmailAsync(FacilitatorEmail ??= await EmailAsync()))!.Id;
            return $"{(await StateAsync()).Version}/{(await store.ListForFacilitatorAsync(facilitatorId)).Count}/{counts}";
        }

        string? FacilitatorEmail;

        async Task<string> EmailAsync()
        {
            var db = App.Services.GetRequiredService<SqliteDatabase>();
            await using var c = await db.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT email FROM facilitators ORDER BY created_at LIMIT 1";
            return (string)(await cmd.ExecuteScalarAsync())!;
        }

        public async Task DisposeAsync()
        {
            Facilitator.Dispose();
            Participant?.Dispose();
            Stranger?.Dispose();
            await App.DisposeAsync();
        }
    }
}
