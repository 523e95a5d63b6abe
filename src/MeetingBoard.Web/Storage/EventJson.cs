using System.Text.Json;
using MeetingBoard.Meetings;

namespace MeetingBoard.Web.Storage;

/// <summary>How events are written into the store; the same for every store so a log can move between them.</summary>
public static class EventJson
{
    public static string Serialize(IMeetingEvent e) => JsonSerializer.Serialize(e, StoredEventNames.Json);

    public static IMeetingEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<IMeetingEvent>(json, StoredEventNames.Json) ?? throw new InvalidDataException("An empty event was stored");

    /// <summary>The stored name (the <c>type</c> column), from the registry, never the class name.</summary>
    public static string TypeName(IMeetingEvent e) => StoredEventNames.Of(e);
}
