using MeetingBoard.Cases;
using MeetingBoard.Meetings;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Storage;

namespace MeetingBoard.Web.Features.Cases;

/// <summary>
/// Who may see a case, and its meetings. A case is visible to the facilitator who made it, to the
/// facilitators its owner added (by their account's email), and to the facilitators and co-facilitators
/// of any of its meetings; to no one else, and never to a participant.
/// </summary>
public sealed class CaseDirectory(ICaseStore cases, IEventStore store, MeetingHosts hosts, IAccountStore accounts, MeetingClock clock)
{
    /// <summary>The cases a facilitator may see, newest first.</summary>
    public async Task<IReadOnlyList<CaseEntry>> VisibleAsync(string accountId, CancellationToken ct = default)
    {
        var list = (await cases.ListForAccountAsync(accountId, ct)).ToList();
        foreach (var meeting in await store.ListForFacilitatorAsync(accountId, ct))
            if (await cases.CaseOfMeetingAsync(meeting.MeetingId, ct) is { } caseId && list.TrueForAll(c => c.Id != caseId)
                && await cases.FindAsync(caseId, ct) is { } entry)
                list.Add(entry);
        return [.. list.OrderByDescending(c => c.CreatedAt)];
    }

    /// <summary>The case, when this facilitator may see it; null otherwise (and for a case that does not exist: the same answer).</summary>
    public async Task<CaseEntry?> FindVisibleAsync(string? caseId, string accountId, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(caseId) || caseId.Length > 64 || await cases.FindAsync(caseId, ct) is not { } entry) return null;
        if (entry.OwnerId == accountId || (await cases.MembersAsync(caseId, ct)).Contains(accountId)) return entry;
        var facilitator = Actor.Facilitator(accountId);
        foreach (var meeting in await MeetingsAsync(caseId, ct))
            if (meeting.IsFacilitator(facilitator)) return entry;
        return null;
    }

    /// <summary>The case's meetings that still exist, oldest first, caught up with the store.</summary>
    public async Task<IReadOnlyList<MeetingState>> MeetingsAsync(string caseId, CancellationToken ct = default)
    {
        var list = new List<MeetingState>();
        foreach (var id in await cases.MeetingsAsync(caseId, ct))
            if (await hosts.FindAsync(id, ct) is { } host && (await host.CatchUpAsync(ct)) is { CaseId: { } c } state && c == caseId)
                list.Add(state);
        return [.. list.OrderBy(m => m.CreatedAt)];
    }

    public async Task<IReadOnlyList<FacilitatorAccount>> MembersAsync(string caseId, CancellationToken ct = default)
    {
        var list = new List<FacilitatorAccount>();
        foreach (var id in await cases.MembersAsync(caseId, ct))
            if (await accounts.FindAsync(id, ct) is { } account) list.Add(account);
        return list;
    }

    /// <summary>The day a meeting was on, where the meetings are held.</summary>
    public DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(clock.Local(at).DateTime);

    /// <summary>The case's meetings before this one (oldest first).</summary>
    public async Task<IReadOnlyList<MeetingState>> EarlierAsync(MeetingState meeting, CancellationToken ct = default) =>
        meeting.CaseId is { } caseId
            ? [.. (await MeetingsAsync(caseId, ct)).Where(m => m.Id != meeting.Id && m.CreatedAt <= meeting.CreatedAt)]
            : [];

    /// <summary>Starts a meeting from the case's latest earlier meeting, with the series of all the earlier ones.</summary>
    public async Task<CommandOutcome?> CarryIntoAsync(MeetingHost host, Actor by, CancellationToken ct = default)
    {
        var earlier = await EarlierAsync(host.State, ct);
        if (earlier.Count == 0) return null;
        var last = earlier[^1];
        return await host.ExecuteAsync(new CarryFromLastMeeting(last, Day(last.CreatedAt), Trajectories.Past(earlier, Day), by, clock.Now), null, ct);
    }

    /// <summary>Copies the questions prepared for the case's latest earlier meeting.</summary>
    public async Task<CommandOutcome?> CopyQuestionsAsync(MeetingHost host, Actor by, CancellationToken ct = default)
    {
        var earlier = await EarlierAsync(host.State, ct);
        if (earlier.Count == 0) return null;
        return await host.ExecuteAsync(new CopyPreparedQuestions(earlier[^1], Trajectories.Past(earlier, Day), by, clock.Now), null, ct);
    }
}
