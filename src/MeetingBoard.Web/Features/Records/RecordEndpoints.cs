using MeetingBoard.Records;
using MeetingBoard.Web.Features.Shared;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Storage;

namespace MeetingBoard.Web.Features.Records;

/// <summary>
/// The meeting record in each format, and the audit trail: for this meeting's facilitator only, at
/// any time (mid-meeting too). Everyone else gets "not found", so a record's address reveals nothing.
/// </summary>
public static class RecordEndpoints
{
    public static void MapRecords(this IEndpointRouteBuilder app)
    {
        app.MapGet("/m/{meetingId}/record", (HttpContext http, string meetingId) =>
            WithRecordAsync(http, meetingId, (record, zone, _) => Page<RecordPage>(http, record, RecordMarkdown.Write(record, zone))));
        app.MapGet("/m/{meetingId}/record/family", (HttpContext http, string meetingId) =>
            WithRecordAsync(http, meetingId, (record, zone, _) => Page<FamilyRecordPage>(http, record, FamilyRecord.Write(record, zone))));
        app.MapGet("/m/{meetingId}/record.md", (HttpContext http, string meetingId) =>
            WithRecordAsync(http, meetingId, (record, zone, _) => File(http, record, RecordMarkdown.Write(record, zone), "md", "text/markdown; charset=utf-8")));
        app.MapGet("/m/{meetingId}/record.txt", (HttpContext http, string meetingId) =>
            WithRecordAsync(http, meetingId, (record, zone, _) => File(http, record, RecordText.Write(record, zone), "txt", "text/plain; charset=utf-8")));
        app.MapGet("/m/{meetingId}/record.json", (HttpContext http, string meetingId) =>
            WithRecordAsync(http, meetingId, (record, _, _) => File(http, record, RecordJson.Write(record), "json", "application/json; charset=utf-8")));
        app.MapGet("/m/{meetingId}/audit", (HttpContext http, string meetingId) =>
            WithRecordAsync(http, meetingId, (record, _, events) =>
            {
                NoStore(http);
                return Forms.Page<AuditPage>(new
                {
                    Chrome = Chrome.For(http),
                    Record = record,
                    Trail = MeetingRecords.AuditTrail(events),
                    Clock = http.RequestServices.GetRequiredService<MeetingClock>(),
                });
            }));
    }

    /// <summary>Confirming, then deleting a meeting now: its facilitator only.</summary>
    public static void MapDeletion(this IEndpointRouteBuilder app)
    {
        app.MapGet("/m/{meetingId}/delete", async (HttpContext http, string meetingId, MeetingHosts hosts, RetentionPolicy retention, MeetingClock clock) =>
        {
            if (await hosts.FindAsync(meetingId) is not { } host) return await StaticPages.MeetingGoneAsync(http, meetingId);
            var state = await host.CatchUpAsync();
            if (Viewers.Resolve(http, state) is not { Audience: Audience.Facilitator }) return StaticPages.MeetingNotFound(http);
            return Forms.Page<DeleteMeetingPage>(new
            {
                Chrome = Chrome.For(http),
                State = state,
                PurgeDate = retention.PurgeDate(state) is { } date ? clock.DateAndTime(date) : null,
            });
        });
        app.MapPost("/m/{meetingId}/delete", async (HttpContext http, string meetingId, MeetingHosts hosts, MeetingDeletion deletion) =>
        {
            var (_, failure) = await Forms.ReadAsync(http);
            if (failure is not null) return failure;
            if (await hosts.FindAsync(meetingId) is not { } host) return await StaticPages.MeetingGoneAsync(http, meetingId);
            if (Viewers.Resolve(http, host.State) is not { Audience: Audience.Facilitator })
                return Forms.Fail(http, StatusCodes.Status404NotFound, "This meeting could not be found.");
            await deletion.DeleteAsync(meetingId, http.RequestAborted);
            return Results.Redirect("/meetings");
        });
    }

    /// <summary>Builds the record from the stored log once the caller is known to be this meeting's facilitator.</summary>
    static async Task<IResult> WithRecordAsync(HttpContext http, string meetingId, Func<MeetingRecord, TimeZoneInfo, IReadOnlyList<VersionedEvent>, IResult> answer)
    {
        var hosts = http.RequestServices.GetRequiredService<MeetingHosts>();
        if (await hosts.FindAsync(meetingId) is not { } host) return await StaticPages.MeetingGoneAsync(http, meetingId);
        if (Viewers.Resolve(http, host.State) is not { Audience: Audience.Facilitator })
            return StaticPages.MeetingNotFound(http);

        var store = http.RequestServices.GetRequiredService<IEventStore>();
        var events = await store.ReadAsync(meetingId, 0, http.RequestAborted);
        if (events.Count == 0) return await StaticPages.MeetingGoneAsync(http, meetingId);
        var clock = http.RequestServices.GetRequiredService<MeetingClock>();
        var versioned = events.Select(e => new VersionedEvent(e.Version, e.Event)).ToList();
        return answer(MeetingRecords.Build(versioned, clock.Now), clock.Zone, versioned);
    }

    static IResult Page<T>(HttpContext http, MeetingRecord record, string markdown) where T : Microsoft.AspNetCore.Components.IComponent
    {
        NoStore(http);
        return Forms.Page<T>(new
        {
            Chrome = Chrome.For(http),
            Record = record,
            Clock = http.RequestServices.GetRequiredService<MeetingClock>(),
            Html = RecordHtml.Render(markdown),
        });
    }

    static IResult File(HttpContext http, MeetingRecord record, string content, string extension, string contentType)
    {
        NoStore(http);
        http.Response.Headers.ContentDisposition = $"inline; filename=\"meeting-record-{record.Details.StartedAt:yyyy-MM-dd}.{extension}\"";
        return Results.Text(content, contentType);
    }

    // Records are special category personal data: never kept by a browser or proxy cache.
    static void NoStore(HttpContext http) => http.Response.Headers.CacheControl = "no-store";
}
