using Dapper;
using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using Microsoft.Data.Sqlite;

namespace MeetingBoard.Web.Storage;

/// <summary>The embedded default: one SQLite file in the data directory, in WAL mode.</summary>
public sealed class SqliteEventStore(SqliteDatabase db) : IEventStore
{
    // Stored names from the registry (plain words, checked there), written into the SQL so the partial
    // indexes on them are used; never the class names.
    static readonly string Closed = StoredEventNames.Of<MeetingClosed>();
    static readonly string CoFacilitatorAddedName = StoredEventNames.Of<CoFacilitatorAdded>();

    public async Task InitialiseAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync($"""
            CREATE TABLE IF NOT EXISTS events (
                meeting_id  TEXT    NOT NULL,
                version     INTEGER NOT NULL,
                type        TEXT    NOT NULL,
                body        TEXT    NOT NULL,
                command_id  TEXT,
                recorded_at TEXT    NOT NULL,
                PRIMARY KEY (meeting_id, version)
            );
            CREATE UNIQUE INDEX IF NOT EXISTS events_command ON events (meeting_id, command_id) WHERE command_id IS NOT NULL;
            CREATE TABLE IF NOT EXISTS meetings (
                meeting_id     TEXT PRIMARY KEY,
                join_code      TEXT NOT NULL UNIQUE,
                facilitator_id TEXT NOT NULL,
                created_at     TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS meetings_facilitator ON meetings (facilitator_id);
            CREATE INDEX IF NOT EXISTS events_closed ON events (meeting_id) WHERE type = '{Closed}';
            CREATE INDEX IF NOT EXISTS events_co_facilitators ON events (meeting_id) WHERE type = '{CoFacilitatorAddedName}';
            CREATE TABLE IF NOT EXISTS deleted_meetings (
                meeting_id TEXT PRIMARY KEY,
                deleted_at TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS cases (
                id         TEXT PRIMARY KEY,
                name       TEXT NOT NULL,
                owner_id   TEXT NOT NULL,
                created_at TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS cases_owner ON cases (owner_id);
            CREATE TABLE IF NOT EXISTS case_members (
                case_id    TEXT NOT NULL,
                account_id TEXT NOT NULL,
                added_at   TEXT NOT NULL,
                PRIMARY KEY (case_id, account_id)
            );
            CREATE INDEX IF NOT EXISTS case_members_account ON case_members (account_id);
            CREATE TABLE IF NOT EXISTS case_meetings (
                case_id    TEXT NOT NULL,
                meeting_id TEXT NOT NULL PRIMARY KEY,
                created_at TEXT NOT NULL
            );
            CREATE INDEX IF NOT EXISTS case_meetings_case ON case_meetings (case_id);
            """);
    }

    public async Task<bool> CreateAsync(MeetingIndexEntry entry, IReadOnlyList<IMeetingEvent> events, string? commandId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        try
        {
            await c.ExecuteAsync(
                "INSERT INTO meetings (meeting_id, join_code, facilitator_id, created_at) VALUES (@MeetingId, @JoinCode, @FacilitatorId, @CreatedAt)",
                new { entry.MeetingId, entry.JoinCode, entry.FacilitatorId, CreatedAt = entry.CreatedAt.ToString("O") }, tx);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
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
            // Checked inside the transaction: a purge commits either before this (refused) or after it (deletes it).
            if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM deleted_meetings WHERE meeting_id = @meetingId", new { meetingId }, tx) > 0)
                throw new MeetingDeletedException(meetingId);
            await InsertAsync(c, tx, meetingId, expectedVersion, events, commandId);
            await tx.CommitAsync(ct);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new ConcurrencyConflictException(meetingId, expectedVersion);
        }
    }

    public async Task AppendDecidedAsync(string meetingId, long knownVersion, Func<IReadOnlyList<StoredEvent>, IReadOnlyList<IMeetingEvent>> decide,
        string? commandId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        // BEGIN IMMEDIATE takes the write lock at once, so nothing can be appended between the read below and the insert.
        await using var tx = c.BeginTransaction(deferred: false);
        try
        {
            if (await c.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM deleted_meetings WHERE meeting_id = @meetingId", new { meetingId }, tx) > 0)
                throw new MeetingDeletedException(meetingId);
            var missed = await StoredEvents.ReadAsync(c, tx, meetingId, knownVersion);
            var events = decide(missed);
            if (events.Count == 0) return;
            await InsertAsync(c, tx, meetingId, missed.Count == 0 ? knownVersion : missed[^1].Version, events, commandId);
            await tx.CommitAsync(ct);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new ConcurrencyConflictException(meetingId, knownVersion);
        }
    }

    static async Task InsertAsync(SqliteConnection c, System.Data.Common.DbTransaction tx, string meetingId, long after, IReadOnlyList<IMeetingEvent> events, string? commandId)
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
                    at = e.At.ToString("O"),
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
        var rows = await c.QueryAsync<(string MeetingId, string JoinCode, string FacilitatorId, string CreatedAt)>(
            $"SELECT meeting_id, join_code, facilitator_id, created_at FROM meetings {ListedFor} ORDER BY created_at DESC",
            new { facilitatorId });
        return rows.Select(r => new MeetingIndexEntry(r.MeetingId, r.JoinCode, r.FacilitatorId, DateTimeOffset.Parse(r.CreatedAt, System.Globalization.CultureInfo.InvariantCulture))).ToList();
    }

    /// <summary>
    /// The meetings a facilitator started, and those they were made co-facilitator of. The second half is
    /// read from the events themselves (stored type "CoFacilitatorAdded", its AccountId), so meetings from
    /// before this list existed need no migration, and a purge takes it away with the events.
    /// </summary>
    static readonly string ListedFor = $"""
        WHERE facilitator_id = @facilitatorId
           OR meeting_id IN (SELECT meeting_id FROM events WHERE type = '{CoFacilitatorAddedName}' AND json_extract(body, '$.AccountId') = @facilitatorId)
        """;

    public async Task<IReadOnlyList<ClosedMeeting>> ListClosedBeforeAsync(DateTimeOffset cutoff, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string MeetingId, string RecordedAt)>(
            $"SELECT meeting_id, recorded_at FROM events WHERE type = '{Closed}'");
        // Times are compared as times, not as text: a stored offset need not be UTC.
        return rows
            .Select(r => new ClosedMeeting(r.MeetingId, DateTimeOffset.Parse(r.RecordedAt, System.Globalization.CultureInfo.InvariantCulture)))
            .Where(m => m.ClosedAt < cutoff)
            .ToList();
    }

    public async Task<IReadOnlyList<IdleMeeting>> ListOpenIdleSinceAsync(DateTimeOffset cutoff, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string MeetingId, long Version, string RecordedAt)>("""
            SELECT e.meeting_id, e.version, e.recorded_at FROM events e
            WHERE e.version = (SELECT MAX(l.version) FROM events l WHERE l.meeting_id = e.meeting_id)
              AND NOT EXISTS (SELECT 1 FROM events x WHERE x.meeting_id = e.meeting_id AND x.type = 'MeetingClosed')
            """);
        // As in ListClosedBeforeAsync: compared as times, since a stored offset need not be UTC.
        return rows
            .Select(r => new IdleMeeting(r.MeetingId, r.Version, DateTimeOffset.Parse(r.RecordedAt, System.Globalization.CultureInfo.InvariantCulture)))
            .Where(m => m.LastEventAt < cutoff)
            .ToList();
    }

    public async Task PurgeAsync(string meetingId, DateTimeOffset deletedAt, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await c.ExecuteAsync("INSERT OR IGNORE INTO deleted_meetings (meeting_id, deleted_at) VALUES (@meetingId, @at)",
            new { meetingId, at = deletedAt.ToString("O") }, tx);
        await c.ExecuteAsync("DELETE FROM events WHERE meeting_id = @meetingId", new { meetingId }, tx);
        await c.ExecuteAsync("DELETE FROM meetings WHERE meeting_id = @meetingId", new { meetingId }, tx);
        await c.ExecuteAsync(ForgetInCase, new { meetingId }, tx);
        await tx.CommitAsync(ct);
        // Deleted rows linger in free pages and the WAL until overwritten; checkpoint so the log file drops them too.
        await c.ExecuteAsync("PRAGMA wal_checkpoint(TRUNCATE);");
    }

    /// <summary>A purged meeting leaves its case; a case whose last meeting is purged goes with it, members and all.</summary>
    internal const string ForgetInCase = """
        DELETE FROM case_members WHERE case_id IN (SELECT case_id FROM case_meetings WHERE meeting_id = @meetingId)
            AND NOT EXISTS (SELECT 1 FROM case_meetings o WHERE o.case_id = case_members.case_id AND o.meeting_id <> @meetingId);
        DELETE FROM cases WHERE id IN (SELECT case_id FROM case_meetings WHERE meeting_id = @meetingId)
            AND NOT EXISTS (SELECT 1 FROM case_meetings o WHERE o.case_id = cases.id AND o.meeting_id <> @meetingId);
        DELETE FROM case_meetings WHERE meeting_id = @meetingId;
        """;

    public async Task<DateTimeOffset?> FindDeletedAsync(string meetingId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var at = await c.QuerySingleOrDefaultAsync<string>("SELECT deleted_at FROM deleted_meetings WHERE meeting_id = @meetingId", new { meetingId });
        return at is null ? null : DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<bool> PingAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("SELECT 1") == 1;
    }
}
