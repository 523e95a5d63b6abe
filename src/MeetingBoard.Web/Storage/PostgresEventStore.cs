using Dapper;
using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using Npgsql;

namespace MeetingBoard.Web.Storage;

/// <summary>The shared store of a scaled-out deployment: every node appends to the same log.</summary>
public sealed class PostgresEventStore(PostgresDatabase db) : IEventStore
{
    // Stored names from the registry (plain words, checked there), written into the SQL so the partial
    // indexes on them are used; never the class names.
    static readonly string Closed = StoredEventNames.Of<MeetingClosed>();
    static readonly string CoFacilitatorAddedName = StoredEventNames.Of<CoFacilitatorAdded>();

    public Task InitialiseAsync(CancellationToken ct = default) => db.MigrateAsync(ct);

    public async Task<bool> CreateAsync(MeetingIndexEntry entry, IReadOnlyList<IMeetingEvent> events, string? commandId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        try
        {
            await c.ExecuteAsync(
                "INSERT INTO meetings (meeting_id, join_code, facilitator_id, created_at) VALUES (@MeetingId, @JoinCode, @FacilitatorId, @CreatedAt)",
                new { entry.MeetingId, entry.JoinCode, entry.FacilitatorId, CreatedAt = entry.CreatedAt.ToUniversalTime() }, tx);
        }
        catch (PostgresException e) when (PostgresDatabase.IsUniqueViolation(e))
        {
            return false;
        }
        await InsertAsync(c, tx, entry.MeetingId, 0, events, commandId);
        await tx.CommitAsync(ct);
        return true;
    }

    public async Task AppendAsync(string meetingId, long expectedVersion, IReadOnlyList<IMeetingEvent> events, string? commandId, CancellationToken ct = default)
    {
        if (events.Count == 0) return;
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        try
        {
            await LockLiveMeetingAsync(c, tx, meetingId);
            await InsertAsync(c, tx, meetingId, expectedVersion, events, commandId);
            await tx.CommitAsync(ct);
        }
        catch (PostgresException e) when (PostgresDatabase.IsUniqueViolation(e))
        {
            throw new ConcurrencyConflictException(meetingId, expectedVersion);
        }
    }

    public async Task AppendDecidedAsync(string meetingId, long knownVersion, Func<IReadOnlyList<StoredEvent>, IReadOnlyList<IMeetingEvent>> decide,
        string? commandId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        try
        {
            // Every append takes the same lock, so under READ COMMITTED what is read below is the whole
            // log until this commits: the version right after it is free.
            await LockLiveMeetingAsync(c, tx, meetingId);
            var missed = await StoredEvents.ReadAsync(c, tx, meetingId, knownVersion);
            var events = decide(missed);
            if (events.Count == 0) return;
            await InsertAsync(c, tx, meetingId, missed.Count == 0 ? knownVersion : missed[^1].Version, events, commandId);
            await tx.CommitAsync(ct);
        }
        catch (PostgresException e) when (PostgresDatabase.IsUniqueViolation(e))
        {
            throw new ConcurrencyConflictException(meetingId, knownVersion);
        }
    }

    /// <summary>
    /// Appends and purges of one meeting take this lock: under READ COMMITTED an append that checked
    /// for a tombstone before a purge committed could otherwise write the meeting back after it.
    /// </summary>
    static Task LockAsync(NpgsqlConnection c, NpgsqlTransaction tx, string meetingId) =>
        c.ExecuteAsync("SELECT pg_advisory_xact_lock(hashtextextended(@meetingId, 0))", new { meetingId }, tx);

    /// <summary>Takes the meeting's lock for an append; a purged meeting is refused (<see cref="MeetingDeletedException"/>).</summary>
    static async Task LockLiveMeetingAsync(NpgsqlConnection c, NpgsqlTransaction tx, string meetingId)
    {
        await LockAsync(c, tx, meetingId);
        if (await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM deleted_meetings WHERE meeting_id = @meetingId)", new { meetingId }, tx))
            throw new MeetingDeletedException(meetingId);
    }

