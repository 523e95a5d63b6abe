using MeetingBoard.Web.Features.Accounts;
using MeetingBoard.Web.Storage;
using MeetingBoard.Web.Tests.Infrastructure;

namespace MeetingBoard.Web.Tests.Storage;

/// <summary>
/// The first facilitator's one-time setup links, on each store: kept hashed, they expire, and using
/// one spends every link however many uses race, on one node or several.
/// </summary>
public abstract class SetupLinks
{
    protected abstract Task<(ISetupLinkStore Links, IAccountStore Accounts)> NewStoresAsync();

    /// <summary>A clock the test moves by hand (the app's own <see cref="TimeProvider"/> seam).</summary>
    sealed class HandClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 8, 9, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    static FacilitatorAccount Account(string email) => new(Guid.NewGuid().ToString("N"), "Alex Morgan", email, "hash", DateTimeOffset.UtcNow);

    static readonly MeetingBoardOptions TwoHours = new() { SetupLinkHours = 2 };

    [Fact]
    public async Task ALinkWorksOnceAndThenNoLinkWorks()
    {
        var (links, accounts) = await NewStoresAsync();
        var clock = new HandClock();
        // Two nodes started: each printed its own link.
        var one = new SetupLink(links, accounts, clock, TwoHours);
        var two = new SetupLink(links, accounts, clock, TwoHours);
        await one.OpenAsync();
        await two.OpenAsync();
        Assert.True(await two.IsOpenAsync(one.Token), "a link printed by one node is open on another");

        Assert.True(await two.UseAsync(one.Token, Account("alex@example.org")));
        Assert.False(await one.IsOpenAsync(one.Token));
        Assert.False(await one.UseAsync(one.Token, Account("again@example.org")));
        Assert.False(await one.UseAsync(two.Token, Account("other@example.org")), "the other node's link is spent too");
        Assert.Null(await accounts.FindByEmailAsync("again@example.org"));
        Assert.Null(await accounts.FindByEmailAsync("other@example.org"));
    }

    [Fact]
    public async Task ALinkExpiresAfterTheConfiguredHours()
    {
        var (links, accounts) = await NewStoresAsync();
        var clock = new HandClock();
        var setup = new SetupLink(links, accounts, clock, TwoHours);
        await setup.OpenAsync();
        clock.Now += TimeSpan.FromHours(1.9);
        Assert.True(await setup.IsOpenAsync(setup.Token));
        clock.Now += TimeSpan.FromHours(0.2);
        Assert.False(await setup.IsOpenAsync(setup.Token));
        Assert.False(await setup.UseAsync(setup.Token, Account("late@example.org")));
        Assert.False(await accounts.AnyAsync());

        // A restart prints a new link that works.
        var restarted = new SetupLink(links, accounts, clock, TwoHours);
        await restarted.OpenAsync();
        Assert.True(await restarted.UseAsync(restarted.Token, Account("alex@example.org")));
    }

    [Fact]
    public async Task AWrongTokenSpendsNothing()
    {
        var (links, accounts) = await NewStoresAsync();
        var setup = new SetupLink(links, accounts, new HandClock(), TwoHours);
        await setup.OpenAsync();
        foreach (var wrong in new[] { null, "", "not-a-token", new string('a', 48), setup.Token!.ToUpperInvariant(), setup.Token + "0" })
            Assert.False(await setup.UseAsync(wrong, Account($"{Guid.NewGuid():N}@example.org")));
        Assert.True(await setup.IsOpenAsync(setup.Token));
        Assert.False(await accounts.AnyAsync());
    }

    [Fact]
    public async Task OfManyUsesAtTheSameMomentExactlyOneMakesAnAccount()
    {
        var (links, accounts) = await NewStoresAsync();
        var clock = new HandClock();
        var nodes = Enumerable.Range(0, 3).Select(_ => new SetupLink(links, accounts, clock, TwoHours)).ToList();
        foreach (var node in nodes) await node.OpenAsync();
        // Every node's link, and the first one twice, used at once.
        var uses = nodes.Select(n => n.Token).Append(nodes[0].Token)
            .Select((token, i) => Task.Run(() => nodes[i % nodes.Count].UseAsync(token, Account($"first{i}@example.org"))));
        var made = await Task.WhenAll(uses);
        Assert.Single(made, m => m);
        foreach (var node in nodes) Assert.False(await node.IsOpenAsync(node.Token));
    }

    [Fact]
    public async Task OnlyTheHashIsStored()
    {
        var (links, accounts) = await NewStoresAsync();
        var setup = new SetupLink(links, accounts, new HandClock(), TwoHours);
        await setup.OpenAsync();
        Assert.DoesNotContain(setup.Token!, await StoredTextAsync());
    }

    /// <summary>Everything the store holds about setup links, as text.</summary>
    protected abstract Task<string> StoredTextAsync();

    [Fact]
    public async Task NoLinkIsOpenedOnceAFacilitatorExists()
    {
        var (links, accounts) = await NewStoresAsync();
        var clock = new HandClock();
        var before = new SetupLink(links, accounts, clock, TwoHours);
        await before.OpenAsync();
        await accounts.AddAsync(Account("alex@example.org"));
        Assert.False(await before.IsOpenAsync(before.Token), "an account made another way closes the link");
        var after = new SetupLink(links, accounts, clock, TwoHours);
        await after.OpenAsync();
        Assert.Null(after.Token);
        Assert.Equal("", await StoredTextAsync());
    }
}

public sealed class SqliteSetupLinks : SetupLinks, IDisposable
{
    readonly string directory = Path.Combine(Path.GetTempPath(), "meetingboard-tests", Guid.NewGuid().ToString("N"));
    SqliteDatabase? db;

    protected override async Task<(ISetupLinkStore, IAccountStore)> NewStoresAsync()
    {
        db = new SqliteDatabase(directory);
        var links = new SqliteSetupLinkStore(db);
        var accounts = new SqliteAccountStore(db);
        await links.InitialiseAsync();
        await accounts.InitialiseAsync();
        return (links, accounts);
    }

    protected override async Task<string> StoredTextAsync()
    {
        await using var c = await db!.OpenAsync();
        var rows = await Dapper.SqlMapper.QueryAsync<(string, string)>(c, "SELECT token_hash, expires_at FROM setup_links");
        return string.Join("\n", rows.Select(r => $"{r.Item1} {r.Item2}"));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}

public sealed class PostgresSetupLinks(PostgresServer server) : SetupLinks, IClassFixture<PostgresServer>, IAsyncDisposable
{
    PostgresDatabase? db;

    protected override async Task<(ISetupLinkStore, IAccountStore)> NewStoresAsync()
    {
        db = new PostgresDatabase(await server.CreateDatabaseAsync());
        var links = new PostgresSetupLinkStore(db);
        await links.InitialiseAsync();
        return (links, new PostgresAccountStore(db));
    }

    protected override async Task<string> StoredTextAsync()
    {
        await using var c = await db!.OpenAsync();
        var rows = await Dapper.SqlMapper.QueryAsync<(string, DateTime)>(c, "SELECT token_hash, expires_at FROM setup_links");
        return string.Join("\n", rows.Select(r => $"{r.Item1} {r.Item2:O}"));
    }

    public async ValueTask DisposeAsync()
    {
        if (db is not null) await db.DisposeAsync();
    }
}
