using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MeetingBoard.Web.Live;

/// <summary>
/// For /readyz. A node without the bus still serves correctly (slower to show other nodes' changes),
/// so a lost bus is Degraded (HTTP 200), not Unhealthy: taking every node out of the balancer
/// because Redis restarted would turn a small delay into an outage.
/// </summary>
public sealed class BusHealthCheck(IMeetingBus bus) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(bus.IsConnected
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Degraded(
                (bus is Redis.RedisBus redis ? redis.State : "The bus is not connected")
                + "; changes from other nodes arrive within seconds instead of at once"));
}
