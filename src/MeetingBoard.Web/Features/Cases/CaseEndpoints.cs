using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingBoard.Cases;
using MeetingBoard.Meetings;
using MeetingBoard.Records;
using MeetingBoard.Web.Features.Records;
using MeetingBoard.Web.Features.Shared;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Storage;

namespace MeetingBoard.Web.Features.Cases;

/// <summary>
/// A case's page (its meetings, who may see it, its scaling series), adding and removing people, its
/// JSON, deleting it; and a meeting's preparation page. Facilitators only; anyone who may not see the
/// case or meeting gets "not found", so an address reveals nothing.
/// </summary>
public static class CaseEndpoints
{
    public static void MapCases(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/cases/{caseId}").RequireAuthorization();
        app.MapGet("/cases/{caseId}", (HttpContext http, string caseId) => WithCaseAsync(http, caseId, (entry, _) => CasePageAsync(http, entry, FormErrors.None, null)))
            .RequireAuthorization();
        cases.MapPost("/members", (HttpContext http, string caseId) => WithCaseAsync(http, caseId, (entry, account) => AddMemberAsync(http, entry, account)));
        cases.MapPost("/members/remove", (HttpContext http, string caseId) => WithCaseAsync(http, caseId, (entry, account) => RemoveMemberAsync(http, entry, account)));
        cases.MapGet("/record.json", (HttpContext http, string caseId) => WithCaseAsync(http, caseId, (entry, _) => JsonAsync(http, entry)));
        cases.MapGet("/delete", (HttpContext http, string caseId) => WithCaseAsync(http, caseId, async (entry, account) =>
            entry.OwnerId != account
                ? Forms.Fail(http, StatusCodes.Status403Forbidden, "Only the facilitator who made this case can delete it.")
                : Forms.Page<DeleteCasePage>(new { Chrome = Chrome.For(http), Case = entry, Meetings = await Directory(http).MeetingsAsync(entry.Id) })));
        cases.MapPost("/delete", (HttpContext http, string caseId) => WithCaseAsync(http, caseId, (entry, account) => DeleteAsync(http, entry, account)));

        var prepare = app.MapGroup("/m/{meetingId}/prepare").RequireAuthorization();
        app.MapGet("/m/{meetingId}/prepare", (HttpContext http, string meetingId) => WithMeetingAsync(http, meetingId, (host, _) => PreparePageAsync(http, host, FormErrors.None, null)))
            .RequireAuthorization();
        prepare.MapPost("/best", (HttpContext http, string meetingId) => WithMeetingAsync(http, meetingId, (host, by) =>
            PrepareAsync(http, host, form => new PrepareBestQuestion(NewId(form), form.Value("text"), form.Value("for"), by, Now(http)), "best-")));
        prepare.MapPost("/scaling", (HttpContext http, string meetingId) => WithMeetingAsync(http, meetingId, (host, by) =>
            PrepareAsync(http, host, form => new PrepareScalingQuestion(NewId(form), form.Value("text"), form.Value("tenMeans"), form.Value("zeroMeans"),
                form.Value("statementId"), by, Now(http)), "scaling-")));
        prepare.MapPost("/remove", (HttpContext http, string meetingId) => WithMeetingAsync(http, meetingId, (host, by) =>
            PrepareAsync(http, host, form => new RemovePreparedQuestion(form.Value("questionId") ?? "", by, Now(http)), "")));
        prepare.MapPost("/copy", (HttpContext http, string meetingId) => WithMeetingAsync(http, meetingId, async (host, by) =>
        {
            var (form, failure) = await Forms.ReadAsync(http);
            if (failure is not null) return failure;
            var outcome = await Directory(http).CopyQuestionsAsync(host, by);
            if (outcome?.Refusal is { } refusal) return await PreparePageAsync(http, host, FormErrors.Of("", refusal.Message), form);
            return Results.Redirect($"/m/{host.MeetingId}/prepare");
        }));
    }

