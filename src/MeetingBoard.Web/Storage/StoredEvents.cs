using System.Data.Common;
using Dapper;

namespace MeetingBoard.Web.Storage;

/// <summary>Reading a meeting's log, the same SQL for both stores.</summary>
static class StoredEvents
{
    /// <summary>The events after <paramref name="afterVersion"/>, in version order; inside <paramref name="tx"/> when given.</summary>
    public static async Task<IReadOnlyList<StoredEvent>> ReadAsync(DbConnection c, DbTransaction? tx, string meetingId, long afterVersion)
    {
        var rows = await c.QueryAsync<(long Version, string Body, string? CommandId)>(
            "SELECT version, body, command_id FROM events WHERE meeting_id = @meetingId AND version > @afterVersion ORDER BY version",
            new { meetingId, afterVersion }, tx);
        return rows.Select(r => new StoredEvent(r.Version, EventJson.Deserialize(r.Body), r.CommandId)).ToList();
    }
}
