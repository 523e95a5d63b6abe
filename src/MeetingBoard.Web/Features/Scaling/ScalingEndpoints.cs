using MeetingBoard.Web.Features.Board;
using MeetingBoard.Meetings;
using MeetingBoard.Scaling;
using MeetingBoard.Web.Features.Shared;
using MeetingBoard.Web.Live;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MeetingBoard.Web.Features.Scaling;

/// <summary>
/// Every change to scaling rounds. None of these answers ever carries anyone's score but the
/// caller's own: a participant's answer is their own form, everything else arrives as live patches.
/// </summary>
public static class ScalingEndpoints
{
    public static void MapScaling(this IEndpointRouteBuilder app)
    {
        app.MapPost("/m/{meetingId}/rounds", (HttpContext http, string meetingId) =>
            RunAsync(http, meetingId, (actor, form, now) =>
                new StartRound(MeetingHosts.NewId(), form.Value("question"), form.Value("tenMeans"), form.Value("zeroMeans"), form.Value("dangerStatement"), actor, now),
                (state, _, form, errors) => Forms.Page<StartRoundForm>(new
                {
                    State = state,
                    Question = form.Value("question") ?? "",
                    TenMeans = form.Value("tenMeans") ?? "",
                    ZeroMeans = form.Value("zeroMeans") ?? "",
                    DangerStatement = form.Value("dangerStatement"),
                    Errors = errors,
                }, StatusCodes.Status422UnprocessableEntity)));

        app.MapPost("/m/{meetingId}/rounds/{roundId}/score", (HttpContext http, string meetingId, string roundId) =>
            RunAsync(http, meetingId, (actor, form, now) =>
                new GiveScore(roundId, Attempt(form), form.Value("score"), form.Value("reason"), form.Value("oneHigher"), actor, now),
                (state, actor, form, errors) => state.Scaling.Find(roundId) is { } round
                    ? Forms.Page<ScoreForm>(new
                    {
                        MeetingId = meetingId,
                        Round = round,
                        Mine = round.Attempt.Of(actor.Key),
                        Score = form.Value("score") ?? "",
                        Reason = form.Value("reason") ?? "",
                        OneHigher = form.Value("oneHigher") ?? "",
                        Errors = errors,
                    }, StatusCodes.Status422UnprocessableEntity)
                    : null,
                (state, actor, _) => MyForm(state, roundId, actor)));

        app.MapPost("/m/{meetingId}/rounds/{roundId}/pass", (HttpContext http, string meetingId, string roundId) =>
            RunAsync(http, meetingId, (actor, form, now) => new PassRound(roundId, Attempt(form), actor, now),
                (state, actor, _, errors) => state.Scaling.Find(roundId) is { } round
                    ? Forms.Page<ScoreForm>(new { MeetingId = meetingId, Round = round, Mine = round.Attempt.Of(actor.Key), Errors = errors },
                        StatusCodes.Status409Conflict)
                    : null,
                (state, actor, _) => MyForm(state, roundId, actor)));

        app.MapPost("/m/{meetingId}/rounds/{roundId}/record", (HttpContext http, string meetingId, string roundId) =>
            RunAsync(http, meetingId, (actor, form, now) =>
                new RecordScoreFor(roundId, Attempt(form), MeetingHosts.NewId(), form.Value("name"), form.Value("role"), form.Value("group"),
                    form.Value("score"), form.Value("reason"), form.Value("oneHigher"), actor, now),
                (state, _, form, errors) => state.Scaling.Find(roundId) is { } round
                    ? Forms.Page<RecordForForm>(new
                    {
                        MeetingId = meetingId,
                        Round = round,
                        Name = form.Value("name") ?? "",
                        Role = form.Value("role") ?? "",
                        Group = form.Value("group"),
                        Score = form.Value("score") ?? "",
                        Reason = form.Value("reason") ?? "",
                        OneHigher = form.Value("oneHigher") ?? "",
                        Errors = errors,
                    }, StatusCodes.Status422UnprocessableEntity)
                    : null,
                (state, _, _) => state.Scaling.Find(roundId) is { } round
                    ? Forms.Page<RecordForForm>(new { MeetingId = meetingId, Round = round })
                    : null));

        app.MapPost("/m/{meetingId}/rounds/{roundId}/reveal", (HttpContext http, string meetingId, string roundId) =>
            RunAsync(http, meetingId, (actor, _, now) => new RevealRound(roundId, actor, now)));
        app.MapPost("/m/{meetingId}/rounds/{roundId}/rerun", (HttpContext http, string meetingId, string roundId) =>
            RunAsync(http, meetingId, (actor, _, now) => new RerunRound(roundId, actor, now)));
        app.MapPost("/m/{meetingId}/rounds/{roundId}/close", (HttpContext http, string meetingId, string roundId) =>
            RunAsync(http, meetingId, (actor, _, now) => new CloseRound(roundId, actor, now)));

        app.MapPost("/m/{meetingId}/scaling-groups/{participantId}", (HttpContext http, string meetingId, string participantId) =>
            RunAsync(http, meetingId, (actor, form, now) => new SetScalingGroup(participantId, form.Value("group"), actor, now)));
    }

    /// <summary>The attempt the form was shown for; 0 (never an attempt) when missing, so a stale form is refused, not miscounted.</summary>
    static int Attempt(IFormCollection form) => int.TryParse(form.Value("attempt"), out var n) ? n : 0;

    static IResult? MyForm(MeetingState state, string roundId, Actor actor) =>
        state.Scaling.Find(roundId) is { } round
            ? Forms.Page<ScoreForm>(new { MeetingId = state.Id, Round = round, Mine = round.Attempt.Of(actor.Key) })
            : null;

    /// <summary>Like the board's, except that a form also comes back for a conflict (the scores were revealed meanwhile), with the reason.</summary>
    static Task<IResult> RunAsync(
        HttpContext http,
        string meetingId,
        Func<Actor, IFormCollection, DateTimeOffset, MeetingCommand> command,
        Func<MeetingState, Actor, IFormCollection, FormErrors, IResult?>? refusedForm = null,
        Func<MeetingState, Actor, IFormCollection, IResult?>? appliedForm = null) =>
        BoardEndpoints.RunAsync(http, meetingId, command, refusedForm, appliedForm, formForConflicts: true);
}
