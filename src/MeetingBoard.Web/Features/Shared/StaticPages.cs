namespace MeetingBoard.Web.Features.Shared;

public static class StaticPages
{
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
