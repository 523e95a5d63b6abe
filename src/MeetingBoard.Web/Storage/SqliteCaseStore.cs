using System.Globalization;
using Dapper;

namespace MeetingBoard.Web.Storage;

/// <summary>Cases in the embedded store (tables made by <see cref="SqliteEventStore.InitialiseAsync"/>).</summary>
public sealed class SqliteCaseStore(SqliteDatabase db) : ICaseStore
{
    public async Task AddAsync(CaseEntry entry, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("INSERT INTO cases (id, name, owner_id, created_at) VALUES (@Id, @Name, @OwnerId, @CreatedAt)",
            new { entry.Id, entry.Name, entry.OwnerId, CreatedAt = Iso(entry.CreatedAt) });
    }

    public async Task<CaseEntry?> FindAsync(string caseId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var row = await c.QuerySingleOrDefaultAsync<(string Id, string Name, string OwnerId, string CreatedAt)?>(
            "SELECT id, name, owner_id, created_at FROM cases WHERE id = @caseId", new { caseId });
        return row is { } r ? Entry(r) : null;
    }

    public async Task<IReadOnlyList<CaseEntry>> ListForAccountAsync(string accountId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        var rows = await c.QueryAsync<(string Id, string Name, string OwnerId, string CreatedAt)>("""
            SELECT id, name, owner_id, created_at FROM cases
            WHERE owner_id = @accountId OR id IN (SELECT case_id FROM case_members WHERE account_id = @accountId)
            ORDER BY created_at DESC
            """, new { accountId });
        return [.. rows.Select(Entry)];
    }

    public async Task AddMemberAsync(string caseId, string accountId, DateTimeOffset at, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("INSERT OR IGNORE INTO case_members (case_id, account_id, added_at) VALUES (@caseId, @accountId, @at)",
            new { caseId, accountId, at = Iso(at) });
    }

    public async Task RemoveMemberAsync(string caseId, string accountId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("DELETE FROM case_members WHERE case_id = @caseId AND account_id = @accountId", new { caseId, accountId });
    }

    public async Task<IReadOnlyList<string>> MembersAsync(string caseId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<string>("SELECT account_id FROM case_members WHERE case_id = @caseId ORDER BY added_at", new { caseId })];
    }

    public async Task AddMeetingAsync(string caseId, string meetingId, DateTimeOffset createdAt, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await c.ExecuteAsync("INSERT OR IGNORE INTO case_meetings (case_id, meeting_id, created_at) VALUES (@caseId, @meetingId, @at)",
            new { caseId, meetingId, at = Iso(createdAt) });
    }

    public async Task<IReadOnlyList<string>> MeetingsAsync(string caseId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return [.. await c.QueryAsync<string>("SELECT meeting_id FROM case_meetings WHERE case_id = @caseId ORDER BY created_at", new { caseId })];
    }

    public async Task<string?> CaseOfMeetingAsync(string meetingId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        return await c.QuerySingleOrDefaultAsync<string>("SELECT case_id FROM case_meetings WHERE meeting_id = @meetingId", new { meetingId });
    }

    public async Task DeleteAsync(string caseId, CancellationToken ct = default)
    {
        await using var c = await db.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        await c.ExecuteAsync("DELETE FROM case_meetings WHERE case_id = @caseId", new { caseId }, tx);
        await c.ExecuteAsync("DELETE FROM case_members WHERE case_id = @caseId", new { caseId }, tx);
        await c.ExecuteAsync("DELETE FROM cases WHERE id = @caseId", new { caseId }, tx);
        await tx.CommitAsync(ct);
    }

    static CaseEntry Entry((string Id, string Name, string OwnerId, string CreatedAt) r) =>
        new(r.Id, r.Name, r.OwnerId, DateTimeOffset.Parse(r.CreatedAt, CultureInfo.InvariantCulture));

    // ISO 8601 in UTC with a fixed width compares as text in time order.
    static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);
}
