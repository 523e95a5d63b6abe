namespace MeetingBoard.Web.Storage;

/// <summary>A case: a pseudonym (never a real name), the facilitator who made it, and when.</summary>
public sealed record CaseEntry(string Id, string Name, string OwnerId, DateTimeOffset CreatedAt);

/// <summary>
/// Cases, who was added to each, and which meetings are its. The tables sit beside the meeting index,
/// so purging a case's last meeting removes the case in the same transaction (<see cref="IEventStore.PurgeAsync"/>).
/// </summary>
public interface ICaseStore
{
    Task AddAsync(CaseEntry entry, CancellationToken ct = default);
    Task<CaseEntry?> FindAsync(string caseId, CancellationToken ct = default);
    /// <summary>Cases the account made or was added to, newest first.</summary>
    Task<IReadOnlyList<CaseEntry>> ListForAccountAsync(string accountId, CancellationToken ct = default);
    /// <summary>Adding someone already added changes nothing.</summary>
    Task AddMemberAsync(string caseId, string accountId, DateTimeOffset at, CancellationToken ct = default);
    Task RemoveMemberAsync(string caseId, string accountId, CancellationToken ct = default);
    Task<IReadOnlyList<string>> MembersAsync(string caseId, CancellationToken ct = default);
    /// <summary>Recorded before the meeting is created: a meeting whose creation failed is simply never found.</summary>
    Task AddMeetingAsync(string caseId, string meetingId, DateTimeOffset createdAt, CancellationToken ct = default);
    /// <summary>The case's meeting ids, oldest first.</summary>
    Task<IReadOnlyList<string>> MeetingsAsync(string caseId, CancellationToken ct = default);
    Task<string?> CaseOfMeetingAsync(string meetingId, CancellationToken ct = default);
    /// <summary>The case and its members go; its meetings must have been purged first.</summary>
    Task DeleteAsync(string caseId, CancellationToken ct = default);
}
