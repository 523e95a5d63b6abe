using MeetingBoard.Meetings;
using MeetingBoard.Web.Features.Shared;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Storage;

namespace MeetingBoard.Web.Features.Join;

/// <summary>Joining without an account: a code, a name and a role, then the lobby.</summary>
public static class JoinEndpoints
{
    public static void MapJoin(this IEndpointRouteBuilder app)
    {
        app.MapGet("/join", (HttpContext http, string? code) => Forms.Page<JoinPage>(new { Chrome = Chrome.For(http), Code = code }));
        app.MapPost("/join", (Delegate)EnterCodeAsync);
        app.MapGet("/join/{code}", ShowDetailsAsync);
        app.MapPost("/join/{code}", AskToJoinAsync);
    }

    static async Task<IResult> EnterCodeAsync(HttpContext http)
    {
        var (form, failure) = await Forms.ReadAsync(http);
        if (failure is not null) return failure;
        var typed = form!.Value("code");
        var (state, error, status) = await FindAsync(http, typed);
        if (state is null)
            return Forms.Page<JoinPage>(new { Chrome = Chrome.For(http), Code = typed, Errors = FormErrors.Of("code", error!) }, status);
        return Results.Redirect($"/join/{JoinCode.Display(state.JoinCode)}");
    }

    static async Task<IResult> ShowDetailsAsync(HttpContext http, string code)
    {
        var (state, error, status) = await FindAsync(http, code);
        if (state is null)
            return Forms.Page<JoinPage>(new { Chrome = Chrome.For(http), Code = code, Errors = FormErrors.Of("code", error!) }, status);
        // Already asked from this browser: carry on where they were.
        if (Viewers.Resolve(http, state) is { Actor.Kind: ActorKind.Participant }) return Results.Redirect($"/m/{state.Id}");
        if (state.IsLocked) return Locked(http, code);
        var (participantId, secret) = ParticipantCookie.New();
        return Forms.Page<JoinDetailsPage>(new { Chrome = Chrome.For(http), State = state, ParticipantId = participantId, Secret = secret });
    }

    static IResult Locked(HttpContext http, string code) => Forms.Page<JoinPage>(new
    {
        Chrome = Chrome.For(http),
        Code = code,
        Errors = FormErrors.Of("code", "This meeting is locked. Nobody new can join. Speak to the facilitator"),
    }, StatusCodes.Status403Forbidden);

    static async Task<IResult> AskToJoinAsync(HttpContext http, string code, MeetingHosts hosts, TimeProvider time, JoinsPerCode perCode)
    {
        var (form, failure) = await Forms.ReadAsync(http);
        if (failure is not null) return failure;
        var (state, error, status) = await FindAsync(http, code);
        if (state is null)
            return Forms.Page<JoinPage>(new { Chrome = Chrome.For(http), Code = code, Errors = FormErrors.Of("code", error!) }, status);

        // The id and secret were made when the form was shown, so a double submit asks once and sets the same cookie.
        var participantId = form!.Value("participantId");
        var secret = form!.Value("secret");
        if (!MeetingHosts.IsWellFormedId(participantId) || secret is not { Length: 64 } || !secret.All(char.IsAsciiHexDigitLower))
            return Forms.Fail(http, StatusCodes.Status400BadRequest, "This form has expired. Go back, reload the page and try again.");

        var host = (await hosts.FindAsync(state.Id))!;
        var hash = ParticipantCookie.Hash(secret);
        if (host.State.FindParticipant(participantId!) is { } existing)
        {
            if (existing.SecretHash != hash)
                return Forms.Fail(http, StatusCodes.Status400BadRequest, "This form has expired. Go back, reload the page and try again.");
        }
        else
        {
            // Counted per meeting (so per code): a leaked code cannot be used to flood the lobby.
            if (perCode.Counter.IsBlocked(state.Id))
                return Forms.Fail(http, StatusCodes.Status429TooManyRequests,
                    "Too many people have asked to join this meeting in the last few minutes. Wait a few minutes, then try again.");
            var command = new AskToJoin(participantId!, form!.Value("name"), form!.Value("role"), hash,
                Actor.Participant(participantId!), time.GetUtcNow());
            var outcome = await host.ExecuteAsync(command, null, http.RequestAborted);
            if (outcome.Refusal is { } refusal)
            {
                if (refusal.Kind == RefusalKind.Forbidden && outcome.State.IsLocked) return Locked(http, code);
                if (refusal.Kind != RefusalKind.Invalid) return Forms.Fail(http, StatusCodes.Status409Conflict, refusal.Message);
                return Forms.Page<JoinDetailsPage>(new
                {
                    Chrome = Chrome.For(http),
                    State = state,
                    ParticipantId = participantId,
                    Secret = secret,
                    Name = form!.Value("name"),
                    Role = form!.Value("role"),
                    Errors = FormErrors.Of(refusal.Field, refusal.Message),
                }, StatusCodes.Status422UnprocessableEntity);
            }
            perCode.Counter.Record(state.Id);
        }
        ParticipantCookie.Set(http, state.Id, participantId!, secret);
        return Results.Redirect($"/m/{state.Id}");
    }

    /// <summary>The open meeting a typed code belongs to, or why not. Wrong codes count against the address.</summary>
    static async Task<(MeetingState? State, string? Error, int Status)> FindAsync(HttpContext http, string? typed)
    {
        var attempts = http.RequestServices.GetRequiredService<JoinAttempts>();
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (attempts.IsBlocked(address))
            return (null, "Too many wrong codes have been tried from this network. Wait 10 minutes, then try again", StatusCodes.Status429TooManyRequests);
        if (string.IsNullOrWhiteSpace(typed))
            return (null, "Enter the join code", StatusCodes.Status400BadRequest);

        var code = JoinCode.Normalise(typed);
        var meetingId = code is null ? null : await http.RequestServices.GetRequiredService<IEventStore>().FindByJoinCodeAsync(code);
        var host = meetingId is null ? null : await http.RequestServices.GetRequiredService<MeetingHosts>().FindAsync(meetingId);
        if (host is null)
        {
            attempts.Record(address);
            return (null, "There is no meeting with that code. Check the code and try again", StatusCodes.Status404NotFound);
        }
        var state = await host.CatchUpAsync();
        if (state.IsClosed)
            return (null, "This meeting has closed. You can no longer join it", StatusCodes.Status410Gone);
        return (state, null, StatusCodes.Status200OK);
    }
}
