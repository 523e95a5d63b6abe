using Dapper;

namespace MeetingBoard.Web.Storage;

public sealed class PostgresSetupLinkStore(PostgresDatabase db) : ISetupLinkStore
{
    public Task InitialiseAsync(CancellationToken ct = default) => db.MigrateAsync(ct);

    public async Task AddAsync(string tokenHash, DateTimeOffset expiresAt, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("INSERT INTO setup_links (token_hash, expires_at) VALUES (@tokenHash, @expiresAt)",
            new { tokenHash, expiresAt = expiresAt.ToUniversalTime() });
    }

    public async Task<bool> IsOpenAsync(string tokenHash, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM setup_links WHERE token_hash = @tokenHash AND expires_at > @now)",
            new { tokenHash, now = now.ToUniversalTime() });
    }

    public async Task<bool> TakeAllAsync(string tokenHash, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        // Two nodes deleting at once: the second waits on the rows the first locked, finds them gone
        // when the first commits, and deletes nothing (READ COMMITTED re-checks locked rows).
        return await c.ExecuteAsync(
            "DELETE FROM setup_links WHERE EXISTS (SELECT 1 FROM setup_links WHERE token_hash = @tokenHash AND expires_at > @now)",
            new { tokenHash, now = now.ToUniversalTime() }) > 0;
    }

    public async Task ClearAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("DELETE FROM setup_links");
    }
}
