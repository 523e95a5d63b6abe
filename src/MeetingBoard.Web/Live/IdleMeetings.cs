using MeetingBoard.Web.Features.Join;

namespace MeetingBoard.Web.Live;

/// <summary>
/// Lets a node run for months: a meeting no circuit on this node has watched for
/// MeetingBoard:UnloadIdleMeetingsAfterMinutes is unloaded (read again from the store when next used),
/// and the per-meeting and per-address bookkeeping left empty behind it is forgotten.
/// </summary>
public sealed class IdleMeetings(
    MeetingBoardOptions options,
    MeetingHosts hosts,
    MeetingFeed feed,
    Presence presence,
    JoinAttempts joinAttempts,
    JoinsPerCode joinsPerCode,
    TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.UnloadIdleMeetingsAfterMinutes <= 0) return;
        var idleFor = TimeSpan.FromMinutes(options.UnloadIdleMeetingsAfterMinutes);
        // Often enough that a meeting goes within a quarter of the setting after it, never more than once a minute.
        var every = TimeSpan.FromTicks(Math.Clamp(idleFor.Ticks / 4, TimeSpan.FromMilliseconds(250).Ticks, TimeSpan.FromMinutes(1).Ticks));
        using var timer = new PeriodicTimer(every, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
            Sweep(idleFor);
    }

    public int Sweep(TimeSpan idleFor)
    {
        var now = time.GetUtcNow();
        var unloaded = hosts.UnloadIdle(now, now - idleFor, feed.IsWatched);
        presence.Prune();
        joinAttempts.Prune();
        joinsPerCode.Counter.Prune();
        return unloaded;
    }
}
