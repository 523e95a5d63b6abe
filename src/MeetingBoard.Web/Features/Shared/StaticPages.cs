using MeetingBoard.Web.Live;
using MeetingBoard.Web.Storage;

namespace MeetingBoard.Web.Features.Shared;

public static class StaticPages
{
    /// <summary>
    /// A meeting that is not there: "deleted" when its tombstone says so (with the date, nothing else
    /// is kept), otherwise "not found".
    /// </summary>
    public static async Task<IResult> MeetingGoneAsync(HttpContext http, string meetingId)
    {
        if (!MeetingHosts.IsWellFormedId(meetingId)) return MeetingNotFound(http);
        var store = http.RequestServices.GetRequiredService<IEventStore>();
        if (await store.FindDeletedAsync(meetingId, http.RequestAborted) is not { } deletedAt) return MeetingNotFound(http);
        var clock = http.RequestServices.GetRequiredService<MeetingClock>();
        http.Response.Headers.CacheControl = "no-store";
        return Forms.Page<MessagePage>(new
        {
            Chrome = Chrome.For(http),
            Heading = "This meeting was deleted",
            Paragraphs = new[]
            {
                $"This meeting was deleted on {clock.DateAndTime(deletedAt)}. Nothing of it is kept: not the board, not the record, not who took part.",
                "Meetings are deleted a set number of days after they close, or earlier by their facilitator, because what is said in them is about children and families and is kept no longer than needed.",
            },
            LinkHref = "/",
            LinkText = "Go to the start page",
            IsError = false,
        }, StatusCodes.Status410Gone);
    }

    public static IResult MeetingNotFound(HttpContext http) => Forms.Page<MessagePage>(new
    {
        Chrome = Chrome.For(http),
        Heading = "Meeting not found",
        Paragraphs = new[]
        {
            "We could not find this meeting. It may have been deleted, or the link may be wrong.",
            "If you were given a join code, enter it on the join page.",
        },
        LinkHref = "/join",
        LinkText = "Go to the join page",
        IsError = true,
    }, StatusCodes.Status404NotFound);
}
