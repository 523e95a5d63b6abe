namespace MeetingBoard.Web.Live;

/// <summary>
/// The safety net under the bus: every few seconds (every second while the bus is down) each meeting
/// watched on this node is read from the store after its current version, a cheap indexed query that
/// usually returns nothing. Anything newer than what the watchers were last told is delivered, so a
/// lost or late notice costs latency, never data.
/// </summary>
public sealed class CatchUpSweep(
    MeetingBoardOptions options,
    IMeetingBus bus,
    MeetingHosts hosts,
    Presence presence,
    MeetingFeed feed,
    MeetingBoardMetrics metrics,
    ILogger<CatchUpSweep> log) : BackgroundService
{
    static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var every = TimeSpan.FromSeconds(Math.Max(options.CatchUpSeconds, Tick.TotalSeconds));
        var last = DateTimeOffset.UtcNow;
        var wasConnected = true;
        using var timer = new PeriodicTimer(Tick);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var connected = bus.IsConnected;
            // Sweep at once when the bus comes back: notices sent while it was away are lost.
            var due = !connected || !wasConnected || DateTimeOffset.UtcNow - last >= every;
            wasConnected = connected;
            if (!due) continue;
            last = DateTimeOffset.UtcNow;
            await SweepAsync(stoppingToken);
        }
    }

    /// <summary>Brings every meeting watched on this node up to date with the store.</summary>
    public async Task SweepAsync(CancellationToken ct = default)
    {
        metrics.SweepRan();
        foreach (var meetingId in presence.ExpireRemote())
            feed.PresenceChanged(meetingId);
        foreach (var meetingId in feed.WatchedMeetings())
        {
            await presence.AnnounceAsync(meetingId);
            try
            {
                if (await hosts.FindAsync(meetingId, ct) is not { } host)
                {
                    await feed.MeetingDeletedAsync(meetingId);
                    continue;
                }
                var state = await host.CatchUpAsync(ct);
                if (state.Version > feed.DeliveredVersion(meetingId))
                {
                    // Found something no notice delivered: often while Redis is down, rarely otherwise.
                    metrics.SweepFound();
                    await feed.OnChangedAsync(new MeetingChanged(meetingId, state.Version));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                if (Storage.StoreUnavailable.IsStoreFailure(e)) metrics.StoreError("sweep");
                log.LogWarning("Meeting {MeetingId}: catching up from the store failed ({Error})", meetingId, e.GetType().Name);
            }
        }
    }
}
