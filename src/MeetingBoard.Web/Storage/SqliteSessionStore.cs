using System.Globalization;
using Dapper;

namespace MeetingBoard.Web.Storage;

public sealed class SqliteSessionStore(SqliteDatabase db) : ISessionStore
{
    public async Task InitialiseAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS facilitator_sessions (
                id             TEXT PRIMARY KEY,
                facilitator_id TEXT NOT NULL,
                device         TEXT NOT NULL,
                started_at     TEXT NOT NULL,
                last_seen_at   TEXT NOT NULL,
                ended_at       TEXT
            );
            CREATE INDEX IF NOT EXISTS facilitator_sessions_by_facilitator ON facilitator_sessions (facilitator_id, started_at);
            """);
    }

    public async Task StartAsync(FacilitatorSession s, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(
            "INSERT INTO facilitator_sessions (id, facilitator_id, device, started_at, last_seen_at) VALUES (@Id, @FacilitatorId, @Device, @StartedAt, @LastSeenAt)",
            new { s.Id, s.FacilitatorId, s.Device, StartedAt = Iso(s.StartedAt), LastSeenAt = Iso(s.LastSeenAt) });
    }

    public async Task<FacilitatorSession?> FindAsync(string id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>(
            "SELECT id, facilitator_id AS FacilitatorId, device, started_at AS StartedAt, last_seen_at AS LastSeenAt, ended_at AS EndedAt FROM facilitator_sessions WHERE id = @id",
            new { id });
        return rows.FirstOrDefault()?.ToSession();
    }

    public async Task TouchAsync(string id, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("UPDATE facilitator_sessions SET last_seen_at = @at WHERE id = @id AND ended_at IS NULL", new { id, at = Iso(at) });
    }

    public async Task<bool> EndAsync(string facilitatorId, string id, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteAsync(
            "UPDATE facilitator_sessions SET ended_at = @at WHERE id = @id AND facilitator_id = @facilitatorId AND ended_at IS NULL",
            new { id, facilitatorId, at = Iso(at) }) == 1;
    }

    public async Task<IReadOnlyList<FacilitatorSession>> ListOpenAsync(string facilitatorId, DateTimeOffset idleSince, DateTimeOffset startedSince, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        // ISO 8601 in UTC with a fixed width sorts as text in time order.
        var rows = await c.QueryAsync<Row>("""
            SELECT id, facilitator_id AS FacilitatorId, device, started_at AS StartedAt, last_seen_at AS LastSeenAt, ended_at AS EndedAt
            FROM facilitator_sessions
            WHERE facilitator_id = @facilitatorId AND ended_at IS NULL AND last_seen_at >= @idleSince AND started_at >= @startedSince
            ORDER BY last_seen_at DESC
            """, new { facilitatorId, idleSince = Iso(idleSince), startedSince = Iso(startedSince) });
        return [.. rows.Select(r => r.ToSession())];
    }

    static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    sealed record Row(string Id, string FacilitatorId, string Device, string StartedAt, string LastSeenAt, string? EndedAt)
    {
        public FacilitatorSession ToSession() => new(Id, FacilitatorId, Device, Parse(StartedAt), Parse(LastSeenAt),
            EndedAt is null ? null : Parse(EndedAt));

        static DateTimeOffset Parse(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }
}
