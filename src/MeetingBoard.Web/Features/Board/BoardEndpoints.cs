using Microsoft.AspNetCore.Http.HttpResults;
using MeetingBoard.Board;
using MeetingBoard.Meetings;
using MeetingBoard.Web.Features.Join;
using MeetingBoard.Web.Features.Shared;
using MeetingBoard.Web.Live;

namespace MeetingBoard.Web.Features.Board;

/// <summary>The meeting page for each audience, and every change to the board and its people.</summary>
public static class BoardEndpoints
{
    public static void MapBoard(this IEndpointRouteBuilder app)
    {
        app.MapGet("/m/{meetingId}", ShowAsync);
        app.MapGet("/m/{meetingId}/screen/{screenKey}", ShowRoomScreenAsync);

        app.MapPost("/m/{meetingId}/items", (HttpContext http, string meetingId) =>
            RunAsync(http, meetingId, (actor, form, now) =>
                new AddItem(MeetingHosts.NewId(), form.Value("category"), form.Value("text"), actor, now),
                (state, form, errors) => AddForm(state, form, errors),
                (state, form) => AddForm(state, form, FormErrors.None, fresh: true)));

        app.MapPost("/m/{meetingId}/items/{itemId}/edit", (HttpContext http, string meetingId, string itemId) =>
            RunAsync(http, meetingId, (actor, form, now) => new EditItem(itemId, form.Value("text"), actor, now),
                (state, form, errors) => state.FindItem(itemId) is { } item
                    ? Forms.Page<EditItemForm>(new { MeetingId = meetingId, Item = item, Value = form.Value("text"), Errors = errors }, 422)
                    : null));

        app.MapPost("/m/{meetingId}/items/{itemId}/move", (HttpContext http, string meetingId, string itemId) =>
            RunAsync(http, meetingId, (actor, form, now) => new MoveItem(itemId, form.Value("category"), actor, now),
                (state, form, errors) => state.FindItem(itemId) is { } item
                    ? Forms.Page<MoveItemForm>(new { MeetingId = meetingId, Item = item, Errors = errors, Words = state.Practice.Words }, 422)
                    : null));

        app.MapPost("/m/{meetingId}/items/{itemId}/remove", (HttpContext http, string meetingId, string itemId) =>
            RunAsync(http, meetingId, (actor, _, now) => new RemoveItem(itemId, actor, now)));

        app.MapPost("/m/{meetingId}/people/{participantId}/admit", (HttpContext http, string meetingId, string participantId) =>
            RunAsync(http, meetingId, (actor, _, now) => new AdmitParticipant(participantId, actor, now)));
        app.MapPost("/m/{meetingId}/people/{participantId}/decline", (HttpContext http, string meetingId, string participantId) =>
            RunAsync(http, meetingId, (actor, _, now) => new DeclineParticipant(participantId, actor, now)));
        app.MapPost("/m/{meetingId}/people/{participantId}/remove", (HttpContext http, string meetingId, string participantId) =>
            RunAsync(http, meetingId, (actor, _, now) => new RemoveParticipant(participantId, actor, now)));

        app.MapPost("/m/{meetingId}/close", (HttpContext http, string meetingId) =>
            RunAsync(http, meetingId, (actor, _, now) => new CloseMeeting(actor, now)));
        app.MapPost("/m/{meetingId}/lock", (HttpContext http, string meetingId) =>
            RunAsync(http, meetingId, (actor, _, now) => new LockMeeting(actor, now)));
        app.MapPost("/m/{meetingId}/unlock", (HttpContext http, string meetingId) =>
            RunAsync(http, meetingId, (actor, _, now) => new UnlockMeeting(actor, now)));
    }

    static async Task<IResult> ShowAsync(HttpContext http, string meetingId, MeetingHosts hosts, MeetingClock clock, Presence presence)
    {
        if (await hosts.FindAsync(meetingId) is not { } host) return await StaticPages.MeetingGoneAsync(http, meetingId);
        var state = await host.CatchUpAsync();
        var viewer = Viewers.Resolve(http, state);
        var chrome = Chrome.For(http);
        switch (viewer?.Audience)
        {
            case Audience.Facilitator:
            case Audience.Participant:
                var view = new MeetingView(state, viewer, presence.ConnectedKeys(meetingId), clock);
                return Forms.Page<BoardPage>(new
                {
                    Chrome = chrome,
                    View = view,
                    Links = viewer.Audience == Audience.Facilitator ? MeetingLinks.For(http, state) : null,
                    Retention = viewer.Audience == Audience.Facilitator ? http.RequestServices.GetRequiredService<Records.RetentionPolicy>() : null,
                });
            case Audience.Lobby:
                return Forms.Page<LobbyPage>(new { Chrome = chrome, State = state, Participant = state.FindParticipant(viewer.Actor!.Id)! });
            case Audience.Excluded:
                var declined = state.FindParticipant(viewer.Actor!.Id)!.Status == ParticipantStatus.Declined;
                return Forms.Page<MessagePage>(new
                {
                    Chrome = chrome,
                    Heading = declined ? "You have not been let in" : "You have been removed from this meeting",
                    Paragraphs = new[] { "The facilitator has not let you into this meeting. If you think this is a mistake, speak to the facilitator." },
                    IsError = false,
                }, StatusCodes.Status403Forbidden);
            default:
                return Forms.Page<MessagePage>(new
                {
                    Chrome = chrome,
                    Heading = "You need to join this meeting first",
                    Paragraphs = new[] { "To take part, enter the join code the facilitator gave you. Facilitators need to sign in." },
                    LinkHref = "/join",
                    LinkText = "Enter a join code",
                    IsError = true,
                }, StatusCodes.Status403Forbidden);
        }
    }

