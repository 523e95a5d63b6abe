using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using MeetingBoard.Web.Features.Shared;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Storage;

namespace MeetingBoard.Web.Features.Facilitation;

/// <summary>The facilitator's controls (stages, what is open, the lock, co-facilitators) and the group's questions.</summary>
public static class FacilitationEndpoints
{
    public static void MapFacilitation(this IEndpointRouteBuilder app)
    {
        app.MapPost("/m/{meetingId}/stage", (HttpContext http, string meetingId) =>
            RunAsync(http, meetingId, (actor, form, now) => new GoToStage(form.Value("stageId"), actor, now)));

        app.MapPost("/m/{meetingId}/board/lock", (HttpContext http, string meetingId) =>
            RunAsync(http, meetingId, (actor, _, now) => new LockBoard(true, actor, now)));
        app.MapPost("/m/{meetingId}/board/unlock", (HttpContext http, string meetingId) =>
            RunAsync(http, meetingId, (actor, _, now) => new LockBoard(false, actor, now)));

        app.MapPost("/m/{meetingId}/categories/{slug}/open", (HttpContext http, string meetingId, string slug) =>
            RunAsync(http, meetingId, (actor, _, now) => new SetCategoryOpen(slug, true, actor, now)));
        app.MapPost("/m/{meetingId}/categories/{slug}/close", (HttpContext http, string meetingId, string slug) =>
            RunAsync(http, meetingId, (actor, _, now) => new SetCategoryOpen(slug, false, actor, now)));

        app.MapPost("/m/{meetingId}/questions", (HttpContext http, string meetingId) =>
            RunAsync(http, meetingId, (actor, form, now) => new AskQuestion(MeetingHosts.NewId(), form.Value("text"), actor, now),
                invalidForm: (state, form, errors) => Forms.Page<AskQuestionForm>(new { MeetingId = state.Id, Value = form.Value("text"), Errors = errors }, 422),
                appliedForm: (state, _) => Forms.Page<AskQuestionForm>(new { MeetingId = state.Id })));

        app.MapPost("/m/{meetingId}/co-facilitators", (HttpContext http, string meetingId, IAccountStore accounts) =>
            RunAsync(http, meetingId, async (actor, form, now) =>
                {
                    var email = form.Value("email")?.Trim();
                    var account = string.IsNullOrEmpty(email) ? null : await accounts.FindByEmailAsync(email);
                    return new AddCoFacilitator(account?.Id, account?.Name, actor, now);
                },
                invalidForm: (state, form, errors) => Forms.Page<AddCoFacilitatorForm>(new { MeetingId = state.Id, Value = form.Value("email"), Errors = errors }, 422),
                appliedForm: (state, _) => Forms.Page<AddCoFacilitatorForm>(new { MeetingId = state.Id })));

        app.MapPost("/m/{meetingId}/spotlight", (HttpContext http, string meetingId) =>
            RunAsync(http, meetingId, (actor, form, now) => new SpotlightItem(form.Value("itemId") is { Length: > 0 } id ? id : null, actor, now)));

        app.MapPost("/m/{meetingId}/timer", (HttpContext http, string meetingId) =>
            RunAsync(http, meetingId, (actor, form, now) => new StartTimer(form.Value("minutes"), form.Value("seconds"), actor, now),
                invalidForm: (state, form, errors) => Forms.Page<StartTimerForm>(new { MeetingId = state.Id, Minutes = form.Value("minutes"), Seconds = form.Value("seconds"), Errors = errors }, 422)));
        app.MapPost("/m/{meetingId}/timer/pause", (HttpContext http, string meetingId) =>
            RunAsync(http, meetingId, (actor, _, now) => new ChangeTimer(TimerAction.Pause, actor, now)));
        app.MapPost("/m/{meetingId}/timer/resume", (HttpContext http, string meetingId) =>
            RunAsync(http, meetingId, (actor, _, now) => new ChangeTimer(TimerAction.Resume, actor, now)));
        app.MapPost("/m/{meetingId}/timer/clear", (HttpContext http, string meetingId) =>
            RunAsync(http, meetingId, (actor, _, now) => new ChangeTimer(TimerAction.Clear, actor, now)));

        app.MapPost("/m/{meetingId}/anonymous/start", (HttpContext http, string meetingId) =>
            RunAsync(http, meetingId, (actor, _, now) => new SetAnonymousRound(true, actor, now)));
        app.MapPost("/m/{meetingId}/anonymous/end", (HttpContext http, string meetingId) =>
            RunAsync(http, meetingId, (actor, _, now) => new SetAnonymousRound(false, actor, now)));

        app.MapPost("/m/{meetingId}/turns/start", (HttpContext http, string meetingId) =>
            RunAsync(http, meetingId, (actor, _, now) => new StartTurnRound(actor, now)));
        app.MapPost("/m/{meetingId}/turns/next", (HttpContext http, string meetingId) =>
            RunAsync(http, meetingId, (actor, form, now) => new EndTurn(form.Value("speaker"), false, actor, now)));
        app.MapPost("/m/{meetingId}/turns/pass", (HttpContext http, string meetingId) =>
            RunAsync(http, meetingId, (actor, form, now) => new EndTurn(form.Value("speaker"), true, actor, now)));
        app.MapPost("/m/{meetingId}/turns/end", (HttpContext http, string meetingId) =>
            RunAsync(http, meetingId, (actor, _, now) => new EndTurnRound(actor, now)));

        app.MapPost("/m/{meetingId}/decision", (HttpContext http, string meetingId) =>
            RunAsync(http, meetingId, (actor, form, now) => new RecordDecision(form.Value("text"), actor, now),
                invalidForm: (state, form, errors) => Forms.Page<DecisionForm>(new { MeetingId = state.Id, Value = form.Value("text"), Changing = state.Facilitation.Decision is not null, Errors = errors }, 422)));
        app.MapPost("/m/{meetingId}/decision/view", (HttpContext http, string meetingId) =>
            RunAsync(http, meetingId, (actor, form, now) => new RecordViewOnDecision(form.Value("view"), form.Value("why"), form.Value("onBehalfOf"), actor, now),
                invalidForm: (state, form, errors) => Forms.Page<ViewOnDecisionForm>(new
                {
                    MeetingId = state.Id,
                    People = ForFacilitator(http, state),
                    OnBehalfOf = form.Value("onBehalfOf"),
                    ViewValue = form.Value("view"),
                    Reason = form.Value("why"),
                    Errors = errors,
                }, 422)));

        app.MapPost("/m/{meetingId}/people/{participantId}/role", (HttpContext http, string meetingId, string participantId) =>
            RunAsync(http, meetingId, (actor, form, now) => new GiveSupervisionRole(participantId, form.Value("role"), actor, now)));

        // The stage editor: a page of its own with plain forms, each answered by coming back to it.
        app.MapGet("/m/{meetingId}/stages", (HttpContext http, string meetingId) => ShowStagesAsync(http, meetingId, null, FormErrors.None));
        app.MapPost("/m/{meetingId}/stages/{stageId}/rename", (HttpContext http, string meetingId, string stageId) =>
            RunStageAsync(http, meetingId, stageId, (actor, form, now) => new RenameStage(stageId, form.Value("title"), actor, now)));
        app.MapPost("/m/{meetingId}/stages/{stageId}/move", (HttpContext http, string meetingId, string stageId) =>
            RunStageAsync(http, meetingId, stageId, (actor, form, now) => new MoveStage(stageId, form.Value("direction"), actor, now)));
        app.MapPost("/m/{meetingId}/stages/{stageId}/skip", (HttpContext http, string meetingId, string stageId) =>
            RunStageAsync(http, meetingId, stageId, (actor, _, now) => new SkipStage(stageId, true, actor, now)));
        app.MapPost("/m/{meetingId}/stages/{stageId}/include", (HttpContext http, string meetingId, string stageId) =>
            RunStageAsync(http, meetingId, stageId, (actor, _, now) => new SkipStage(stageId, false, actor, now)));
        app.MapPost("/m/{meetingId}/stages/{stageId}/categories", (HttpContext http, string meetingId, string stageId) =>
            RunStageAsync(http, meetingId, stageId, (actor, form, now) =>
                new SetStageCategories(stageId, [.. form["categories"].Select(v => v ?? "")], actor, now)));
    }

