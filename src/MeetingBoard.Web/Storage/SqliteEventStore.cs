using Dapper;
using MeetingBoard.Meetings;
using Microsoft.Data.Sqlite;

namespace MeetingBoard.Web.Storage;

/// <summary>The embedded default: one SQLite file in the data directory, in WAL mode.</summary>
public sealed class SqliteEventStore(SqliteDatabase db) : IEventStore
{
    public async Task InitialiseAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("""
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
            await InsertAsync(c, tx, meetingId, expectedVersion, events, commandId);
            await tx.CommitAsync(ct);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            throw new ConcurrencyConflictException(meetingId, expectedVersion);
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
        var rows = await c.QueryAsync<(long Version, string Body, string? CommandId)>(
            "SELECT version, body, command_id FROM events WHERE meeting_id = @meetingId AND version > @afterVersion ORDER BY version",
            new { meetingId, afterVersion });
        return rows.Select(r => new StoredEvent(r.Version, EventJson.Deserialize(r.Body), r.CommandId)).ToList();
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
            "SELECT meeting_id, join_code, facilitator_id, created_at FROM meetings WHERE facilitator_id = @facilitatorId ORDER BY created_at DESC",
            new { facilitatorId });
        return rows.Select(r => new MeetingIndexEntry(r.MeetingId, r.JoinCode, r.FacilitatorId, DateTimeOffset.Parse(r.CreatedAt, System.Globalization.CultureInfo.InvariantCulture))).ToList();
    }

    public async Task<bool> PingAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("SELECT 1") == 1;
    }
}