    static async Task<IResult> ShowRoomScreenAsync(HttpContext http, string meetingId, string screenKey, MeetingHosts hosts, MeetingClock clock, Presence presence)
    {
        if (await hosts.FindAsync(meetingId) is not { } host) return await StaticPages.MeetingGoneAsync(http, meetingId);
        var state = await host.CatchUpAsync();
        if (Viewers.Resolve(http, state, screenKey) is not { Audience: Audience.RoomScreen } viewer)
            return await StaticPages.MeetingGoneAsync(http, meetingId);
        var view = new MeetingView(state, viewer, presence.ConnectedKeys(meetingId), clock);
        return Forms.Page<RoomScreenPage>(new { Chrome = Chrome.For(http), View = view, Links = MeetingLinks.For(http, state) });
    }

    /// <summary>The shape of every change: read the form, authorise for this meeting, decide, answer.</summary>
    /// <param name="invalidForm">Re-renders the form with its errors for a fetch post; null to answer with plain text.</param>
    /// <param name="appliedForm">The form to send back after success (a fresh one); null for no content, the live patch shows the change.</param>
    internal static Task<IResult> RunAsync(
        HttpContext http,
        string meetingId,
        Func<Actor, IFormCollection, DateTimeOffset, MeetingCommand> command,
        Func<MeetingState, IFormCollection, FormErrors, IResult?>? invalidForm = null,
        Func<MeetingState, IFormCollection, IResult?>? appliedForm = null) =>
        RunAsync(http, meetingId, command,
            invalidForm is null ? null : (state, _, form, errors) => invalidForm(state, form, errors),
            appliedForm is null ? null : (state, _, form) => appliedForm(state, form),
            formForConflicts: false);

    /// <summary>
    /// The same, for forms that depend on who is asking, and that may also come back for a conflict
    /// (say, the scores were revealed while someone was still typing), with the reason beside the field.
    /// </summary>
    internal static async Task<IResult> RunAsync(
        HttpContext http,
        string meetingId,
        Func<Actor, IFormCollection, DateTimeOffset, MeetingCommand> command,
        Func<MeetingState, Actor, IFormCollection, FormErrors, IResult?>? refusedForm,
        Func<MeetingState, Actor, IFormCollection, IResult?>? appliedForm,
        bool formForConflicts)
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
        var outcome = await host.ExecuteAsync(command(actor, form!, now), form!.CommandId(), http.RequestAborted);

        if (outcome.Refusal is { } refusal)
        {
            var status = refusal.Kind switch
            {
                RefusalKind.Forbidden => StatusCodes.Status403Forbidden,
                RefusalKind.NotFound => StatusCodes.Status404NotFound,
                RefusalKind.Conflict => StatusCodes.Status409Conflict,
                _ => StatusCodes.Status422UnprocessableEntity,
            };
            var formFits = refusal.Kind == RefusalKind.Invalid || (formForConflicts && refusal.Kind == RefusalKind.Conflict);
            if (Forms.IsFetch(http.Request) && formFits
                && refusedForm?.Invoke(outcome.State, actor, form!, FormErrors.Of(refusal.Field, refusal.Message)) is { } formResult)
            {
                if (formResult is RazorComponentResult page) page.StatusCode = status;
                return formResult;
            }
            return Forms.Fail(http, status, refusal.Message);
        }

        if (!Forms.IsFetch(http.Request)) return Results.Redirect($"/m/{meetingId}", preserveMethod: false);
        return appliedForm?.Invoke(outcome.State, actor, form!) ?? Results.NoContent();
    }

    static IResult? AddForm(MeetingState state, IFormCollection form, FormErrors errors, bool fresh = false)
    {
        // An unknown category cannot re-render its own form: answer in plain text instead.
        if (Map.Parse(form.Value("category")) is not { } category) return null;
        return Forms.Page<AddItemForm>(new
        {
            MeetingId = state.Id,
            Category = Map.Info(category),
            Value = fresh ? null : form.Value("text"),
            Errors = errors,
        }, fresh ? StatusCodes.Status200OK : StatusCodes.Status422UnprocessableEntity);
    }
}
