using MeetingBoard.Meetings;

namespace MeetingBoard.Web.Storage;

/// <summary>One stored event of a meeting's stream. <see cref="CommandId"/> is set on the first event a command produced.</summary>
public sealed record StoredEvent(long Version, IMeetingEvent Event, string? CommandId);

public sealed record MeetingIndexEntry(string MeetingId, string JoinCode, string FacilitatorId, DateTimeOffset CreatedAt);

/// <summary>Another writer appended first: the expected version was stale, or the command was already applied.</summary>
public sealed class ConcurrencyConflictException(string meetingId, long expectedVersion)
    : Exception($"Meeting {meetingId}: version {expectedVersion} is no longer the latest");

/// <summary>Appended to a meeting that has been purged: nothing of it may come back.</summary>
public sealed class MeetingDeletedException(string meetingId)
    : Exception($"Meeting {meetingId} has been deleted");

/// <summary>A closed meeting and when it closed (the time of its <c>MeetingClosed</c> event).</summary>
public sealed record ClosedMeeting(string MeetingId, DateTimeOffset ClosedAt);

/// <summary>An open meeting, its latest version and that event's time.</summary>
public sealed record IdleMeeting(string MeetingId, long Version, DateTimeOffset LastEventAt);

/// <summary>
/// The meeting event log: the truth. Appends are checked against the expected version through a
/// unique (meeting_id, version) key, so two nodes can never both write version N.
/// </summary>
public interface IEventStore
{
    /// <summary>Creates the schema if needed.</summary>
    Task InitialiseAsync(CancellationToken ct = default);

    /// <summary>Starts a meeting's stream and indexes its join code. False when the join code is taken.</summary>
    Task<bool> CreateAsync(MeetingIndexEntry entry, IReadOnlyList<IMeetingEvent> events, string? commandId, CancellationToken ct = default);

    /// <summary>Appends after <paramref name="expectedVersion"/>; throws <see cref="ConcurrencyConflictException"/> when someone else did first.</summary>
    Task AppendAsync(string meetingId, long expectedVersion, IReadOnlyList<IMeetingEvent> events, string? commandId, CancellationToken ct = default);

    /// <summary>
    /// The fair path for a writer that keeps losing the race for the next version: in one transaction,
    /// holding the meeting's write lock (so no other writer of any node can append in between), reads
    /// the events after <paramref name="knownVersion"/>, passes them to <paramref name="decide"/>, and
    /// appends what it returns (nothing when it returns none) right after them. It cannot conflict on
    /// the version. Throws <see cref="MeetingDeletedException"/> for a purged meeting (before calling
    /// <paramref name="decide"/>) and <see cref="ConcurrencyConflictException"/>, storing nothing, when
    /// <paramref name="commandId"/> is already in the meeting's log (<paramref name="decide"/> is given
    /// the events after <paramref name="knownVersion"/> so it can see that and return none).
    /// </summary>
    Task AppendDecidedAsync(string meetingId, long knownVersion, Func<IReadOnlyList<StoredEvent>, IReadOnlyList<IMeetingEvent>> decide,
        string? commandId, CancellationToken ct = default);

    /// <summary>The events after <paramref name="afterVersion"/>, in version order.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadAsync(string meetingId, long afterVersion, CancellationToken ct = default);

    Task<string?> FindByJoinCodeAsync(string joinCode, CancellationToken ct = default);

    Task<IReadOnlyList<MeetingIndexEntry>> ListForFacilitatorAsync(string facilitatorId, CancellationToken ct = default);

    /// <summary>
    /// Meetings closed before <paramref name="cutoff"/>, for retention: every stream holding a
    /// <c>MeetingClosed</c> event (stored type name "MeetingClosed") whose time is earlier than the cutoff.
    /// </summary>
    Task<IReadOnlyList<ClosedMeeting>> ListClosedBeforeAsync(DateTimeOffset cutoff, CancellationToken ct = default);

    /// <summary>
    /// Open meetings (no <c>MeetingClosed</c> event) whose latest event is earlier than
    /// <paramref name="cutoff"/>, with that event's time: the meetings nobody closed, for the
    /// retention sweep to close so that their retention clock starts.
    /// </summary>
    Task<IReadOnlyList<IdleMeeting>> ListOpenIdleSinceAsync(DateTimeOffset cutoff, CancellationToken ct = default);

    /// <summary>
    /// Deletes everything of a meeting, in one transaction: all its events, its join-code index row, and
    /// anything else stored under its id. What remains is a tombstone: the meeting id and
    /// <paramref name="deletedAt"/>, nothing else, so its links can say "deleted" rather than "not found".
    /// Afterwards <see cref="ReadAsync"/> returns nothing for it, <see cref="FindByJoinCodeAsync"/> and
    /// <see cref="ListForFacilitatorAsync"/> no longer find it, and <see cref="AppendAsync"/> throws
    /// <see cref="MeetingDeletedException"/> (so a command racing the purge cannot write it back).
    /// Idempotent: purging again, or purging an id that never existed, only ensures the tombstone
    /// (keeping the first deletion time).
    /// </summary>
    Task PurgeAsync(string meetingId, DateTimeOffset deletedAt, CancellationToken ct = default);

    /// <summary>When the meeting was purged; null when it never was.</summary>
    Task<DateTimeOffset?> FindDeletedAsync(string meetingId, CancellationToken ct = default);

    /// <summary>Answers when the store answers; used by /healthz.</summary>
    Task<bool> PingAsync(CancellationToken ct = default);
}
