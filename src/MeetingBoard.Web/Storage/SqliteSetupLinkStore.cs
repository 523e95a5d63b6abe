using System.Globalization;
using Dapper;

namespace MeetingBoard.Web.Storage;

public sealed class SqliteSetupLinkStore(SqliteDatabase db) : ISetupLinkStore
{
    public async Task InitialiseAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS setup_links (
                token_hash TEXT PRIMARY KEY,
                expires_at TEXT NOT NULL
            );
            """);
    }

    public async Task AddAsync(string tokenHash, DateTimeOffset expiresAt, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("INSERT INTO setup_links (token_hash, expires_at) VALUES (@tokenHash, @expiresAt)",
            new { tokenHash, expiresAt = Iso(expiresAt) });
    }

    public async Task<bool> IsOpenAsync(string tokenHash, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("SELECT EXISTS (SELECT 1 FROM setup_links WHERE token_hash = @tokenHash AND expires_at > @now)",
            new { tokenHash, now = Iso(now) }) == 1;
    }

    public async Task<bool> TakeAllAsync(string tokenHash, DateTimeOffset now, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        // One statement: SQLite runs one writer at a time, so only the first of two uses finds the link.
        return await c.ExecuteAsync(
            "DELETE FROM setup_links WHERE EXISTS (SELECT 1 FROM setup_links WHERE token_hash = @tokenHash AND expires_at > @now)",
            new { tokenHash, now = Iso(now) }) > 0;
    }

    public async Task ClearAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("DELETE FROM setup_links");
    }

    // ISO 8601 in UTC with a fixed width compares as text in time order.
    static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);
}
