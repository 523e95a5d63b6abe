using System.Data.Common;
using MeetingBoard.Web.Features.Shared;

namespace MeetingBoard.Web.Storage;

/// <summary>
/// When the database cannot be reached the person is told so plainly (503), never shown a stack
/// trace. Nothing was applied: a host only changes its state after the append commits.
/// </summary>
public static class StoreUnavailable
{
    public const string Message = "MeetingBoard cannot reach its database just now, so this was not saved. Wait a minute and try again.";

    public static IApplicationBuilder UseStoreUnavailableAnswer(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        try
        {
            await next();
        }
        catch (Exception e) when (IsStoreFailure(e) && !http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StoreUnavailable))
                .LogError("The store did not answer {Method} {Path}: {Error}", http.Request.Method, http.Request.Path, e.GetType().Name);
            http.Response.Clear();
            http.Response.Headers.RetryAfter = "30";
            await Forms.Fail(http, StatusCodes.Status503ServiceUnavailable, Message).ExecuteAsync(http);
        }
    });

    static bool IsStoreFailure(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is DbException or TimeoutException) return true;
        return false;
    }
}
