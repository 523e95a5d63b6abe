using System.Diagnostics;
using System.Diagnostics.Metrics;
using MeetingBoard.Meetings;
using MeetingBoard.Web.Live;

namespace MeetingBoard.Web;

/// <summary>
/// MeetingBoard's own metrics (meter "MeetingBoard"), for the operator on call; docs/operations.md says
/// what each means and what to do. Tags are closed sets (command type, outcome, refusal kind, where a
/// store error happened): never a meeting id, name, join code or anything a person typed.
/// </summary>
public sealed class MeetingBoardMetrics
{
    public const string MeterName = "MeetingBoard";

    readonly Meter meter;
    readonly UpDownCounter<long> circuitsOpen;
    readonly Counter<long> commands;
    readonly Histogram<double> commandDuration;
    readonly Counter<long> refusals;
    readonly Counter<long> noticesPublished;
    readonly Counter<long> noticesReceived;
    readonly Counter<long> publishFailures;
    readonly Counter<long> sweeps;
    readonly Counter<long> sweepsFound;
    readonly Counter<long> storeErrors;
    readonly Counter<long> meetingsUnloaded;

    public MeetingBoardMetrics(IMeterFactory meters)
    {
        meter = meters.Create(MeterName);
        circuitsOpen = meter.CreateUpDownCounter<long>("meetingboard.circuits.open", "{circuit}", "Blazor circuits open on this node");
        commands = meter.CreateCounter<long>("meetingboard.commands", "{command}", "Commands run on this node, by command type and outcome");
        commandDuration = meter.CreateHistogram("meetingboard.command.duration", "s", "Time to run a command: decide, store, tell the bus", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] });
        refusals = meter.CreateCounter<long>("meetingboard.refusals", "{refusal}", "Commands refused by the meeting's rules, by kind");
        noticesPublished = meter.CreateCounter<long>("meetingboard.bus.notices.published", "{notice}", "Change notices this node published on the bus");
        noticesReceived = meter.CreateCounter<long>("meetingboard.bus.notices.received", "{notice}", "Change notices this node received from other nodes");
        publishFailures = meter.CreateCounter<long>("meetingboard.bus.publish.failures", "{notice}", "Change notices that could not be published (Redis unreachable)");
        sweeps = meter.CreateCounter<long>("meetingboard.catchup.sweeps", "{sweep}", "Catch-up sweeps run over the meetings watched on this node");
        sweepsFound = meter.CreateCounter<long>("meetingboard.catchup.found", "{meeting}", "Meetings in which a catch-up sweep found a change no bus notice had delivered");
        storeErrors = meter.CreateCounter<long>("meetingboard.store.errors", "{error}", "Database calls that failed, by where (command, page, request, sweep, delivery)");
        meetingsUnloaded = meter.CreateCounter<long>("meetingboard.meetings.unloaded", "{meeting}", "Meetings unloaded from memory after nobody watched them for a while");
    }

    /// <summary>The gauges read from this node's live parts, once they exist.</summary>
    public void Observe(MeetingHosts hosts, MeetingFeed feed, IMeetingBus bus)
    {
        meter.CreateObservableGauge("meetingboard.meetings.loaded", () => (long)hosts.LoadedCount, "{meeting}", "Meetings held in memory on this node");
        meter.CreateObservableGauge("meetingboard.meetings.watched", () => (long)feed.WatchedMeetings().Count, "{meeting}", "Meetings with at least one circuit watching on this node");
        meter.CreateObservableGauge("meetingboard.bus.connected", () => bus.IsConnected ? 1 : 0, null, "1 while this node hears other nodes' notices at once; 0 while Redis is unreachable");
    }

    public void CircuitOpened() => circuitsOpen.Add(1);
    public void CircuitClosed() => circuitsOpen.Add(-1);

    /// <summary>One command's outcome: applied, already_applied, refused, not_saved (store failure) or busy (lost every race).</summary>
    public void CommandRan(MeetingCommand command, string outcome, long startedAt, Refusal? refusal = null)
    {
        var type = new KeyValuePair<string, object?>("command", command.GetType().Name);
        var result = new KeyValuePair<string, object?>("outcome", outcome);
        commands.Add(1, type, result);
        commandDuration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds, type, result);
        if (refusal is not null) refusals.Add(1, new KeyValuePair<string, object?>("kind", refusal.Kind.ToString()));
    }

    public void NoticePublished() => noticesPublished.Add(1);
    public void NoticeReceived() => noticesReceived.Add(1);
    public void PublishFailed() => publishFailures.Add(1);
    public void SweepRan() => sweeps.Add(1);
    public void SweepFound() => sweepsFound.Add(1);
    public void MeetingUnloaded() => meetingsUnloaded.Add(1);

    /// <summary>A database call failed; <paramref name="during"/> is one of command, page, request, sweep, delivery.</summary>
    public void StoreError(string during) => storeErrors.Add(1, new KeyValuePair<string, object?>("during", during));
}
