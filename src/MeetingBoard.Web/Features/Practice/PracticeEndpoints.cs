using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Web.Features.Board;
using MeetingBoard.Web.Features.Shared;
using MeetingBoard.Web.Live;

namespace MeetingBoard.Web.Features.Practice;

/// <summary>
/// Danger statements, safety goals, the harm matrix, next steps and the wording. Each change goes
/// through the board's one path (authorise for this meeting, decide in Core, append, broadcast);
/// Core decides who may do what (see <see cref="PracticeRules"/>).
/// </summary>
public static class PracticeEndpoints
{
    static readonly string[] DangerFields = ["who", "behaviour", "impact", "ifNothingChanges", "safetyInPlace", "sentence"];
    static readonly string[] GoalFields = ["statementId", "carersWillDo", "childWillExperience", "professionalsWillSee", "howLong", "sentence"];
    static readonly string[] HarmFields = ["behaviour", "howLong", "howOften", "first", "worst", "last", "impact"];
    static readonly string[] StepFields = ["who", "otherName", "what", "dueDay", "dueMonth", "dueYear", "needsSignOff"];

    public static void MapPractice(this IEndpointRouteBuilder app)
    {
        app.MapPost("/m/{meetingId}/wording", (HttpContext http, string meetingId) =>
            BoardEndpoints.RunAsync(http, meetingId, (actor, form, now) => new ChooseWording(form.Value("wording"), actor, now),
                (state, _, errors) => Forms.Page<WordingForm>(new { State = state, Errors = errors }, 422),
                (state, _) => Forms.Page<WordingForm>(new { State = state })));

        // Danger statements
        app.MapPost("/m/{meetingId}/danger-statements/compose", (HttpContext http, string meetingId) =>
            ComposeAsync(http, meetingId, DangerFields, (actor, form, now) => AddStatement(form, actor, now),
                (state, values, errors) => Forms.Page<DangerStatementBuilder>(new { MeetingId = state.Id, Words = state.Practice.Words, Values = values, Errors = errors },
                    errors.Count > 0 ? 422 : 200),
                e => ((DangerStatementAdded)e).Sentence));
        app.MapPost("/m/{meetingId}/danger-statements", (HttpContext http, string meetingId) =>
            BoardEndpoints.RunAsync(http, meetingId, (actor, form, now) => AddStatement(form, actor, now),
                (state, form, errors) => Forms.Page<DangerStatementBuilder>(new { MeetingId = state.Id, Words = state.Practice.Words, Values = Values(form, DangerFields), Errors = errors }, 422),
                (state, _) => Forms.Page<DangerStatementBuilder>(new { MeetingId = state.Id, Words = state.Practice.Words })));
        app.MapPost("/m/{meetingId}/danger-statements/{statementId}/edit", (HttpContext http, string meetingId, string statementId) =>
            BoardEndpoints.RunAsync(http, meetingId, (actor, form, now) => new EditDangerStatement(statementId, form.Value("sentence"), actor, now),
                (state, form, errors) => Forms.Page<EditSentenceForm>(new
                {
                    Action = $"/m/{meetingId}/danger-statements/{statementId}/edit", Id = $"edit-statement-{statementId}", Value = form.Value("sentence"), Errors = errors,
                }, 422)));
        app.MapPost("/m/{meetingId}/danger-statements/{statementId}/remove", (HttpContext http, string meetingId, string statementId) =>
            BoardEndpoints.RunAsync(http, meetingId, (actor, _, now) => new RemoveDangerStatement(statementId, actor, now)));
        app.MapPost("/m/{meetingId}/danger-statements/{statementId}/disagree", (HttpContext http, string meetingId, string statementId) =>
            BoardEndpoints.RunAsync(http, meetingId, (actor, form, now) => new RecordDisagreement(statementId, form.Value("view"), actor, now),
                (state, form, errors) => state.Practice.FindStatement(statementId) is { } s
                    ? Forms.Page<DisagreeForm>(new { MeetingId = meetingId, Statement = s, Words = state.Practice.Words, Value = form.Value("view"), Errors = errors }, 422)
                    : null,
                (state, _) => state.Practice.FindStatement(statementId) is { } s
                    ? Forms.Page<DisagreeForm>(new { MeetingId = meetingId, Statement = s, Words = state.Practice.Words })
                    : null));

        // Safety goals
        app.MapPost("/m/{meetingId}/safety-goals/compose", (HttpContext http, string meetingId) =>
            ComposeAsync(http, meetingId, GoalFields, (actor, form, now) => AddGoal(form, actor, now),
                (state, values, errors) => Forms.Page<SafetyGoalBuilder>(new { MeetingId = state.Id, State = state.Practice, Values = values, Errors = errors },
                    errors.Count > 0 ? 422 : 200),
                e => ((SafetyGoalAdded)e).Sentence));
        app.MapPost("/m/{meetingId}/safety-goals", (HttpContext http, string meetingId) =>
            BoardEndpoints.RunAsync(http, meetingId, (actor, form, now) => AddGoal(form, actor, now),
                (state, form, errors) => Forms.Page<SafetyGoalBuilder>(new { MeetingId = state.Id, State = state.Practice, Values = Values(form, GoalFields), Errors = errors }, 422),
                (state, _) => Forms.Page<SafetyGoalBuilder>(new { MeetingId = state.Id, State = state.Practice })));
        app.MapPost("/m/{meetingId}/safety-goals/{goalId}/edit", (HttpContext http, string meetingId, string goalId) =>
            BoardEndpoints.RunAsync(http, meetingId, (actor, form, now) => new EditSafetyGoal(goalId, form.Value("sentence"), actor, now),
                (state, form, errors) => Forms.Page<EditSentenceForm>(new
                {
                    Action = $"/m/{meetingId}/safety-goals/{goalId}/edit", Id = $"edit-goal-{goalId}", Value = form.Value("sentence"), Errors = errors,
                }, 422)));
        app.MapPost("/m/{meetingId}/safety-goals/{goalId}/remove", (HttpContext http, string meetingId, string goalId) =>
            BoardEndpoints.RunAsync(http, meetingId, (actor, _, now) => new RemoveSafetyGoal(goalId, actor, now)));

        // Harm matrix
        app.MapPost("/m/{meetingId}/harm", (HttpContext http, string meetingId) =>
            BoardEndpoints.RunAsync(http, meetingId, (actor, form, now) => new RecordHarm(MeetingHosts.NewId(), form.Value("behaviour"), form.Value("howLong"),
                    form.Value("howOften"), form.Value("first"), form.Value("worst"), form.Value("last"), form.Value("impact"), actor, now),
                (state, form, errors) => Forms.Page<HarmForm>(new { MeetingId = state.Id, Values = Values(form, HarmFields), Errors = errors }, 422),
                (state, _) => Forms.Page<HarmForm>(new { MeetingId = state.Id })));
        app.MapPost("/m/{meetingId}/harm/{harmId}/remove", (HttpContext http, string meetingId, string harmId) =>
            BoardEndpoints.RunAsync(http, meetingId, (actor, _, now) => new RemoveHarm(harmId, actor, now)));

        // Next steps
        app.MapPost("/m/{meetingId}/next-steps", (HttpContext http, string meetingId) =>
            BoardEndpoints.RunAsync(http, meetingId, (actor, form, now) => new AddNextStep(MeetingHosts.NewId(), form.Value("who"), form.Value("otherName"),
                    form.Value("what"), form.Value("dueDay"), form.Value("dueMonth"), form.Value("dueYear"), actor, now, form.Value("needsSignOff")),
                (state, form, errors) => Forms.Page<NextStepForm>(new { MeetingId = state.Id, State = state, Values = Values(form, StepFields), Errors = errors }, 422),
                (state, _) => Forms.Page<NextStepForm>(new { MeetingId = state.Id, State = state })));
        app.MapPost("/m/{meetingId}/next-steps/{stepId}/status", (HttpContext http, string meetingId, string stepId) =>
            BoardEndpoints.RunAsync(http, meetingId, (actor, form, now) => new ChangeNextStepStatus(stepId, form.Value("status"), actor, now),
                (state, _, errors) => state.Practice.FindStep(stepId) is { } s ? Forms.Page<StatusForm>(new { MeetingId = meetingId, Step = s, Errors = errors }, 422) : null));
        app.MapPost("/m/{meetingId}/next-steps/{stepId}/sign-off", (HttpContext http, string meetingId, string stepId) =>
            BoardEndpoints.RunAsync(http, meetingId, (actor, form, now) => new ChangeNextStepSignOff(stepId, form.Value("needsSignOff"), actor, now),
                (state, _, errors) => state.Practice.FindStep(stepId) is { } s ? Forms.Page<SignOffForm>(new { MeetingId = meetingId, Step = s, Errors = errors }, 422) : null));
        app.MapPost("/m/{meetingId}/next-steps/{stepId}/remove", (HttpContext http, string meetingId, string stepId) =>
            BoardEndpoints.RunAsync(http, meetingId, (actor, _, now) => new RemoveNextStep(stepId, actor, now)));
    }

