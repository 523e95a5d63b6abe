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
            CREATE TABLE IF NOT EXISTS provider_sessions (
                session_id TEXT PRIMARY KEY,
                provider   TEXT NOT NULL,
                tokens     TEXT NOT NULL,
                checked_at TEXT NOT NULL
            );
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

    public async Task AttachProviderAsync(ProviderSession p, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("INSERT INTO provider_sessions (session_id, provider, tokens, checked_at) VALUES (@SessionId, @Provider, @ProtectedTokens, @checkedAt)",
            new { p.SessionId, p.Provider, p.ProtectedTokens, checkedAt = Iso(p.CheckedAt) });
    }

    public async Task<ProviderSession?> FindProviderAsync(string sessionId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string SessionId, string Provider, string Tokens, string CheckedAt)>(
            "SELECT session_id, provider, tokens, checked_at FROM provider_sessions WHERE session_id = @sessionId", new { sessionId });
        return rows.FirstOrDefault() is { SessionId: not null } r
            ? new ProviderSession(r.SessionId, r.Provider, r.Tokens, DateTimeOffset.Parse(r.CheckedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal))
            : null;
    }

    public async Task<bool> ClaimProviderCheckAsync(string sessionId, DateTimeOffset now, DateTimeOffset dueBefore, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteAsync("UPDATE provider_sessions SET checked_at = @now WHERE session_id = @sessionId AND checked_at <= @dueBefore",
            new { sessionId, now = Iso(now), dueBefore = Iso(dueBefore) }) == 1;
    }

    public async Task SaveProviderTokensAsync(string sessionId, string protectedTokens, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("UPDATE provider_sessions SET tokens = @protectedTokens WHERE session_id = @sessionId", new { sessionId, protectedTokens });
    }

    static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    sealed record Row(string Id, string FacilitatorId, string Device, string StartedAt, string LastSeenAt, string? EndedAt)
    {
        public FacilitatorSession ToSession() => new(Id, FacilitatorId, Device, Parse(StartedAt), Parse(LastSeenAt),
            EndedAt is null ? null : Parse(EndedAt));

        static DateTimeOffset Parse(string s) => DateTimeOffset.Parse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
    }
}
