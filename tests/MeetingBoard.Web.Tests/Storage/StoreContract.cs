using MeetingBoard.Board;
using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using MeetingBoard.Web.Storage;
using MeetingBoard.Web.Tests.Infrastructure;

namespace MeetingBoard.Web.Tests.Storage;

/// <summary>
/// What every store must do, run against each store: SQLite (the embedded default) and
/// PostgreSQL (scale-out). A new store earns its place by passing these unchanged.
/// </summary>
public abstract class StoreContract
{
    protected abstract Task<(IEventStore Events, IAccountStore Accounts, ISessionStore Sessions)> NewStoresAsync();

    static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.FromHours(1));

    static MeetingIndexEntry Entry(string? facilitatorId = null, string? joinCode = null, DateTimeOffset? at = null) =>
        new(Guid.NewGuid().ToString("N"), joinCode ?? ("C" + Guid.NewGuid().ToString("N")[..10]), facilitatorId ?? "f1", at ?? Noon);

    static MeetingCreated Created(MeetingIndexEntry e) =>
        new(e.MeetingId, MeetingType.GroupSupervision, "Review", null, e.FacilitatorId, "Alex", e.JoinCode, "screen", e.CreatedAt);

    static ItemAdded Item(string text) =>
        new(Guid.NewGuid().ToString("N"), Category.Harm, text, Actor.Facilitator("f1"), Noon.AddMinutes(1));

    async Task<(IEventStore Store, MeetingIndexEntry Entry)> CreatedMeetingAsync()
    {
        var (store, _, _) = await NewStoresAsync();
        var entry = Entry();
        Assert.True(await store.CreateAsync(entry, [Created(entry)], "create1"));
        return (store, entry);
    }

    [Fact]
    public async Task ReadsBackWhatWasAppendedInVersionOrder()
    {
        var (store, entry) = await CreatedMeetingAsync();
        await store.AppendAsync(entry.MeetingId, 1, [Item("first"), Item("second")], "cmd2");
        await store.AppendAsync(entry.MeetingId, 3, [Item("third")], null);

        var events = await store.ReadAsync(entry.MeetingId, 0);
        Assert.Equal([1L, 2, 3, 4], events.Select(e => e.Version));
        Assert.Equal(Created(entry), events[0].Event);
        Assert.Equal(["first", "second", "third"], events.Skip(1).Select(e => ((ItemAdded)e.Event).Text));
        // The command id marks the first event the command produced, and only that one.
        Assert.Equal(["create1", "cmd2", null, null], events.Select(e => e.CommandId));
        Assert.Equal(Noon.AddMinutes(1), events[1].Event.At);
    }

    [Fact]
    public async Task ReadsOnlyWhatCameAfterAVersion()
    {
        var (store, entry) = await CreatedMeetingAsync();
        await store.AppendAsync(entry.MeetingId, 1, [Item("a"), Item("b")], null);
        Assert.Equal([3L], (await store.ReadAsync(entry.MeetingId, 2)).Select(e => e.Version));
        Assert.Empty(await store.ReadAsync(entry.MeetingId, 3));
        Assert.Empty(await store.ReadAsync(Guid.NewGuid().ToString("N"), 0));
    }

    [Fact]
    public async Task RefusesAStaleExpectedVersionAndStoresNothing()
    {
        var (store, entry) = await CreatedMeetingAsync();
        await store.AppendAsync(entry.MeetingId, 1, [Item("winner")], null);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.AppendAsync(entry.MeetingId, 1, [Item("loser"), Item("also lost")], null));
        var events = await store.ReadAsync(entry.MeetingId, 0);
        Assert.Equal(2, events.Count);
        Assert.Equal("winner", ((ItemAdded)events[1].Event).Text);
    }

    [Fact]
    public async Task RefusesACommandIdAlreadyAppliedToTheMeeting()
    {
        var (store, entry) = await CreatedMeetingAsync();
        await store.AppendAsync(entry.MeetingId, 1, [Item("once")], "same");
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.AppendAsync(entry.MeetingId, 2, [Item("twice")], "same"));
        Assert.Single(await store.ReadAsync(entry.MeetingId, 1));

        // The same id in another meeting is another command.
        var other = Entry();
        Assert.True(await store.CreateAsync(other, [Created(other)], null));
        await store.AppendAsync(other.MeetingId, 1, [Item("elsewhere")], "same");
    }

    [Fact]
    public async Task LetsExactlyOneOfManyConcurrentWritersWin()
    {
        var (store, entry) = await CreatedMeetingAsync();
        var attempts = Enumerable.Range(0, 8).Select(async i =>
        {
            try
            {
                await store.AppendAsync(entry.MeetingId, 1, [Item($"writer {i}")], null);
                return true;
            }
            catch (ConcurrencyConflictException)
            {
                return false;
            }
        });
        Assert.Single(await Task.WhenAll(attempts), won => won);
        Assert.Single(await store.ReadAsync(entry.MeetingId, 1));
    }

    [Fact]
    public async Task AppendsWhatIsDecidedOnTheEventsMissedRightAfterThem()
    {
        var (store, entry) = await CreatedMeetingAsync();
        await store.AppendAsync(entry.MeetingId, 1, [Item("missed one"), Item("missed two")], "other");

        IReadOnlyList<StoredEvent> given = [];
        await store.AppendDecidedAsync(entry.MeetingId, 1, missed =>
        {
            given = missed;
            return [Item($"after {missed.Count}"), Item("and another")];
        }, "mine");

        Assert.Equal([2L, 3], given.Select(e => e.Version));
        Assert.Equal(["missed one", "missed two"], given.Select(e => ((ItemAdded)e.Event).Text));
        Assert.Equal(["other", null], given.Select(e => e.CommandId));
        var events = await store.ReadAsync(entry.MeetingId, 3);
        Assert.Equal([4L, 5], events.Select(e => e.Version));
        Assert.Equal(["after 2", "and another"], events.Select(e => ((ItemAdded)e.Event).Text));
        Assert.Equal(["mine", null], events.Select(e => e.CommandId));

        // Nothing missed, nothing decided: nothing stored.
        await store.AppendDecidedAsync(entry.MeetingId, 5, missed => { given = missed; return []; }, "refused");
        Assert.Empty(given);
        Assert.Equal(5, (await store.ReadAsync(entry.MeetingId, 0)).Count);
    }

    [Fact]
    public async Task AppendsADecisionForEachOfManyConcurrentWritersInTurn()
    {
        // Each decides on everything before it, so none loses and none overwrites another.
        var (store, entry) = await CreatedMeetingAsync();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            store.AppendDecidedAsync(entry.MeetingId, 1, missed => [Item($"writer {i} saw {missed.Count}")], $"writer{i}"))));

        var events = (await store.ReadAsync(entry.MeetingId, 1)).ToList();
        Assert.Equal(Enumerable.Range(2, 8).Select(v => (long)v), events.Select(e => e.Version));
        Assert.Equal(Enumerable.Range(0, 8).Select(n => $"saw {n}"), events.Select(e => ((ItemAdded)e.Event).Text[^5..]));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => $"writer{i}").Order(), events.Select(e => e.CommandId).Order());
    }

    [Fact]
    public async Task AppendsNoDecisionToAPurgedMeeting()
    {
        var (store, entry) = await CreatedMeetingAsync();
        await store.PurgeAsync(entry.MeetingId, Noon.AddDays(31));
        var decided = false;
        await Assert.ThrowsAsync<MeetingDeletedException>(() =>
            store.AppendDecidedAsync(entry.MeetingId, 1, _ => { decided = true; return [Item("back again")]; }, null));
        Assert.False(decided);
        Assert.Empty(await store.ReadAsync(entry.MeetingId, 0));
    }

    [Fact]
    public async Task AppendsNoDecisionTwiceForOneCommandId()
    {
        var (store, entry) = await CreatedMeetingAsync();
        await store.AppendAsync(entry.MeetingId, 1, [Item("once")], "same");

        // Given the stored command, a decider sees it and decides nothing...
        await store.AppendDecidedAsync(entry.MeetingId, 1,
            missed => missed.Any(e => e.CommandId == "same") ? [] : [Item("twice")], "same");
        // ...and one that decides anyway is refused, storing nothing.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            store.AppendDecidedAsync(entry.MeetingId, 2, _ => [Item("twice"), Item("thrice")], "same"));
        Assert.Equal(["once"], (await store.ReadAsync(entry.MeetingId, 1)).Select(e => ((ItemAdded)e.Event).Text));
    }

    [Fact]
    public async Task RefusesATakenJoinCodeAndStoresNothing()
    {
        var (store, entry) = await CreatedMeetingAsync();
        var clash = Entry(joinCode: entry.JoinCode);
        Assert.False(await store.CreateAsync(clash, [Created(clash)], null));
        Assert.Empty(await store.ReadAsync(clash.MeetingId, 0));
        Assert.Equal(entry.MeetingId, await store.FindByJoinCodeAsync(entry.JoinCode));
        Assert.Null(await store.FindByJoinCodeAsync("NOT-A-CODE"));
    }

    [Fact]
    public async Task ListsAFacilitatorsMeetingsNewestFirst()
    {
        var (store, _, _) = await NewStoresAsync();
        var mine = "f-" + Guid.NewGuid().ToString("N");
        var older = Entry(mine, at: Noon);
        var newer = Entry(mine, at: Noon.AddDays(1));
        var someoneElses = Entry("f-other", at: Noon.AddDays(2));
        foreach (var e in new[] { older, newer, someoneElses })
            Assert.True(await store.CreateAsync(e, [Created(e)], null));

        var listed = await store.ListForFacilitatorAsync(mine);
        Assert.Equal([newer.MeetingId, older.MeetingId], listed.Select(m => m.MeetingId));
        Assert.Equal(newer.JoinCode, listed[0].JoinCode);
        Assert.Equal(Noon.AddDays(1), listed[0].CreatedAt);
    }

    [Fact]
    public async Task ListsTheMeetingsAFacilitatorWasMadeCoFacilitatorOf()
    {
        var (store, _, _) = await NewStoresAsync();
        var co = "f-" + Guid.NewGuid().ToString("N");
        var chair = Actor.Facilitator("f-chair-" + Guid.NewGuid().ToString("N"));
        var own = Entry(co, at: Noon);
        var coChaired = Entry(chair.Id, at: Noon.AddDays(1));
        var othersOnly = Entry(chair.Id, at: Noon.AddDays(2));
        var purged = Entry(chair.Id, at: Noon.AddDays(3));
        foreach (var e in new[] { own, coChaired, othersOnly, purged })
            Assert.True(await store.CreateAsync(e, [Created(e)], null));
        await store.AppendAsync(coChaired.MeetingId, 1, [new CoFacilitatorAdded(co, "Robin", chair, Noon.AddDays(1))], null);
        // Their id typed into an item, or another account made co-facilitator, does not list a meeting for them.
        await store.AppendAsync(othersOnly.MeetingId, 1, [Item(co), new CoFacilitatorAdded("f-someone-else", "Kim", chair, Noon.AddDays(2))], null);
        await store.AppendAsync(purged.MeetingId, 1, [new CoFacilitatorAdded(co, "Robin", chair, Noon.AddDays(3))], null);
        await store.PurgeAsync(purged.MeetingId, Noon.AddDays(40));

        var listed = await store.ListForFacilitatorAsync(co);
        Assert.Equal([coChaired.MeetingId, own.MeetingId], listed.Select(m => m.MeetingId));
        Assert.Equal(chair.Id, listed[0].FacilitatorId);
        Assert.Equal([othersOnly.MeetingId, coChaired.MeetingId], (await store.ListForFacilitatorAsync(chair.Id)).Select(m => m.MeetingId));
    }

    [Fact]
    public async Task PurgesEverythingOfAMeetingAndKeepsOnlyATombstone()
    {
        var (store, entry) = await CreatedMeetingAsync();
        await store.AppendAsync(entry.MeetingId, 1, [Item("private")], null);
        var other = Entry();
        Assert.True(await store.CreateAsync(other, [Created(other)], null));

        await store.PurgeAsync(entry.MeetingId, Noon.AddDays(31));
        await store.PurgeAsync(entry.MeetingId, Noon.AddDays(40)); // again: harmless, keeps the first time

        Assert.Empty(await store.ReadAsync(entry.MeetingId, 0));
        Assert.Null(await store.FindByJoinCodeAsync(entry.JoinCode));
        Assert.DoesNotContain(entry.MeetingId, (await store.ListForFacilitatorAsync(entry.FacilitatorId)).Select(m => m.MeetingId));
        Assert.Equal(Noon.AddDays(31), await store.FindDeletedAsync(entry.MeetingId));
        Assert.Null(await store.FindDeletedAsync(other.MeetingId));
        Assert.Single(await store.ReadAsync(other.MeetingId, 0));
        await Assert.ThrowsAsync<MeetingDeletedException>(() => store.AppendAsync(entry.MeetingId, 0, [Item("back again")], null));
        Assert.Empty(await store.ReadAsync(entry.MeetingId, 0));
    }

    [Fact]
    public async Task ListsMeetingsClosedBeforeACutoff()
    {
        var (store, closedEarly) = await CreatedMeetingAsync();
        await store.AppendAsync(closedEarly.MeetingId, 1, [new MeetingClosed(Actor.Facilitator("f1"), Noon.AddDays(1))], null);
        var closedLate = Entry();
        Assert.True(await store.CreateAsync(closedLate, [Created(closedLate)], null));
        await store.AppendAsync(closedLate.MeetingId, 1, [new MeetingClosed(Actor.Facilitator("f1"), Noon.AddDays(10))], null);
        var open = Entry();
        Assert.True(await store.CreateAsync(open, [Created(open)], null));

        var closed = await store.ListClosedBeforeAsync(Noon.AddDays(5));
        var mine = closed.Where(m => m.MeetingId == closedEarly.MeetingId || m.MeetingId == closedLate.MeetingId || m.MeetingId == open.MeetingId).ToList();
        var single = Assert.Single(mine);
        Assert.Equal(closedEarly.MeetingId, single.MeetingId);
        Assert.Equal(Noon.AddDays(1), single.ClosedAt);
    }

    [Fact]
    public async Task ListsOpenMeetingsWhoseLastEventIsOlderThanACutoff()
    {
        var (store, _, _) = await NewStoresAsync();
        // Quiet since Noon + 1 minute; busy until Noon + 3 days; closed long ago; quiet but deleted.
        var quiet = Entry();
        Assert.True(await store.CreateAsync(quiet, [Created(quiet)], null));
        await store.AppendAsync(quiet.MeetingId, 1, [Item("last word")], null);
        var busy = Entry();
        Assert.True(await store.CreateAsync(busy, [Created(busy)], null));
        await store.AppendAsync(busy.MeetingId, 1, [Item("early") , Item("late") with { At = Noon.AddDays(3) }], null);
        var closed = Entry();
        Assert.True(await store.CreateAsync(closed, [Created(closed)], null));
        await store.AppendAsync(closed.MeetingId, 1, [new MeetingClosed(Actor.Facilitator("f1"), Noon.AddMinutes(2))], null);
        var deleted = Entry();
        Assert.True(await store.CreateAsync(deleted, [Created(deleted)], null));
        await store.PurgeAsync(deleted.MeetingId, Noon.AddMinutes(5));

        var mine = new[] { quiet.MeetingId, busy.MeetingId, closed.MeetingId, deleted.MeetingId };
        var idle = (await store.ListOpenIdleSinceAsync(Noon.AddDays(2))).Where(m => mine.Contains(m.MeetingId)).ToList();
        var single = Assert.Single(idle);
        Assert.Equal((quiet.MeetingId, 2L, Noon.AddMinutes(1)), (single.MeetingId, single.Version, single.LastEventAt));

        // Later still, the busy one is idle too; the closed one never is: it is the purge's.
        var later = (await store.ListOpenIdleSinceAsync(Noon.AddDays(4))).Where(m => mine.Contains(m.MeetingId)).Select(m => m.MeetingId).Order().ToList();
        Assert.Equal(new[] { quiet.MeetingId, busy.MeetingId }.Order(), later);
        Assert.DoesNotContain(await store.ListOpenIdleSinceAsync(Noon), m => mine.Contains(m.MeetingId));
    }

    [Fact]
    public async Task KeepsSessionsUntilEndedByTheirOwner()
    {
        var (_, _, sessions) = await NewStoresAsync();
        var started = Noon.ToUniversalTime();
        await sessions.StartAsync(new FacilitatorSession("s1", "f1", "Firefox on Linux", started, started, null));
        await sessions.StartAsync(new FacilitatorSession("s2", "f1", "Safari on iPhone", started, started.AddMinutes(5), null));
        await sessions.StartAsync(new FacilitatorSession("s3", "f2", "Edge on Windows", started, started, null));
        await sessions.TouchAsync("s1", started.AddMinutes(10));

        Assert.Equal(started.AddMinutes(10), (await sessions.FindAsync("s1"))!.LastSeenAt);
        Assert.Equal(["s1", "s2"], (await sessions.ListOpenAsync("f1", started, started)).Select(x => x.Id));
        Assert.Equal(["s1"], (await sessions.ListOpenAsync("f1", started.AddMinutes(6), started)).Select(x => x.Id));

        Assert.False(await sessions.EndAsync("f2", "s1", started.AddMinutes(11))); // not theirs
        Assert.True(await sessions.EndAsync("f1", "s1", started.AddMinutes(11)));
        Assert.False(await sessions.EndAsync("f1", "s1", started.AddMinutes(12))); // already ended
        Assert.Equal(started.AddMinutes(11), (await sessions.FindAsync("s1"))!.EndedAt);
        Assert.Equal(["s2"], (await sessions.ListOpenAsync("f1", started, started)).Select(x => x.Id));
        Assert.Null(await sessions.FindAsync("nope"));
    }

    [Fact]
    public async Task AnswersAPingAndInitialisesTwiceHarmlessly()
    {
        var (store, accounts, _) = await NewStoresAsync();
        Assert.True(await store.PingAsync());
        await store.InitialiseAsync();
        await accounts.InitialiseAsync();
        var entry = Entry();
        Assert.True(await store.CreateAsync(entry, [Created(entry)], null));
    }

    [Fact]
    public async Task KeepsFacilitatorAccountsWithEmailUniqueRegardlessOfCase()
    {
        var (_, accounts, _) = await NewStoresAsync();
        Assert.False(await accounts.AnyAsync());
        var id = Guid.NewGuid().ToString("N");
        var account = new FacilitatorAccount(id, "Alex Morgan", "Alex.Morgan@Example.org", "hash", Noon);
        Assert.True(await accounts.AddAsync(account));
        Assert.True(await accounts.AnyAsync());
        Assert.False(await accounts.AddAsync(account with { Id = Guid.NewGuid().ToString("N"), Email = "alex.morgan@example.ORG" }));

        var found = await accounts.FindByEmailAsync("ALEX.MORGAN@example.org");
        Assert.NotNull(found);
        Assert.Equal(id, found.Id);
        Assert.Equal("Alex.Morgan@Example.org", found.Email);
        Assert.Equal(Noon, found.CreatedAt);
        Assert.Equal("Alex Morgan", (await accounts.FindAsync(id))?.Name);
        Assert.Null(await accounts.FindAsync("nobody"));
    }

    [Fact]
    public async Task LinksAProviderAccountBySubjectAndStoresNothingWhenTheEmailIsTaken()
    {
        var (_, accounts, _) = await NewStoresAsync();
        var local = new FacilitatorAccount(Guid.NewGuid().ToString("N"), "Alex Morgan", "alex@northshire.gov.uk", "hash", Noon);
        Assert.True(await accounts.AddAsync(local));
        var sam = new FacilitatorAccount(Guid.NewGuid().ToString("N"), "Sam Okafor", "sam@northshire.gov.uk", "", Noon);
        Assert.True(await accounts.AddWithLoginAsync(sam, "council", "subject-1"));
        Assert.Equal(sam.Id, (await accounts.FindByLoginAsync("council", "subject-1"))?.Id);
        Assert.Null(await accounts.FindByLoginAsync("nhs", "subject-1"));
        Assert.Null(await accounts.FindByLoginAsync("council", "subject-2"));

        // Another subject with a taken email: neither the account nor the link is kept.
        var other = new FacilitatorAccount(Guid.NewGuid().ToString("N"), "Alex Again", "ALEX@northshire.gov.uk", "", Noon);
        Assert.False(await accounts.AddWithLoginAsync(other, "council", "subject-2"));
        Assert.Null(await accounts.FindByLoginAsync("council", "subject-2"));
        Assert.Null(await accounts.FindAsync(other.Id));
        // The same subject again (two sign-ins racing): refused, the first link stands.
        Assert.False(await accounts.AddWithLoginAsync(other with { Email = "new@northshire.gov.uk" }, "council", "subject-1"));
        Assert.Null(await accounts.FindAsync(other.Id));

        Assert.True(await accounts.UpdateProfileAsync(sam.Id, "Sam Adeyemi", "sam.adeyemi@northshire.gov.uk"));
        Assert.Equal("sam.adeyemi@northshire.gov.uk", (await accounts.FindByLoginAsync("council", "subject-1"))?.Email);
        Assert.False(await accounts.UpdateProfileAsync(sam.Id, "Sam Adeyemi", "Alex@northshire.gov.uk"));
        Assert.Equal("Sam Adeyemi", (await accounts.FindAsync(sam.Id))?.Name);
    }

    [Fact]
    public async Task KeepsWhatASessionHasOfItsProviderAndLetsOneCheckerAtATime()
    {
        var (_, _, sessions) = await NewStoresAsync();
        await sessions.StartAsync(new FacilitatorSession("s1", "f1", "Chrome on Linux", Noon, Noon, null));
        Assert.Null(await sessions.FindProviderAsync("s1"));
        await sessions.AttachProviderAsync(new ProviderSession("s1", "council", "protected-1", Noon));
        Assert.Equal(new ProviderSession("s1", "council", "protected-1", Noon), await sessions.FindProviderAsync("s1"));

        Assert.False(await sessions.ClaimProviderCheckAsync("s1", Noon.AddMinutes(1), Noon.AddMinutes(-4)));
        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => sessions.ClaimProviderCheckAsync("s1", Noon.AddMinutes(6), Noon.AddMinutes(1))));
        Assert.Single(claims, c => c);
        Assert.Equal(Noon.AddMinutes(6), (await sessions.FindProviderAsync("s1"))?.CheckedAt);

        await sessions.SaveProviderTokensAsync("s1", "protected-2");
        Assert.Equal("protected-2", (await sessions.FindProviderAsync("s1"))?.ProtectedTokens);
        Assert.False(await sessions.ClaimProviderCheckAsync("nobody", Noon, Noon));
    }
}

