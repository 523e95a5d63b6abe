using System.Collections.Immutable;
using MeetingBoard.Meetings;
using MeetingBoard.Web.Storage;

namespace MeetingBoard.Web.Live;

public enum OutcomeKind
{
    Applied,
    AlreadyApplied,
    Refused,
}

public sealed record CommandOutcome(OutcomeKind Kind, MeetingState State, Refusal? Refusal = null)
{
    public bool Succeeded => Kind != OutcomeKind.Refused;
}

/// <summary>
/// Holds one meeting's state on this node and runs its commands one at a time:
/// decide, append with the expected version, apply, then tell the bus.
/// </summary>
public sealed class MeetingHost(string meetingId, IEventStore store, IMeetingBus bus, MeetingBoardMetrics metrics, ILogger log)
{
    // Across nodes only the store's unique key orders writers, so a conflict is expected, not exceptional.
    // A loser pauses briefly, catches up and decides again; but the node that just won never needs to
    // catch up, so it can keep winning while the others starve. After this many conflicts the command
    // takes the fair path: decided inside the store's per-meeting lock, where it cannot lose again.
    const int OptimisticAttempts = 2;

    readonly SemaphoreSlim gate = new(1, 1);
    MeetingState state = MeetingState.Empty;
    ImmutableHashSet<string> commandIds = [];
    bool deleted;

    static readonly Refusal Deleted = new("", "This meeting has been deleted.", RefusalKind.NotFound);

    long lastUsed;

    public string MeetingId => meetingId;

    /// <summary>When this node last used the meeting (or saw it watched): see <see cref="MeetingHosts.UnloadIdle"/>.</summary>
    public DateTimeOffset LastUsed => new(Interlocked.Read(ref lastUsed), TimeSpan.Zero);

    internal void Touch(DateTimeOffset now) => Interlocked.Exchange(ref lastUsed, now.UtcTicks);
    public MeetingState State => Volatile.Read(ref state);

    /// <summary>Reads whatever this node has not seen yet (written by another node, or before a restart).</summary>
    public async Task<MeetingState> CatchUpAsync(CancellationToken ct = default)
    {
        await gate.WaitAsync(ct);
        try
        {
            await CatchUpLockedAsync(ct);
            return state;
        }
        finally
        {
            gate.Release();
        }
    }

    async Task CatchUpLockedAsync(CancellationToken ct)
    {
        var stored = await store.ReadAsync(meetingId, state.Version, ct);
        if (stored.Count == 0) return;
        var (next, ids) = Fold(state, commandIds, stored);
        commandIds = ids;
        Volatile.Write(ref state, next);
    }

    (MeetingState State, ImmutableHashSet<string> CommandIds) Fold(MeetingState from, ImmutableHashSet<string> fromIds, IReadOnlyList<StoredEvent> stored)
    {
        var next = from;
        var ids = fromIds.ToBuilder();
        foreach (var e in stored)
        {
            if (e.Version != next.Version + 1)
                throw new InvalidDataException($"Meeting {meetingId}: expected version {next.Version + 1}, read {e.Version}");
            next = Meeting.Apply(next, e.Event);
            if (e.CommandId is not null) ids.Add(e.CommandId);
        }
        return (next, ids.ToImmutable());
    }

