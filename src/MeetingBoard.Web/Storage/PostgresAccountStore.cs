using Dapper;
using Npgsql;

namespace MeetingBoard.Web.Storage;

public sealed class PostgresAccountStore(PostgresDatabase db) : IAccountStore
{
    public Task InitialiseAsync(CancellationToken ct = default) => db.MigrateAsync(ct);

    public async Task<bool> AnyAsync(CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.ExecuteScalarAsync<bool>("SELECT EXISTS (SELECT 1 FROM facilitators)");
    }

    public async Task<bool> AddAsync(FacilitatorAccount a, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        try
        {
            await c.ExecuteAsync(
                "INSERT INTO facilitators (id, name, email, password_hash, created_at) VALUES (@Id, @Name, @Email, @PasswordHash, @CreatedAt)",
                new { a.Id, a.Name, a.Email, a.PasswordHash, CreatedAt = a.CreatedAt.ToUniversalTime() });
            return true;
        }
        catch (PostgresException e) when (PostgresDatabase.IsUniqueViolation(e))
        {
            return false;
        }
    }

    // Email is unique regardless of case through the lower(email) index, as COLLATE NOCASE does in SQLite.
    public Task<FacilitatorAccount?> FindByEmailAsync(string email, CancellationToken ct = default) =>
        FindWhereAsync("lower(email) = lower(@value)", email, ct);

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
            var createdAt = a.CreatedAt.ToUniversalTime();
            await c.ExecuteAsync(
                "INSERT INTO facilitators (id, name, email, password_hash, created_at) VALUES (@Id, @Name, @Email, @PasswordHash, @createdAt)",
                new { a.Id, a.Name, a.Email, a.PasswordHash, createdAt }, tx);
            await c.ExecuteAsync(
                "INSERT INTO facilitator_logins (provider, subject, facilitator_id, created_at) VALUES (@provider, @subject, @Id, @createdAt)",
                new { provider, subject, a.Id, createdAt }, tx);
            await tx.CommitAsync(ct);
            return true;
        }
        catch (PostgresException e) when (PostgresDatabase.IsUniqueViolation(e))
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
        catch (PostgresException e) when (PostgresDatabase.IsUniqueViolation(e))
        {
            return false;
        }
    }

    async Task<FacilitatorAccount?> FindWhereAsync(string where, string value, CancellationToken ct, string? provider = null)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string Id, string Name, string Email, string PasswordHash, DateTime CreatedAt)>(
            $"SELECT id, name, email, password_hash, created_at FROM facilitators WHERE {where}", new { value, provider });
        return rows.FirstOrDefault() is { Id: not null } r
            ? new FacilitatorAccount(r.Id, r.Name, r.Email, r.PasswordHash, PostgresEventStore.Utc(r.CreatedAt))
            : null;
    }
}
