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

    sealed record Row(string Id, string FacilitatorId, string Device, DateTime StartedAt, DateTime LastSeenAt, DateTime? EndedAt)
    {
        public FacilitatorSession ToSession() => new(Id, FacilitatorId, Device, Utc(StartedAt), Utc(LastSeenAt), EndedAt is { } e ? Utc(e) : null);

        static DateTimeOffset Utc(DateTime t) => new(DateTime.SpecifyKind(t, DateTimeKind.Utc));
    }
}
