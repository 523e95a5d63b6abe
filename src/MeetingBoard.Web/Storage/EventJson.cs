using System.Text.Json;
using MeetingBoard.Meetings;

namespace MeetingBoard.Web.Storage;

/// <summary>How events are written into the store; the same for every store so a log can move between them.</summary>
public static class EventJson
{
    static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.General);

    public static string Serialize(IMeetingEvent e) => JsonSerializer.Serialize(e, Options);

    public static IMeetingEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<IMeetingEvent>(json, Options) ?? throw new InvalidDataException("An empty event was stored");

    public static string TypeName(IMeetingEvent e) => e.GetType().Name;
}
