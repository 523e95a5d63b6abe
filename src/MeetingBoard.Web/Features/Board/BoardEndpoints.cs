using Microsoft.AspNetCore.Http.HttpResults;
using MeetingBoard.Board;
using MeetingBoard.Meetings;
using MeetingBoard.Web.Features.Join;
using MeetingBoard.Web.Features.Shared;
using MeetingBoard.Web.Live;

namespace MeetingBoard.Web.Features.Board;

/// <summary>The form posts that remain while features move onto the circuit (see MeetingSession.RunAsync).</summary>
public static class BoardEndpoints
{
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
}
