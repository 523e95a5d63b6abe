using MeetingBoard.Meetings;
using MeetingBoard.Web.Storage;
using MeetingBoard.Web.Tests.Infrastructure;

namespace MeetingBoard.Web.Tests.Storage;

/// <summary>
/// Cases on each store: who made one and who was added see it, its meetings in order, and retention:
/// purging a case's last meeting takes the case (and who was added) with it, in the same transaction.
/// </summary>
public abstract class CaseStores
{
    protected abstract Task<(ICaseStore Cases, IEventStore Events)> NewStoresAsync();

    static readonly DateTimeOffset Day = new(2026, 11, 3, 10, 0, 0, TimeSpan.Zero);

    static async Task<string> NewMeetingAsync(IEventStore events, ICaseStore cases, string caseId, DateTimeOffset at)
    {
        var id = Guid.NewGuid().ToString("N");
        await cases.AddMeetingAsync(caseId, id, at);
        Assert.True(await events.CreateAsync(new MeetingIndexEntry(id, JoinCode.New(), "acc-owner", at),
            [new MeetingCreated(id, MeetingType.ChildProtectionConference, "Conference", "Family A", "acc-owner", "Alex", JoinCode.New(), "key", at, CaseId: caseId)], null));
        return id;
    }

    [Fact]
    public async Task ACaseIsSeenByWhoMadeItAndWhoWasAdded()
    {
        var (cases, _) = await NewStoresAsync();
        await cases.AddAsync(new CaseEntry("case-a", "Family A", "acc-owner", Day));
        await cases.AddAsync(new CaseEntry("case-b", "Family B", "acc-other", Day.AddDays(1)));
        Assert.Equal(["case-a"], (await cases.ListForAccountAsync("acc-owner")).Select(c => c.Id));
        Assert.Empty(await cases.ListForAccountAsync("acc-colleague"));

        await cases.AddMemberAsync("case-a", "acc-colleague", Day);
        await cases.AddMemberAsync("case-a", "acc-colleague", Day); // twice: still once
        await cases.AddMemberAsync("case-b", "acc-colleague", Day);
        Assert.Equal(["case-b", "case-a"], (await cases.ListForAccountAsync("acc-colleague")).Select(c => c.Id));
        Assert.Equal(["acc-colleague"], await cases.MembersAsync("case-a"));

        await cases.RemoveMemberAsync("case-a", "acc-colleague");
        Assert.Equal(["case-b"], (await cases.ListForAccountAsync("acc-colleague")).Select(c => c.Id));
        var found = await cases.FindAsync("case-a");
        Assert.Equal(("Family A", "acc-owner", Day), (found!.Name, found.OwnerId, found.CreatedAt));
        Assert.Null(await cases.FindAsync("case-none"));
    }

    [Fact]
    public async Task ACasesMeetingsComeOldestFirst()
    {
        var (cases, events) = await NewStoresAsync();
        await cases.AddAsync(new CaseEntry("case-a", "Family A", "acc-owner", Day));
        var review = await NewMeetingAsync(events, cases, "case-a", Day.AddMonths(3));
        var initial = await NewMeetingAsync(events, cases, "case-a", Day);
        Assert.Equal([initial, review], await cases.MeetingsAsync("case-a"));
        Assert.Equal("case-a", await cases.CaseOfMeetingAsync(review));
        Assert.Null(await cases.CaseOfMeetingAsync("m-alone"));
    }

    [Fact]
    public async Task PurgingTheLastMeetingOfACaseTakesTheCaseWithIt()
    {
        var (cases, events) = await NewStoresAsync();
        await cases.AddAsync(new CaseEntry("case-a", "Family A", "acc-owner", Day));
        await cases.AddMemberAsync("case-a", "acc-colleague", Day);
        await cases.AddAsync(new CaseEntry("case-b", "Family B", "acc-owner", Day));
        var initial = await NewMeetingAsync(events, cases, "case-a", Day);
        var review = await NewMeetingAsync(events, cases, "case-a", Day.AddMonths(3));
        var other = await NewMeetingAsync(events, cases, "case-b", Day);

        await events.PurgeAsync(initial, Day.AddMonths(4));
        Assert.NotNull(await cases.FindAsync("case-a"));
        Assert.Equal([review], await cases.MeetingsAsync("case-a"));

        await events.PurgeAsync(review, Day.AddMonths(7));
        Assert.Null(await cases.FindAsync("case-a"));
        Assert.Empty(await cases.MembersAsync("case-a"));
        Assert.Empty(await cases.ListForAccountAsync("acc-colleague"));
        // Another case is untouched.
        Assert.Equal([other], await cases.MeetingsAsync("case-b"));
    }

    [Fact]
    public async Task DeletingACaseLeavesNothingOfIt()
    {
        var (cases, _) = await NewStoresAsync();
        await cases.AddAsync(new CaseEntry("case-a", "Family A", "acc-owner", Day));
        await cases.AddMemberAsync("case-a", "acc-colleague", Day);
        await cases.AddMeetingAsync("case-a", "m-1", Day);
        await cases.DeleteAsync("case-a");
        Assert.Null(await cases.FindAsync("case-a"));
        Assert.Empty(await cases.MembersAsync("case-a"));
        Assert.Empty(await cases.MeetingsAsync("case-a"));
    }
}

public sealed class SqliteCaseStores : CaseStores, IDisposable
{
    readonly string directory = Path.Combine(Path.GetTempPath(), "meetingboard-tests", Guid.NewGuid().ToString("N"));

    protected override async Task<(ICaseStore, IEventStore)> NewStoresAsync()
    {
        var db = new SqliteDatabase(directory);
        var events = new SqliteEventStore(db);
        await events.InitialiseAsync();
        return (new SqliteCaseStore(db), events);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}

public sealed class PostgresCaseStores(PostgresServer server) : CaseStores, IClassFixture<PostgresServer>
{
    protected override async Task<(ICaseStore, IEventStore)> NewStoresAsync()
    {
        var db = new PostgresDatabase(await server.CreateDatabaseAsync());
        var events = new PostgresEventStore(db);
        await events.InitialiseAsync();
        return (new PostgresCaseStore(db), events);
    }
}
