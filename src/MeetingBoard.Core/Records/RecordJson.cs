using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeetingBoard.Records;

/// <summary>The complete record as JSON, for other systems. The shape is documented in docs/record-json.md.</summary>
public static class RecordJson
{
    /// <summary>Bumped when a field changes meaning or goes away; new fields and section kinds do not bump it.</summary>
    public const string Schema = "meetingboard-record/1";

    static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        // Served as application/json with nosniff, never inlined into HTML: typed text keeps its quotes and accents readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    public static string Write(MeetingRecord record) =>
        JsonSerializer.Serialize(new
        {
            schema = Schema,
            meeting = record.Details,
            attendees = record.Attendees,
            sections = record.Sections,
            history = record.History,
        }, Options).ReplaceLineEndings("\n") + "\n";
}
