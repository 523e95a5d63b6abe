using Microsoft.AspNetCore.Components.Server.Circuits;

namespace MeetingBoard.Web.Live;

/// <summary>
/// Follows one circuit's connection. A browser that drops without closing keeps its circuit for the
/// retention period (three minutes); rendering for it meanwhile would cost the server for nobody, and
/// it would show as connected on the facilitator's list. So its meeting stops rendering for it until
/// the browser is back, and then renders what changed, once.
/// </summary>
public sealed class LiveCircuit(MeetingSession session, MeetingBoardMetrics metrics) : CircuitHandler
{
    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitOpened();
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        metrics.CircuitClosed();
        return Task.CompletedTask;
    }

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        session.ConnectionDown();
        return Task.CompletedTask;
    }

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken) => session.ConnectionUpAsync();
}