public sealed class SqliteStoreContract : StoreContract, IDisposable
{
    readonly List<string> directories = [];

    protected override async Task<(IEventStore, IAccountStore, ISessionStore)> NewStoresAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "meetingboard-tests", Guid.NewGuid().ToString("N"));
        directories.Add(dir);
        var db = new SqliteDatabase(dir);
        var events = new SqliteEventStore(db);
        var accounts = new SqliteAccountStore(db);
        var sessions = new SqliteSessionStore(db);
        await events.InitialiseAsync();
        await accounts.InitialiseAsync();
        await sessions.InitialiseAsync();
        return (events, accounts, sessions);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var dir in directories)
            try { Directory.Delete(dir, recursive: true); } catch (IOException) { }
    }
}

public sealed class PostgresStoreContract(PostgresServer server) : StoreContract, IClassFixture<PostgresServer>, IAsyncDisposable
{
    readonly List<PostgresDatabase> databases = [];

    protected override async Task<(IEventStore, IAccountStore, ISessionStore)> NewStoresAsync()
    {
        var db = new PostgresDatabase(await server.CreateDatabaseAsync());
        databases.Add(db);
        var events = new PostgresEventStore(db);
        var accounts = new PostgresAccountStore(db);
        // Two nodes starting at once both migrate: the advisory lock makes one wait for the other.
        await Task.WhenAll(events.InitialiseAsync(), new PostgresEventStore(new PostgresDatabase(db.DataSource.ConnectionString)).InitialiseAsync());
        await accounts.InitialiseAsync();
        return (events, accounts, new PostgresSessionStore(db));
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var db in databases) await db.DisposeAsync();
    }
}
