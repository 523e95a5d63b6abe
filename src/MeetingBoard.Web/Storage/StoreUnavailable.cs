using System.Data.Common;
using MeetingBoard.Web.Features.Shared;

namespace MeetingBoard.Web.Storage;

/// <summary>
/// When the database cannot be reached the person is told so plainly (503), never shown a stack
/// trace. Nothing was applied: a host only changes its state after the append commits.
/// </summary>
public static class StoreUnavailable
{
    /// <summary>Every retry of a command lost the race for the next version to writers on other nodes.</summary>
    public const string BusyMessage = "Many changes were being made to this meeting at the same moment, so this was not saved. Try again.";

    public const string Message = "MeetingBoard cannot reach its database just now, so this was not saved. Wait a minute and try again.";

    public static IApplicationBuilder UseStoreUnavailableAnswer(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        try
        {
            await next();
        }
        catch (Exception e) when ((IsStoreFailure(e) || e is ConcurrencyConflictException) && !http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            // The route pattern, not the path: a path can hold a join code, which logs must never carry.
            var route = (http.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "(no route)";
            var log = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StoreUnavailable));
            http.Response.Clear();
            if (e is ConcurrencyConflictException)
            {
                log.LogWarning("Too many concurrent writers on {Method} {Route}; gave up", http.Request.Method, route);
                http.Response.Headers.RetryAfter = "1";
                await Forms.Fail(http, StatusCodes.Status503ServiceUnavailable, BusyMessage).ExecuteAsync(http);
                return;
            }
            http.RequestServices.GetRequiredService<MeetingBoardMetrics>().StoreError("request");
            log.LogError("The store did not answer {Method} {Route}: {Error}", http.Request.Method, route, e.GetType().Name);
            http.Response.Headers.RetryAfter = "30";
            await Forms.Fail(http, StatusCodes.Status503ServiceUnavailable, Message).ExecuteAsync(http);
        }
    });

    public static bool IsStoreFailure(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is DbException or TimeoutException) return true;
        return false;
    }
}
