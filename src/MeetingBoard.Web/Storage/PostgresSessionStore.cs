using Dapper;

namespace MeetingBoard.Web.Storage;

/// <summary>Facilitator sessions shared by every node, so signing out on one ends the session on all.</summary>
public sealed class PostgresSessionStore(PostgresDatabase db) : ISessionStore
{
    const string Columns = "id, facilitator_id AS FacilitatorId, device, started_at AS StartedAt, last_seen_at AS LastSeenAt, ended_at AS EndedAt";

    public Task InitialiseAsync(CancellationToken ct = default) => db.MigrateAsync(ct);

    public async Task StartAsync(FacilitatorSession s, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync(
            "INSERT INTO facilitator_sessions (id, facilitator_id, device, started_at, last_seen_at) VALUES (@Id, @FacilitatorId, @Device, @StartedAt, @LastSeenAt)",
            new { s.Id, s.FacilitatorId, s.Device, StartedAt = s.StartedAt.UtcDateTime, LastSeenAt = s.LastSeenAt.UtcDateTime });
    }

    public async Task<FacilitatorSession?> FindAsync(string id, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>($"SELECT {Columns} FROM facilitator_sessions WHERE id = @id", new { id });
        return rows.FirstOrDefault()?.ToSession();
    }

    public async Task TouchAsync(string id, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("UPDATE facilitator_sessions SET last_seen_at = @at WHERE id = @id AND ended_at IS NULL", new { id, at = at.UtcDateTime });
    }

    public async Task<bool> EndAsync(string facilitatorId, string id, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteAsync(
            "UPDATE facilitator_sessions SET ended_at = @at WHERE id = @id AND facilitator_id = @facilitatorId AND ended_at IS NULL",
            new { id, facilitatorId, at = at.UtcDateTime }) == 1;
    }

    public async Task<IReadOnlyList<FacilitatorSession>> ListOpenAsync(string facilitatorId, DateTimeOffset idleSince, DateTimeOffset startedSince, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<Row>($"""
            SELECT {Columns} FROM facilitator_sessions
            WHERE facilitator_id = @facilitatorId AND ended_at IS NULL AND last_seen_at >= @idleSince AND started_at >= @startedSince
            ORDER BY last_seen_at DESC
            """, new { facilitatorId, idleSince = idleSince.UtcDateTime, startedSince = startedSince.UtcDateTime });
        return [.. rows.Select(r => r.ToSession())];
    }

    public async Task AttachProviderAsync(ProviderSession p, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("INSERT INTO provider_sessions (session_id, provider, tokens, checked_at) VALUES (@SessionId, @Provider, @ProtectedTokens, @checkedAt)",
            new { p.SessionId, p.Provider, p.ProtectedTokens, checkedAt = p.CheckedAt.UtcDateTime });
    }

    public async Task<ProviderSession?> FindProviderAsync(string sessionId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string SessionId, string Provider, string Tokens, DateTime CheckedAt)>(
            "SELECT session_id, provider, tokens, checked_at FROM provider_sessions WHERE session_id = @sessionId", new { sessionId });
        return rows.FirstOrDefault() is { SessionId: not null } r
            ? new ProviderSession(r.SessionId, r.Provider, r.Tokens, new DateTimeOffset(DateTime.SpecifyKind(r.CheckedAt, DateTimeKind.Utc)))
            : null;
    }

    public async Task<bool> ClaimProviderCheckAsync(string sessionId, DateTimeOffset now, DateTimeOffset dueBefore, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteAsync("UPDATE provider_sessions SET checked_at = @now WHERE session_id = @sessionId AND checked_at <= @dueBefore",
            new { sessionId, now = now.UtcDateTime, dueBefore = dueBefore.UtcDateTime }) == 1;
    }

    public async Task SaveProviderTokensAsync(string sessionId, string protectedTokens, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("UPDATE provider_sessions SET tokens = @protectedTokens WHERE session_id = @sessionId", new { sessionId, protectedTokens });
    }

    sealed record Row(string Id, string FacilitatorId, string Device, DateTime StartedAt, DateTime LastSeenAt, DateTime? EndedAt)
    {
        public FacilitatorSession ToSession() => new(Id, FacilitatorId, Device, Utc(StartedAt), Utc(LastSeenAt), EndedAt is { } e ? Utc(e) : null);

        static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
    }
}
