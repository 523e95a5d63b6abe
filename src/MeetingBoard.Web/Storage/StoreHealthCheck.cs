using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MeetingBoard.Web.Storage;

public sealed class StoreHealthCheck(IEventStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            return await store.PingAsync(ct) ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The store did not answer");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The store did not answer", e);
        }
    }
}