    static async Task<IResult> ShowStagesAsync(HttpContext http, string meetingId, IFormCollection? form, FormErrors errors, string? stageId = null)
    {
        var hosts = http.RequestServices.GetRequiredService<MeetingHosts>();
        if (await hosts.FindAsync(meetingId) is not { } host) return StaticPages.MeetingNotFound(http);
        var state = await host.CatchUpAsync();
        if (Viewers.Resolve(http, state) is not { Audience: Audience.Facilitator })
            return Forms.Fail(http, StatusCodes.Status403Forbidden, "Only the facilitators of this meeting can change its stages.");
        return Forms.Page<StagesPage>(new
        {
            Chrome = Chrome.For(http),
            State = state,
            ErrorStageId = stageId,
            TitleValue = form?.Value("title"),
            Errors = errors,
        }, errors.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }

    /// <summary>The people a facilitator may record a view for; null when the sender is not a facilitator.</summary>
    static IReadOnlyList<(string Id, string Name)>? ForFacilitator(HttpContext http, MeetingState state) =>
        Viewers.Resolve(http, state) is { Audience: Audience.Facilitator } ? state.Admitted.Select(p => (p.Id, p.Name)).ToList() : null;

    static Task<IResult> RunStageAsync(HttpContext http, string meetingId, string stageId, Func<Actor, IFormCollection, DateTimeOffset, MeetingCommand> command) =>
        RunAsync(http, meetingId, (actor, form, now) => Task.FromResult(command(actor, form, now)),
            invalidPage: (form, errors) => ShowStagesAsync(http, meetingId, form, errors, stageId),
            back: $"/m/{meetingId}/stages#stage-{stageId}");

    static Task<IResult> RunAsync(
        HttpContext http, string meetingId, Func<Actor, IFormCollection, DateTimeOffset, MeetingCommand> command,
        Func<MeetingState, IFormCollection, FormErrors, IResult?>? invalidForm = null,
        Func<MeetingState, IFormCollection, IResult?>? appliedForm = null) =>
        RunAsync(http, meetingId, (actor, form, now) => Task.FromResult(command(actor, form, now)), invalidForm, appliedForm);

    /// <summary>
    /// Read the form, authorise for this meeting, decide, answer: the shape of BoardEndpoints' changes,
    /// plus a page to come back to (the stage editor) and a command that may need to look something up.
    /// </summary>
    static async Task<IResult> RunAsync(
        HttpContext http,
        string meetingId,
        Func<Actor, IFormCollection, DateTimeOffset, Task<MeetingCommand>> command,
        Func<MeetingState, IFormCollection, FormErrors, IResult?>? invalidForm = null,
        Func<MeetingState, IFormCollection, IResult?>? appliedForm = null,
        Func<IFormCollection, FormErrors, Task<IResult>>? invalidPage = null,
        string? back = null)
    {
        var (form, failure) = await Forms.ReadAsync(http);
        if (failure is not null) return failure;
        var hosts = http.RequestServices.GetRequiredService<MeetingHosts>();
        if (await hosts.FindAsync(meetingId) is not { } host)
            return Forms.Fail(http, StatusCodes.Status404NotFound, "This meeting could not be found. It may have been deleted.");

        var viewer = Viewers.Resolve(http, host.State);
        if (viewer is not { Audience: Audience.Facilitator or Audience.Participant, Actor: { } actor })
            return Forms.Fail(http, StatusCodes.Status403Forbidden, "You cannot change this meeting. If you were in it, the facilitator may have removed you.");

        var now = http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var outcome = await host.ExecuteAsync(await command(actor, form!, now), form!.CommandId(), http.RequestAborted);

        if (outcome.Refusal is { } refusal)
        {
            var status = refusal.Kind switch
            {
                RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
                RefusalKind.NotFound => StatusCodes.Status404NotFound,
                RefusalKind.Conflict => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status422UnprocessableEntity,
            };
            if (refusal.Kind == RefusalKind.Invalid)
            {
                var errors = FormErrors.Of(refusal.Field, refusal.Message);
                if (Forms.IsFetch(http.Request) && invalidForm?.Invoke(outcome.State, form!, errors) is { } formResult) return formResult;
                if (!Forms.IsFetch(http.Request) && invalidPage is not null) return await invalidPage(form!, errors);
            }
            return Forms.Fail(http, status, refusal.Message);
        }

        if (!Forms.IsFetch(http.Request)) return Results.Redirect(back ?? $"/m/{meetingId}", preserveMethod: false);
        return appliedForm?.Invoke(outcome.State, form!) ?? Results.NoContent();
    }
}