    static AddDangerStatement AddStatement(IFormCollection form, Actor actor, DateTimeOffset now) =>
        new(MeetingHosts.NewId(), form.Value("sentence"), form.Value("who"), form.Value("behaviour"), form.Value("impact"),
            form.Value("ifNothingChanges"), form.Value("safetyInPlace"), actor, now);

    static AddSafetyGoal AddGoal(IFormCollection form, Actor actor, DateTimeOffset now) =>
        new(MeetingHosts.NewId(), form.Value("statementId"), form.Value("sentence"), form.Value("carersWillDo"), form.Value("childWillExperience"),
            form.Value("professionalsWillSee"), form.Value("howLong"), actor, now);

    static Dictionary<string, string?> Values(IFormCollection form, IEnumerable<string> names) => names.ToDictionary(n => n, form.Value);

    /// <summary>
    /// "Write the sentence": decides the add without storing it (deciding is pure), and answers with
    /// the builder holding the composed sentence, or the refusal beside its field. Nothing is stored.
    /// </summary>
    static async Task<IResult> ComposeAsync(
        HttpContext http, string meetingId, string[] fields,
        Func<Actor, IFormCollection, DateTimeOffset, PracticeCommand> command,
        Func<MeetingState, Dictionary<string, string?>, FormErrors, IResult> builder,
        Func<IMeetingEvent, string> sentenceOf)
    {
        var (form, failure) = await Forms.ReadAsync(http);
        if (failure is not null) return failure;
        if (await http.RequestServices.GetRequiredService<MeetingHosts>().FindAsync(meetingId) is not { } host)
            return Forms.Fail(http, StatusCodes.Status404NotFound, "This meeting could not be found. It may have been deleted.");
        var state = host.State;
        if (Viewers.Resolve(http, state) is not { Audience: Audience.Facilitator or Audience.Participant, Actor: { } actor })
            return Forms.Fail(http, StatusCodes.Status403Forbidden, "You cannot change this meeting. If you were in it, the facilitator may have removed you.");

        var values = Values(form!, fields);
        // Compose from the parts alone: whatever is in the sentence box is replaced.
        values["sentence"] = null;
        var decision = Meeting.Decide(state, command(actor, form!.WithoutSentence(), http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()));
        if (decision.Refusal is { } refusal)
        {
            if (refusal.Kind != RefusalKind.Invalid)
                return Forms.Fail(http, refusal.Kind switch
                {
                    RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
                    RefusalKind.NotFound => StatusCodes.Status404NotFound,
                    _ => StatusCodes.Status409Conflict,
                }, refusal.Message);
            values["sentence"] = form!.Value("sentence");
            return builder(state, values, FormErrors.Of(refusal.Field, refusal.Message));
        }
        values["sentence"] = sentenceOf(decision.Events![0]);
        return builder(state, values, FormErrors.None);
    }

    static IFormCollection WithoutSentence(this IFormCollection form) =>
        new FormCollection(form.Where(kv => kv.Key != "sentence").ToDictionary(kv => kv.Key, kv => kv.Value));
}
