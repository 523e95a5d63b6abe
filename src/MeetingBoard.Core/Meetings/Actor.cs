using System.Text.Json.Serialization;

namespace MeetingBoard.Meetings;

public enum ActorKind
{
    Facilitator = 1,
    Participant = 2,
}

/// <summary>Who did something: a facilitator account or a participant of this meeting.</summary>
public sealed record Actor(ActorKind Kind, string Id)
{
    public static Actor Facilitator(string accountId) => new(ActorKind.Facilitator, accountId);
    public static Actor Participant(string participantId) => new(ActorKind.Participant, participantId);

    [JsonIgnore]
    public bool IsFacilitator => Kind == ActorKind.Facilitator;

    /// <summary>A stable key used in markup and presence, e.g. "p:8f2…" or "f:3a1…".</summary>
    [JsonIgnore]
    public string Key => (Kind == ActorKind.Facilitator ? "f:" : "p:") + Id;
}