    public async Task<IReadOnlyList<ClosedMeeting>> ListClosedBeforeAsync(DateTimeOffset cutoff, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string MeetingId, DateTime RecordedAt)>(
            $"SELECT meeting_id, recorded_at FROM events WHERE type = '{Closed}' AND recorded_at < @cutoff",
            new { cutoff = cutoff.UtcDateTime });
        return rows.Select(r => new ClosedMeeting(r.MeetingId, new DateTimeOffset(DateTime.SpecifyKind(r.RecordedAt, DateTimeKind.Utc)))).ToList();
    }

    public async Task<IReadOnlyList<IdleMeeting>> ListOpenIdleSinceAsync(DateTimeOffset cutoff, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string MeetingId, long Version, DateTime RecordedAt)>("""
            SELECT e.meeting_id, e.version, e.recorded_at FROM events e
            WHERE e.version = (SELECT MAX(l.version) FROM events l WHERE l.meeting_id = e.meeting_id)
              AND NOT EXISTS (SELECT 1 FROM events x WHERE x.meeting_id = e.meeting_id AND x.type = 'MeetingClosed')
              AND e.recorded_at < @cutoff
            """, new { cutoff = cutoff.UtcDateTime });
        return rows.Select(r => new IdleMeeting(r.MeetingId, r.Version, new DateTimeOffset(DateTime.SpecifyKind(r.RecordedAt, DateTimeKind.Utc)))).ToList();
    }

    public async Task PurgeAsync(string meetingId, DateTimeOffset deletedAt, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await LockAsync(c, tx, meetingId);
        await c.ExecuteAsync("INSERT INTO deleted_meetings (meeting_id, deleted_at) VALUES (@meetingId, @at) ON CONFLICT (meeting_id) DO NOTHING",
            new { meetingId, at = deletedAt.UtcDateTime }, tx);
        await c.ExecuteAsync("DELETE FROM events WHERE meeting_id = @meetingId", new { meetingId }, tx);
        await c.ExecuteAsync("DELETE FROM meetings WHERE meeting_id = @meetingId", new { meetingId }, tx);
        // The same statements as the embedded store's: the case goes with its last meeting.
        await c.ExecuteAsync(SqliteEventStore.ForgetInCase, new { meetingId }, tx);
        await tx.CommitAsync(ct);
    }

    public async Task<DateTimeOffset?> FindDeletedAsync(string meetingId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var at = await c.QuerySingleOrDefaultAsync<DateTime?>("SELECT deleted_at FROM deleted_meetings WHERE meeting_id = @meetingId", new { meetingId });
        return at is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
    }

    static async Task InsertAsync(NpgsqlConnection c, NpgsqlTransaction tx, string meetingId, long after, IReadOnlyList<IMeetingEvent> events, string? commandId)
    {
        var version = after;
        foreach (var e in events)
        {
            version++;
            await c.ExecuteAsync(
                "INSERT INTO events (meeting_id, version, type, body, command_id, recorded_at) VALUES (@meetingId, @version, @type, @body, @commandId, @at)",
                new
                {
                    meetingId,
                    version,
                    type = EventJson.TypeName(e),
                    body = EventJson.Serialize(e),
                    commandId = version == after + 1 ? commandId : null,
                    at = e.At.ToUniversalTime(),
                }, tx);
        }
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadAsync(string meetingId, long afterVersion, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await StoredEvents.ReadAsync(c, null, meetingId, afterVersion);
    }

    public async Task<string?> FindByJoinCodeAsync(string joinCode, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<string>("SELECT meeting_id FROM meetings WHERE join_code = @joinCode", new { joinCode });
    }

    public async Task<IReadOnlyList<MeetingIndexEntry>> ListForFacilitatorAsync(string facilitatorId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string MeetingId, string JoinCode, string FacilitatorId, DateTime CreatedAt)>(
            // Started by them, or made co-facilitator (read from the events, as in SqliteEventStore).
            $"""
            SELECT meeting_id, join_code, facilitator_id, created_at FROM meetings
            WHERE facilitator_id = @facilitatorId
               OR meeting_id IN (SELECT meeting_id FROM events WHERE type = '{CoFacilitatorAddedName}' AND (body::jsonb ->> 'AccountId') = @facilitatorId)
            ORDER BY created_at DESC
            """,
            new { facilitatorId });
        return rows.Select(r => new MeetingIndexEntry(r.MeetingId, r.JoinCode, r.FacilitatorId, Utc(r.CreatedAt))).ToList();
    }

    public async Task<bool> PingAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<int>("SELECT 1") == 1;
    }

    internal static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
}
