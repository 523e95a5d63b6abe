using MeetingBoard.Meetings;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Storage;

namespace MeetingBoard.Web.Features.Records;

/// <summary>How long a closed meeting is kept (DOMAIN.md: special category data, kept only as long as needed).</summary>
public sealed class RetentionPolicy(MeetingBoardOptions options)
{
    public int Days => Math.Max(0, options.RetentionDays);

    public TimeSpan SweepInterval => TimeSpan.FromMinutes(Math.Max(1, options.RetentionSweepMinutes));

    /// <summary>When a closed meeting will be purged; null while it is open.</summary>
    public DateTimeOffset? PurgeDate(MeetingState state) => state.ClosedAt?.AddDays(Days);

    /// <summary>An open meeting with no change for this long is closed by the sweep; null when that is turned off.</summary>
    public TimeSpan? CloseIdleAfter => options.CloseIdleMeetingsAfterHours > 0 ? TimeSpan.FromHours(options.CloseIdleMeetingsAfterHours) : null;

    public string IdleHoursText => options.CloseIdleMeetingsAfterHours switch
    {
        <= 0 => "ever",
        1 => "1 hour",
        var h when h % 24 == 0 => h == 24 ? "1 day" : $"{h / 24} days",
        var h => $"{h} hours",
    };
}

/// <summary>Deleting a meeting: purge it from the store, forget its host, send its open pages away.</summary>
public sealed class MeetingDeletion(MeetingHosts hosts, MeetingFeed feed, TimeProvider time)
{
    public async Task DeleteAsync(string meetingId, CancellationToken ct = default)
    {
        await hosts.PurgeAsync(meetingId, time.GetUtcNow(), ct);
        await feed.MeetingDeletedAsync(meetingId);
    }
}

/// <summary>
/// Closes meetings left open and idle past <c>MeetingBoard:CloseIdleMeetingsAfterHours</c> (so their
/// retention clock starts: a meeting nobody closes would otherwise be kept for ever), then purges
/// meetings closed longer ago than the retention period: once at start, then every interval.
/// </summary>
public sealed class RetentionSweep(
    IEventStore store,
    MeetingHosts hosts,
    MeetingDeletion deletion,
    RetentionPolicy policy,
    TimeProvider time,
    ILogger<RetentionSweep> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The schema is created by MapMeetingBoardAsync before the host starts its background services.
        using var timer = new PeriodicTimer(policy.SweepInterval, time);
        do
        {
            await SweepAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass; public so an operator's tooling (and tests) can run it on demand.</summary>
    public async Task<int> SweepAsync(CancellationToken ct = default)
    {
        await CloseIdleAsync(ct);
        var purged = 0;
        try
        {
            var cutoff = time.GetUtcNow().AddDays(-policy.Days);
            foreach (var meeting in await store.ListClosedBeforeAsync(cutoff, ct))
            {
                await deletion.DeleteAsync(meeting.MeetingId, ct);
                log.LogInformation("Meeting {MeetingId}: purged after the retention period", meeting.MeetingId);
                purged++;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A failed sweep is retried at the next interval; the service must not stop the app.
            log.LogError(e, "Retention sweep failed after purging {Purged} meetings", purged);
        }
        return purged;
    }

    /// <summary>
    /// Closes each open meeting whose latest event is older than the idle time, through the same
    /// command a facilitator uses. The actor is the meeting's own facilitator: the system acts on
    /// their behalf, and the event says it was the idle rule (IdleHours), which the record, the
    /// audit trail and the facilitator's record panel and meetings list show as the notice.
    /// </summary>
    public async Task<int> CloseIdleAsync(CancellationToken ct = default)
    {
        if (policy.CloseIdleAfter is not { } idle) return 0;
        var closed = 0;
        try
        {
            var now = time.GetUtcNow();
            foreach (var meeting in await store.ListOpenIdleSinceAsync(now - idle, ct))
            {
                if (await hosts.FindAsync(meeting.MeetingId, ct) is not { } host) continue;
                var state = await host.CatchUpAsync(ct);
                // A change that landed since the listing keeps it open.
                if (state.IsClosed || state.Version != meeting.Version) continue;
                var outcome = await host.ExecuteAsync(
                    new CloseMeeting(Actor.Facilitator(state.FacilitatorId), now, (int)Math.Round(idle.TotalHours)), null, ct);
                if (!outcome.Succeeded) continue;
                log.LogInformation("Meeting {MeetingId}: closed after {Hours} idle hours", meeting.MeetingId, idle.TotalHours);
                closed++;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Closing idle meetings failed after closing {Closed}", closed);
        }
        return closed;
    }
}
