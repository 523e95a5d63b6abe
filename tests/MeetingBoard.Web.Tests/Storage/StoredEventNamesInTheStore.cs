using Dapper;
using MeetingBoard.Meetings;
using MeetingBoard.Web.Storage;

namespace MeetingBoard.Web.Tests.Storage;

/// <summary>Rows written before stored names came from the registry are still read, and still purged.</summary>
public sealed class StoredEventNamesInTheStore : IDisposable
{
    static readonly DateTimeOffset Noon = new(2026, 11, 22, 12, 0, 0, TimeSpan.FromHours(1));
    readonly string directory = Path.Combine(Path.GetTempPath(), "meetingboard-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A SQLite store in its own folder holding one new meeting.</summary>
    async Task<(SqliteDatabase Db, SqliteEventStore Store, MeetingIndexEntry Entry)> NewMeetingAsync()
    {
        var db = new SqliteDatabase(directory);
        var store = new SqliteEventStore(db);
        await store.InitialiseAsync();
        var entry = new MeetingIndexEntry(Guid.NewGuid().ToString("N"), "C" + Guid.NewGuid().ToString("N")[..10], "f1", Noon);
        Assert.True(await store.CreateAsync(entry,
            [new MeetingCreated(entry.MeetingId, MeetingType.GroupSupervision, "Review", null, "f1", "Alex", entry.JoinCode, "screen", Noon)], null));
        return (db, store, entry);
    }

    [Fact]
    public async Task AMeetingClosedRowFromAnOlderVersionIsReadAndListedForThePurge()
    {
        var (db, store, entry) = await NewMeetingAsync();

        // Exactly what the store wrote before the registry: the class name in both places.
        await using (var c = await db.OpenAsync())
        {
            await c.ExecuteAsync(
                "INSERT INTO events (meeting_id, version, type, body, command_id, recorded_at) VALUES (@id, 2, 'MeetingClosed', @body, NULL, @at)",
                new { id = entry.MeetingId, body = """{"$type":"MeetingClosed","By":{"Kind":1,"Id":"f1"},"At":"2026-11-23T12:00:00+01:00"}""", at = Noon.AddDays(1).ToString("O") });
        }

        var closed = Assert.IsType<MeetingClosed>((await store.ReadAsync(entry.MeetingId, 1)).Single().Event);
        Assert.Equal(Actor.Facilitator("f1"), closed.By);
        Assert.Contains(await store.ListClosedBeforeAsync(Noon.AddDays(5)), m => m.MeetingId == entry.MeetingId);
    }

    [Fact]
    public async Task ANewRowCarriesTheRegistrysNameInTheTypeColumnAndTheJson()
    {
        var (db, store, entry) = await NewMeetingAsync();
        await store.AppendAsync(entry.MeetingId, 1, [new MeetingClosed(Actor.Facilitator("f1"), Noon.AddDays(1))], null);

        await using var c = await db.OpenAsync();
        var (type, body) = await c.QuerySingleAsync<(string, string)>(
            "SELECT type, body FROM events WHERE meeting_id = @id AND version = 2", new { id = entry.MeetingId });
        Assert.Equal(StoredEventNames.Of<MeetingClosed>(), type);
        Assert.StartsWith("{\"$type\":\"MeetingClosed\"", body, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(directory, recursive: true); } catch (IOException) { }
    }
}
