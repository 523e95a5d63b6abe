using Microsoft.Data.Sqlite;

namespace MeetingBoard.Web.Storage;

/// <summary>Opens connections to the embedded database file under the data directory.</summary>
public sealed class SqliteDatabase
{
    readonly string connectionString;

    public SqliteDatabase(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        Path = System.IO.Path.Combine(dataDirectory, "meetingboard.db");
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var c = new SqliteConnection(connectionString);
        c.Open();
        // secure_delete (set per connection in OpenAsync) overwrites deleted rows, so a purged meeting leaves no text in free pages.
        // WAL lets readers (page loads, other viewers catching up) run while a command commits.
        using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA journal_mode=WAL;";
        cmd.ExecuteNonQuery();
    }

    public string Path { get; }

    public async Task<SqliteConnection> OpenAsync(CancellationToken ct = default)
    {
        var c = new SqliteConnection(connectionString);
        await c.OpenAsync(ct);
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA busy_timeout=5000; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA secure_delete=ON;";
        await cmd.ExecuteNonQueryAsync(ct);
        return c;
    }
}
