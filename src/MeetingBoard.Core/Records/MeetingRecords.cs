using MeetingBoard.Board;
using MeetingBoard.Meetings;

namespace MeetingBoard.Records;

/// <summary>Builds a meeting's record from its event log: a pure function, so every format and test sees the same thing.</summary>
public static class MeetingRecords
{
    /// <param name="events">The meeting's stream from version 1, in version order.</param>
    /// <param name="producedAt">When the record is made; it is printed on it, nothing else depends on it.</param>
    public static MeetingRecord Build(IReadOnlyList<VersionedEvent> events, DateTimeOffset producedAt)
    {
        var state = MeetingState.Empty;
        var history = new List<HistoryEntry>();
        var movedAt = new Dictionary<string, DateTimeOffset>();
        foreach (var (version, e) in events)
        {
            var before = state;
            state = Meeting.Apply(state, e);
            // People are described as the meeting knows them after the step, so a joiner is named in their own entry.
            RecordPerson? Person(Actor actor) => Describe(state, actor);
            RecordPerson? Participant(string id) => Describe(state, Actor.Participant(id));
            HistoryEntry? entry = e switch
            {
                MeetingCreated c => new(version, c.At, HistoryKind.MeetingStarted, Person(Actor.Facilitator(c.FacilitatorId))),
                ParticipantAskedToJoin a => new(version, a.At, HistoryKind.AskedToJoin, Participant(a.ParticipantId), Participant(a.ParticipantId)),
                ParticipantAdmitted a => new(version, a.At, HistoryKind.Admitted, Person(a.By), Participant(a.ParticipantId)),
                ParticipantDeclined d => new(version, d.At, HistoryKind.Declined, Person(d.By), Participant(d.ParticipantId)),
                ParticipantRemoved r => new(version, r.At, HistoryKind.Removed, Person(r.By), Participant(r.ParticipantId)),
                ItemAdded a => new(version, a.At, HistoryKind.ItemAdded, Person(a.By), ItemId: a.ItemId, Category: a.Category, Text: a.Text),
                ItemEdited ed => new(version, ed.At, HistoryKind.ItemChanged, Person(ed.By), ItemId: ed.ItemId,
                    Category: state.FindItem(ed.ItemId)?.Category, Text: ed.Text, OldText: before.FindItem(ed.ItemId)?.Text),
                ItemMoved m => new(version, m.At, HistoryKind.ItemMoved, Person(m.By), ItemId: m.ItemId,
                    Category: m.To, FromCategory: m.From, Text: state.FindItem(m.ItemId)?.Text),
                ItemRemoved r => new(version, r.At, HistoryKind.ItemRemoved, Person(r.By), ItemId: r.ItemId,
                    Category: before.FindItem(r.ItemId)?.Category, Text: before.FindItem(r.ItemId)?.Text),
                MeetingClosed c => new(version, c.At, HistoryKind.MeetingClosed, Person(c.By)),
                // Events of features the record does not know yet leave no trace here.
                _ => null,
            };
            if (entry is not null) history.Add(entry);
            if (e is ItemMoved moved) movedAt[moved.ItemId] = moved.At;
        }

        var details = new RecordDetails(
            state.Id, state.Type, MeetingTypes.Name(state.Type), state.Title, state.CaseReference,
            state.FacilitatorId, state.FacilitatorName, state.CreatedAt, state.ClosedAt,
            state.Version, events.Count > 0 ? events[^1].Event.At : null, producedAt);

        return new MeetingRecord(details, Attendees(state, history), [Map(state, movedAt)], history);
    }

    static List<Attendee> Attendees(MeetingState state, List<HistoryEntry> history)
    {
        DateTimeOffset? First(HistoryKind kind, string participantId) =>
            history.FirstOrDefault(h => h.Kind == kind && h.Subject?.Id == participantId && h.Subject.Kind == ActorKind.Participant)?.At;
        DateTimeOffset? Last(HistoryKind kind, string participantId) =>
            history.LastOrDefault(h => h.Kind == kind && h.Subject?.Id == participantId && h.Subject.Kind == ActorKind.Participant)?.At;

        var list = new List<Attendee>
        {
            new(state.FacilitatorId, state.FacilitatorName, "Facilitator", AttendeeStanding.Facilitator, state.CreatedAt, state.CreatedAt, null, null),
        };
        foreach (var p in state.Participants)
        {
            var standing = p.Status switch
            {
                ParticipantStatus.Admitted => AttendeeStanding.TookPart,
                ParticipantStatus.Declined => AttendeeStanding.Declined,
                ParticipantStatus.Removed => AttendeeStanding.Removed,
                _ => AttendeeStanding.Waiting,
            };
            list.Add(new Attendee(p.Id, p.Name, p.Role, standing, p.AskedAt,
                First(HistoryKind.Admitted, p.Id),
                standing == AttendeeStanding.Declined ? p.ChangedAt : null,
                standing == AttendeeStanding.Removed ? Last(HistoryKind.Removed, p.Id) : null));
        }
        return list;
    }

    static MapSection Map(MeetingState state, Dictionary<string, DateTimeOffset> movedAt) => new(
        Board.Map.Columns.Select(column => new MapColumn(column.Column, column.Title,
            column.Categories.Select(category => new MapCategory(category.Category, category.Title,
                state.ItemsIn(category.Category).Select(i => new MapItem(
                    i.Id, i.Text, Describe(state, i.Author), i.AddedAt, i.EditedAt,
                    movedAt.TryGetValue(i.Id, out var at) ? at : null)).ToList())).ToList())).ToList());

    static RecordPerson Describe(MeetingState state, Actor actor)
    {
        var (name, role) = state.Describe(actor);
        return new RecordPerson(actor.Kind, actor.Id, name, role);
    }
}