    static CaseDirectory Directory(HttpContext http) => http.RequestServices.GetRequiredService<CaseDirectory>();
    static ICaseStore Store(HttpContext http) => http.RequestServices.GetRequiredService<ICaseStore>();
    static DateTimeOffset Now(HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();

    /// <summary>The form's own id for what it adds (made when the page was shown, so a double submit adds it once), or a new one.</summary>
    static string NewId(IFormCollection form) => MeetingHosts.IsWellFormedId(form.Value("id")) ? form.Value("id")! : MeetingHosts.NewId();

    static IResult CaseNotFound(HttpContext http) => Forms.Page<MessagePage>(new
    {
        Chrome = Chrome.For(http),
        Heading = "Case not found",
        Paragraphs = new[] { "We could not find this case, or it is not one you can see. A case is seen by the facilitator who made it, the facilitators they add, and the facilitators of its meetings." },
        LinkHref = "/meetings",
        LinkText = "Go to your meetings",
    }, StatusCodes.Status404NotFound);

    static async Task<IResult> WithCaseAsync(HttpContext http, string caseId, Func<CaseEntry, string, Task<IResult>> answer)
    {
        var account = Viewers.FacilitatorId(http.User)!;
        return await Directory(http).FindVisibleAsync(caseId, account, http.RequestAborted) is { } entry
            ? await answer(entry, account)
            : CaseNotFound(http);
    }

    static async Task<IResult> WithMeetingAsync(HttpContext http, string meetingId, Func<MeetingHost, Actor, Task<IResult>> answer)
    {
        var hosts = http.RequestServices.GetRequiredService<MeetingHosts>();
        if (await hosts.FindAsync(meetingId) is not { } host) return await StaticPages.MeetingGoneAsync(http, meetingId);
        var state = await host.CatchUpAsync();
        if (Viewers.Resolve(http, state) is not { Audience: Audience.Facilitator, Actor: { } by }) return StaticPages.MeetingNotFound(http);
        return await answer(host, by);
    }

    static async Task<IResult> CasePageAsync(HttpContext http, CaseEntry entry, FormErrors errors, IFormCollection? form)
    {
        var directory = Directory(http);
        var meetings = await directory.MeetingsAsync(entry.Id);
        var series = Trajectories.Past(meetings, directory.Day);
        return Forms.Page<CasePage>(new
        {
            Chrome = Chrome.For(http),
            Case = entry,
            IsOwner = entry.OwnerId == Viewers.FacilitatorId(http.User),
            Owner = await http.RequestServices.GetRequiredService<IAccountStore>().FindAsync(entry.OwnerId),
            Members = await directory.MembersAsync(entry.Id),
            Meetings = meetings,
            Series = series,
            People = series.ToDictionary(s => s.Key, s => Trajectories.People(meetings, s.Key, directory.Day)),
            Email = form?.Value("email"),
            Errors = errors,
        }, errors.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }

    static async Task<IResult> AddMemberAsync(HttpContext http, CaseEntry entry, string account)
    {
        var (form, failure) = await Forms.ReadAsync(http);
        if (failure is not null) return failure;
        if (entry.OwnerId != account) return Forms.Fail(http, StatusCodes.Status403Forbidden, "Only the facilitator who made this case can add people to it.");
        var email = form!.Value("email")?.Trim() ?? "";
        if (email.Length == 0) return await CasePageAsync(http, entry, FormErrors.Of("email", "Enter the email address of the facilitator to add"), form);
        if (email.Length > 254 || !email.Contains('@'))
            return await CasePageAsync(http, entry, FormErrors.Of("email", "Enter an email address in the correct format, like name@example.org"), form);
        var accounts = http.RequestServices.GetRequiredService<IAccountStore>();
        if (await accounts.FindByEmailAsync(email) is not { } person)
            return await CasePageAsync(http, entry, FormErrors.Of("email", "There is no facilitator with that email address. They need a MeetingBoard account first"), form);
        if (person.Id == entry.OwnerId)
            return await CasePageAsync(http, entry, FormErrors.Of("email", "That is you: you made this case, so you can already see it"), form);
        await Store(http).AddMemberAsync(entry.Id, person.Id, Now(http));
        return Results.Redirect($"/cases/{entry.Id}");
    }

    static async Task<IResult> RemoveMemberAsync(HttpContext http, CaseEntry entry, string account)
    {
        var (form, failure) = await Forms.ReadAsync(http);
        if (failure is not null) return failure;
        if (entry.OwnerId != account) return Forms.Fail(http, StatusCodes.Status403Forbidden, "Only the facilitator who made this case can remove people from it.");
        await Store(http).RemoveMemberAsync(entry.Id, form!.Value("accountId") ?? "");
        return Results.Redirect($"/cases/{entry.Id}");
    }

    static async Task<IResult> DeleteAsync(HttpContext http, CaseEntry entry, string account)
    {
        var (_, failure) = await Forms.ReadAsync(http);
        if (failure is not null) return failure;
        if (entry.OwnerId != account) return Forms.Fail(http, StatusCodes.Status403Forbidden, "Only the facilitator who made this case can delete it.");
        var deletion = http.RequestServices.GetRequiredService<MeetingDeletion>();
        foreach (var id in await Store(http).MeetingsAsync(entry.Id))
            await deletion.DeleteAsync(id, http.RequestAborted);
        await Store(http).DeleteAsync(entry.Id);
        return Results.Redirect("/meetings");
    }

    /// <summary>The case as JSON: every meeting's record, and the series with each person's line (for facilitators who may see every meeting).</summary>
    static async Task<IResult> JsonAsync(HttpContext http, CaseEntry entry)
    {
        var directory = Directory(http);
        var store = http.RequestServices.GetRequiredService<IEventStore>();
        var clock = http.RequestServices.GetRequiredService<MeetingClock>();
        var meetings = await directory.MeetingsAsync(entry.Id);
        var records = new JsonArray();
        foreach (var meeting in meetings)
        {
            var events = await store.ReadAsync(meeting.Id, 0, http.RequestAborted);
            var record = MeetingRecords.Build([.. events.Select(e => new VersionedEvent(e.Version, e.Event))], clock.Now);
            records.Add(JsonNode.Parse(RecordJson.Write(record)));
        }
        var series = Trajectories.Past(meetings, directory.Day);
        var json = new JsonObject
        {
            ["case"] = new JsonObject { ["id"] = entry.Id, ["name"] = entry.Name, ["createdAt"] = entry.CreatedAt.ToString("O") },
            ["series"] = JsonSerializer.SerializeToNode(series.Select(s => new
            {
                s.Key,
                s.Title,
                s.Points,
                People = Trajectories.People(meetings, s.Key, directory.Day).Select(p => new
                {
                    p.Name, p.Role, Group = p.Group.ToString(), Scores = p.Scores.Select(x => new { x.MeetingId, x.Score }),
                }),
            }), RecordJsonOptions),
            ["meetings"] = records,
        };
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.ContentDisposition = "inline; filename=\"case-record.json\"";
        return Results.Text(json.ToJsonString(RecordJsonOptions), "application/json; charset=utf-8");
    }

    static readonly JsonSerializerOptions RecordJsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    static async Task<IResult> PreparePageAsync(HttpContext http, MeetingHost host, FormErrors errors, IFormCollection? form)
    {
        var directory = Directory(http);
        var state = host.State;
        var earlier = await directory.EarlierAsync(state);
        var all = earlier.Append(state).ToList();
        var series = Trajectories.Of(state with { Continuity = state.Continuity with { History = Trajectories.Past(earlier, directory.Day) } }, directory.Day);
        return Forms.Page<PreparePage>(new
        {
            Chrome = Chrome.For(http),
            State = state,
            Last = earlier.Count > 0 ? earlier[^1] : null,
            Series = series,
            People = series.ToDictionary(s => s.Key, s => Trajectories.People(all, s.Key, directory.Day)),
            NewId = MeetingHosts.NewId(),
            Form = form,
            Errors = errors,
        }, errors.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);
    }

    static async Task<IResult> PrepareAsync(HttpContext http, MeetingHost host, Func<IFormCollection, CaseCommand> command, string prefix)
    {
        var (form, failure) = await Forms.ReadAsync(http);
        if (failure is not null) return failure;
        var outcome = await host.ExecuteAsync(command(form!), null);
        // A double submit names a question already added: it is there, so go to it.
        if (outcome.Refusal is { Kind: RefusalKind.Conflict } && host.State.Continuity.FindPrepared(form!.Value("id") ?? "") is not null)
            return Results.Redirect($"/m/{host.MeetingId}/prepare");
        if (outcome.Refusal is { } refusal)
            return await PreparePageAsync(http, host, FormErrors.Of(refusal.Field is "" ? "" : prefix + refusal.Field, refusal.Message), form);
        return Results.Redirect($"/m/{host.MeetingId}/prepare");
    }
}
