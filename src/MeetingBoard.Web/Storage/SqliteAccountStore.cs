using Dapper;
using Microsoft.Data.Sqlite;

namespace MeetingBoard.Web.Storage;

public sealed class SqliteAccountStore(SqliteDatabase db) : IAccountStore
{
    public async Task InitialiseAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("""
            CREATE TABLE IF NOT EXISTS facilitators (
                id            TEXT PRIMARY KEY,
                name          TEXT NOT NULL,
                email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
                password_hash TEXT NOT NULL,
                created_at    TEXT NOT NULL
            );
            CREATE TABLE IF NOT EXISTS facilitator_logins (
                provider       TEXT NOT NULL,
                subject        TEXT NOT NULL,
                facilitator_id TEXT NOT NULL,
                created_at     TEXT NOT NULL,
                PRIMARY KEY (provider, subject)
            );
            """);
    }

    public async Task<bool> AnyAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<long>("SELECT EXISTS (SELECT 1 FROM facilitators)") == 1;
    }

    public async Task<bool> AddAsync(FacilitatorAccount a, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        try
        {
            await c.ExecuteAsync(
                "INSERT INTO facilitators (id, name, email, password_hash, created_at) VALUES (@Id, @Name, @Email, @PasswordHash, @CreatedAt)",
                new { a.Id, a.Name, a.Email, a.PasswordHash, CreatedAt = a.CreatedAt.ToString("O") });
            return true;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            return false;
        }
    }

    public Task<FacilitatorAccount?> FindByEmailAsync(string email, CancellationToken ct = default) =>
        FindWhereAsync("email = @value", email, ct);

    public Task<FacilitatorAccount?> FindAsync(string id, CancellationToken ct = default) =>
        FindWhereAsync("id = @value", id, ct);

    public Task<FacilitatorAccount?> FindByLoginAsync(string provider, string subject, CancellationToken ct = default) =>
        FindWhereAsync("id = (SELECT facilitator_id FROM facilitator_logins WHERE provider = @provider AND subject = @value)", subject, ct, provider);

    public async Task<bool> AddWithLoginAsync(FacilitatorAccount a, string provider, string subject, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        try
        {
            var createdAt = a.CreatedAt.ToString("O");
            await c.ExecuteAsync(
                "INSERT INTO facilitators (id, name, email, password_hash, created_at) VALUES (@Id, @Name, @Email, @PasswordHash, @createdAt)",
                new { a.Id, a.Name, a.Email, a.PasswordHash, createdAt }, tx);
            await c.ExecuteAsync(
                "INSERT INTO facilitator_logins (provider, subject, facilitator_id, created_at) VALUES (@provider, @subject, @Id, @createdAt)",
                new { provider, subject, a.Id, createdAt }, tx);
            await tx.CommitAsync(ct);
            return true;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            await tx.RollbackAsync(ct);
            return false;
        }
    }

    public async Task<bool> UpdateProfileAsync(string id, string name, string email, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        try
        {
            return await c.ExecuteAsync("UPDATE facilitators SET name = @name, email = @email WHERE id = @id", new { id, name, email }) == 1;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 19)
        {
            return false;
        }
    }

    async Task<FacilitatorAccount?> FindWhereAsync(string where, string value, CancellationToken ct, string? provider = null)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string Id, string Name, string Email, string PasswordHash, string CreatedAt)>(
            $"SELECT id, name, email, password_hash, created_at FROM facilitators WHERE {where}", new { value, provider });
        return rows.FirstOrDefault() is { Id: not null } r
            ? new FacilitatorAccount(r.Id, r.Name, r.Email, r.PasswordHash, DateTimeOffset.Parse(r.CreatedAt, System.Globalization.CultureInfo.InvariantCulture))
            : null;
    }
}
