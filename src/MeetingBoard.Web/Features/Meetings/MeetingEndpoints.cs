using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Web.Features.Cases;
using MeetingBoard.Web.Features.Shared;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Storage;

namespace MeetingBoard.Web.Features.Meetings;

/// <summary>A facilitator's page of meetings (its list is live: MeetingList.razor), and starting one (empty, or the demo).</summary>
public static class MeetingEndpoints
{
    public static void MapMeetings(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", (HttpContext http) => Viewers.FacilitatorId(http.User) is null ? Results.Redirect("/join") : Results.Redirect("/meetings"));
        app.MapGet("/meetings", (Delegate)((HttpContext http) => ListAsync(http, FormErrors.None, null))).RequireAuthorization();
        app.MapPost("/meetings", CreateAsync).RequireAuthorization();
        app.MapPost("/meetings/demo", CreateDemoAsync).RequireAuthorization();
    }

    static async Task<IResult> ListAsync(HttpContext http, FormErrors errors, IFormCollection? form) =>
        Forms.Page<MeetingsPage>(new
        {
            Chrome = Chrome.For(http),
            NewMeetingId = MeetingHosts.NewId(),
            NewDemoId = MeetingHosts.NewId(),
            Type = form?.Value("type"),
            Title = form?.Value("title"),
            CaseReference = form?.Value("caseReference"),
            Cases = await http.RequestServices.GetRequiredService<CaseDirectory>().VisibleAsync(Viewers.FacilitatorId(http.User)!),
            CaseId = form?.Value("caseId"),
            StartFromLast = form is null || form.Value("startFromLast") == "yes",
            Wording = form?.Value("wording"),
            AdmitAutomatically = form?.Value("admitAutomatically") == "yes",
            Errors = errors,
        }, errors.Count > 0 ? StatusCodes.Status422UnprocessableEntity : StatusCodes.Status200OK);

    static async Task<IResult> CreateAsync(HttpContext http, MeetingHosts hosts, TimeProvider time)
    {
        var (form, failure) = await Forms.ReadAsync(http);
        if (failure is not null) return failure;
        var (meetingId, done) = await NewMeetingIdAsync(http, form!, hosts);
        if (done is not null) return done;
        var facilitator = Actor.Facilitator(Viewers.FacilitatorId(http.User)!);
        // The words the board uses (Practice/Wording.cs); Signs of Safety unless another is chosen.
        var wording = string.IsNullOrEmpty(form!.Value("wording")) ? Wording.SignsOfSafety : Vocabulary.Parse(form!.Value("wording"));
        if (wording is null) return await ListAsync(http, FormErrors.Of("wording", "Choose the words this meeting uses"), form);
        // The case: one the facilitator may see, or a new one named in the case field, or none.
        var directory = http.RequestServices.GetRequiredService<CaseDirectory>();
        var cases = http.RequestServices.GetRequiredService<ICaseStore>();
        var caseReference = form!.Value("caseReference");
        CaseEntry? existing = null;
        string? caseId = null;
        if (!string.IsNullOrEmpty(form!.Value("caseId")))
        {
            existing = await directory.FindVisibleAsync(form!.Value("caseId"), facilitator.Id);
            if (existing is null) return await ListAsync(http, FormErrors.Of("caseId", "Choose one of your cases, or a new one"), form);
            if (!string.IsNullOrWhiteSpace(caseReference))
                return await ListAsync(http, FormErrors.Of("caseReference", "Leave the name of a new case empty when you choose an existing case"), form);
            (caseId, caseReference) = (existing.Id, existing.Name);
        }
        else if (!string.IsNullOrWhiteSpace(caseReference))
        {
            // The same name again is almost always the same family: a second case would split its meetings.
            var typed = caseReference.Normalize().Trim();
            if ((await directory.VisibleAsync(facilitator.Id)).FirstOrDefault(c => string.Equals(c.Name, typed, StringComparison.OrdinalIgnoreCase)) is { } same)
                return await ListAsync(http, FormErrors.Of("caseReference",
                    $"You already have a case called {same.Name}. Choose it from the list of cases, or give the new case another name"), form);
            caseId = MeetingHosts.NewId();
        }
        var outcome = await hosts.CreateAsync(code => new CreateMeeting(meetingId, form!.Value("type"), form!.Value("title"),
            caseReference, http.User.Identity!.Name!, code, NewScreenKey(), facilitator, time.GetUtcNow(),
            AdmitAutomatically: form!.Value("admitAutomatically") == "yes", CaseId: caseId), null);
        if (outcome.Refusal is { } refusal) return await ListAsync(http, FormErrors.Of(refusal.Field, refusal.Message), form);
        if (caseId is not null)
        {
            if (existing is null) await cases.AddAsync(new CaseEntry(caseId, outcome.State.CaseReference!, facilitator.Id, time.GetUtcNow()));
            await cases.AddMeetingAsync(caseId, meetingId, outcome.State.CreatedAt);
        }
        var host = await hosts.FindAsync(meetingId);
        if (wording != Wording.SignsOfSafety && host is not null)
            await host.ExecuteAsync(new ChooseWording(wording.ToString(), facilitator, time.GetUtcNow()), null);
        if (existing is not null && form!.Value("startFromLast") == "yes" && host is not null)
            await directory.CarryIntoAsync(host, facilitator);
        return Results.Redirect($"/m/{meetingId}");
    }

    static async Task<IResult> CreateDemoAsync(HttpContext http, MeetingHosts hosts, TimeProvider time)
    {
        var (form, failure) = await Forms.ReadAsync(http);
        if (failure is not null) return failure;
        var (meetingId, done) = await NewMeetingIdAsync(http, form!, hosts);
        if (done is not null) return done;
        await DemoMeeting.CreateAsync(hosts, meetingId, Actor.Facilitator(Viewers.FacilitatorId(http.User)!),
            http.User.Identity!.Name!, NewScreenKey(), time.GetUtcNow());
        return Results.Redirect($"/m/{meetingId}");
    }

    /// <summary>
    /// The meeting id comes with the form, made when the page was shown: a double submit then names a
    /// meeting that already exists, and is answered by going to it instead of starting a second one.
    /// </summary>
    static async Task<(string MeetingId, IResult? Done)> NewMeetingIdAsync(HttpContext http, IFormCollection form, MeetingHosts hosts)
    {
        var meetingId = form.Value("meetingId");
        if (!MeetingHosts.IsWellFormedId(meetingId))
            return ("", Forms.Fail(http, StatusCodes.Status400BadRequest, "This form has expired. Go back, reload the page and try again."));
        if (await hosts.FindAsync(meetingId!) is { } existing)
            return ("", existing.State.FacilitatorId == Viewers.FacilitatorId(http.User)
                ? Results.Redirect($"/m/{meetingId}")
                : Forms.Fail(http, StatusCodes.Status400BadRequest, "This form has expired. Go back, reload the page and try again."));
        return (meetingId!, null);
    }

    static string NewScreenKey() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(20));
}
