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

/// <summary>Purges meetings closed longer ago than the retention period: once at start, then every interval.</summary>
public sealed class RetentionSweep(
    IEventStore store,
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
}