    /// <summary>
    /// Runs a command. A <paramref name="commandId"/> already applied (a double submit, a retry after a
    /// lost answer) is answered as done without deciding again.
    /// </summary>
    public async Task<CommandOutcome> ExecuteAsync(MeetingCommand command, string? commandId, CancellationToken ct = default)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            var outcome = await RunAsync(command, commandId, ct);
            metrics.CommandRan(command, outcome.Kind switch
            {
                OutcomeKind.Applied => "applied",
                OutcomeKind.AlreadyApplied => "already_applied",
                _ => "refused",
            }, started, outcome.Refusal);
            return outcome;
        }
        catch (ConcurrencyConflictException)
        {
            metrics.CommandRan(command, "busy", started);
            throw;
        }
        catch (Exception e) when (StoreUnavailable.IsStoreFailure(e))
        {
            metrics.CommandRan(command, "not_saved", started);
            metrics.StoreError("command");
            throw;
        }
    }

    async Task<CommandOutcome> RunAsync(MeetingCommand command, string? commandId, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                if (deleted) return new CommandOutcome(OutcomeKind.Refused, state, Deleted);
                if (commandId is not null && commandIds.Contains(commandId))
                    return new CommandOutcome(OutcomeKind.AlreadyApplied, state);
                if (attempt > OptimisticAttempts) return await ExecuteInsideStoreLockAsync(command, commandId, ct);

                var decision = Meeting.Decide(state, command);
                if (decision.Refusal is not null || decision.Events!.Count == 0)
                {
                    // A refusal or a no-op may come from this node not having seen another node's
                    // change yet (a person who joined through another node, admitted here at once):
                    // decide again on what the store holds before answering.
                    var seen = state.Version;
                    await CatchUpLockedAsync(ct);
                    if (state.Version != seen) continue;
                    if (decision.Refusal is { } refusal) return new CommandOutcome(OutcomeKind.Refused, state, refusal);
                    return new CommandOutcome(OutcomeKind.AlreadyApplied, state);
                }
                var events = decision.Events;

                try
                {
                    await store.AppendAsync(meetingId, state.Version, events, commandId, ct);
                }
                catch (MeetingDeletedException)
                {
                    // Purged by another node (or just now): nothing more is written to it.
                    deleted = true;
                    return new CommandOutcome(OutcomeKind.Refused, state, Deleted);
                }
                catch (ConcurrencyConflictException)
                {
                    log.LogInformation("Meeting {MeetingId}: version conflict on {Command} (attempt {Attempt})", meetingId, command.GetType().Name, attempt);
                    if (attempt >= OptimisticAttempts) continue; // the fair path reads what it missed itself
                    // Pause before catching up, not after: what is read is then as fresh as it can be
                    // when deciding again, leaving the other writers less time to append in between.
                    await Task.Delay(Random.Shared.Next(0, 5 * attempt), ct);
                    await CatchUpLockedAsync(ct);
                    continue;
                }

                return await AppliedAsync(state, events, commandId, ct);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Catches up, decides and appends in one store transaction holding the meeting's lock: no writer
    /// on any node can append in between, so this cannot lose the race. The double-submit check and
    /// the refusals are made on everything the store holds, as on the optimistic path.
    /// </summary>
    async Task<CommandOutcome> ExecuteInsideStoreLockAsync(MeetingCommand command, string? commandId, CancellationToken ct)
    {
        var (from, fromIds) = (state, commandIds);
        var (caughtUp, ids) = (from, fromIds);
        Decision? decision = null;
        try
        {
            await store.AppendDecidedAsync(meetingId, from.Version, missed =>
            {
                (caughtUp, ids) = Fold(from, fromIds, missed);
                decision = commandId is not null && ids.Contains(commandId) ? null : Meeting.Decide(caughtUp, command);
                return decision is { Refusal: null } ? decision.Events! : [];
            }, commandId, ct);
        }
        catch (MeetingDeletedException)
        {
            deleted = true;
            return new CommandOutcome(OutcomeKind.Refused, state, Deleted);
        }

        // What was read is committed whatever was decided: keep it.
        commandIds = ids;
        Volatile.Write(ref state, caughtUp);
        log.LogInformation("Meeting {MeetingId}: {Command} decided inside the store's lock", meetingId, command.GetType().Name);
        if (decision is null) return new CommandOutcome(OutcomeKind.AlreadyApplied, state);
        if (decision.Refusal is { } refusal) return new CommandOutcome(OutcomeKind.Refused, state, refusal);
        if (decision.Events!.Count == 0) return new CommandOutcome(OutcomeKind.AlreadyApplied, state);
        return await AppliedAsync(caughtUp, decision.Events, commandId, ct);
    }

    async Task<CommandOutcome> AppliedAsync(MeetingState before, IReadOnlyList<IMeetingEvent> events, string? commandId, CancellationToken ct)
    {
        var next = events.Aggregate(before, Meeting.Apply);
        if (commandId is not null) commandIds = commandIds.Add(commandId);
        Volatile.Write(ref state, next);
        log.LogInformation("Meeting {MeetingId}: {Events} at version {Version}",
            meetingId, string.Join(",", events.Select(EventJson.TypeName)), next.Version);
        await bus.PublishAsync(new MeetingChanged(meetingId, next.Version), ct);
        return new CommandOutcome(OutcomeKind.Applied, next);
    }

    /// <summary>
    /// Purges the meeting while holding its gate, so no command of this node is between deciding and
    /// appending; afterwards every command is refused as deleted.
    /// </summary>
    internal async Task PurgeAsync(DateTimeOffset deletedAt, CancellationToken ct)
    {
        await gate.WaitAsync(ct);
        try
        {
            await store.PurgeAsync(meetingId, deletedAt, ct);
            deleted = true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Used once, when the meeting's stream is created through <see cref="MeetingHosts"/>.</summary>
    internal void Seed(MeetingState created, string? commandId)
    {
        Volatile.Write(ref state, created);
        if (commandId is not null) commandIds = commandIds.Add(commandId);
    }
}
