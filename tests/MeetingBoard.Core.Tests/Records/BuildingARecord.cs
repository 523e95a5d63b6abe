using MeetingBoard.Board;
using MeetingBoard.Meetings;
using MeetingBoard.Records;
using MeetingBoard.Tests.Meetings;

namespace MeetingBoard.Tests.Records;

public class BuildingARecord
{
    static DateTimeOffset T(int minutes) => Given.At.AddMinutes(minutes);

    static readonly IMeetingEvent[] Script =
    [
        Given.Created(),                                                           // 1
        Given.Asked(Given.Sam) with { At = T(2) },                                 // 2
        new ParticipantAdmitted(Given.Sam.Id, Given.Iro, T(3)),                    // 3
        Given.Asked(Given.Teacher) with { At = T(4) },                             // 4
        new ParticipantAdmitted(Given.Teacher.Id, Given.Iro, T(5)),                // 5
        Given.Asked(Given.HealthVisitor) with { At = T(6) },                       // 6
        new ParticipantDeclined(Given.HealthVisitor.Id, Given.Iro, T(7)),          // 7
        new ItemAdded("i1", Category.Harm, "Police were called twice", Given.Teacher, T(10)),          // 8
        new ItemAdded("i2", Category.ExistingStrengths, "The children are well fed", Given.Sam, T(11)), // 9
        new ItemAdded("i3", Category.Harm, "Jordan uses drugs", Given.Iro, T(12)),                      // 10
        new ItemEdited("i1", "Police were called twice in three months", Given.Iro, T(13)),            // 11
        new ItemMoved("i3", Category.Harm, Category.ComplicatingFactors, Given.Iro, T(14)),            // 12
        new ItemAdded("i4", Category.Harm, "A mistake", Given.Sam, T(15)),                              // 13
        new ItemRemoved("i4", Given.Sam, T(16)),                                                       // 14
        new ItemAdded("i5", Category.Harm, "Maya hides under the bed", Given.Teacher, T(17)),           // 15
        new ParticipantRemoved(Given.Teacher.Id, Given.Iro, T(20)),                                    // 16
        new MeetingClosed(Given.Iro, T(30)),                                                           // 17
    ];

    static MeetingRecord Record(IEnumerable<IMeetingEvent>? events = null) =>
        MeetingRecords.Build((events ?? Script).Select((e, i) => new VersionedEvent(i + 1, e)).ToList(), T(45));

    [Fact]
    public void Details_come_from_the_meeting_and_its_last_event()
    {
        var d = Record().Details;
        Assert.Equal(Given.MeetingId, d.MeetingId);
        Assert.Equal("Initial conference: Maya and Leo", d.Title);
        Assert.Equal("Child protection conference", d.TypeName);
        Assert.Equal("CP-2025-0142", d.CaseReference);
        Assert.Equal("Alex (IRO)", d.FacilitatorName);
        Assert.Equal(Given.At, d.StartedAt);
        Assert.Equal(T(30), d.ClosedAt);
        Assert.Equal(17, d.Version);
        Assert.Equal(T(30), d.LastChangedAt);
        Assert.Equal(T(45), d.ProducedAt);
    }

    [Fact]
    public void Attendees_say_who_took_part_who_was_declined_and_who_was_removed_and_when()
    {
        var people = Record().Attendees;
        Assert.Equal(["Alex (IRO)", "Sam", "Ms Okafor", "Jo Smith"], people.Select(p => p.Name));
        Assert.Equal(AttendeeStanding.Facilitator, people[0].Standing);

        Assert.Equal(AttendeeStanding.TookPart, people[1].Standing);
        Assert.Equal("Mother", people[1].Role);
        Assert.Equal(T(3), people[1].AdmittedAt);

        Assert.Equal(AttendeeStanding.Removed, people[2].Standing);
        Assert.Equal(T(5), people[2].AdmittedAt);
        Assert.Equal(T(20), people[2].LeftAt);

        Assert.Equal(AttendeeStanding.Declined, people[3].Standing);
        Assert.Equal(T(6), people[3].AskedAt);
        Assert.Equal(T(7), people[3].DeclinedAt);
        Assert.Null(people[3].AdmittedAt);
    }

    [Fact]
    public void The_map_has_every_column_and_category_with_items_in_mapping_order_and_authors()
    {
        var map = Assert.IsType<MapSection>(Assert.Single(Record().Sections));
        Assert.Equal(Map.Columns.Select(c => c.Column), map.Columns.Select(c => c.Column));
        Assert.Equal(Map.Categories.Select(c => c.Category), map.Columns.SelectMany(c => c.Categories).Select(c => c.Category));

        var harm = map.Columns[0].Categories[0];
        Assert.Equal(["Police were called twice in three months", "Maya hides under the bed"], harm.Items.Select(i => i.Text));
        Assert.Equal("Ms Okafor", harm.Items[0].Author.Name);
        Assert.Equal("Maya's class teacher", harm.Items[0].Author.Role);
        Assert.Equal(T(10), harm.Items[0].AddedAt);
        Assert.Equal(T(13), harm.Items[0].EditedAt);

        var moved = Assert.Single(map.Columns[0].Categories[2].Items);
        Assert.Equal("i3", moved.Id);
        Assert.Equal(T(14), moved.MovedAt);
        Assert.Equal("Facilitator", moved.Author.Role);

        // A removed item is not on the map; the timeline keeps it.
        Assert.DoesNotContain(map.Columns.SelectMany(c => c.Categories).SelectMany(c => c.Items), i => i.Id == "i4");
        Assert.Empty(map.Columns[2].Categories[1].Items);
    }

    [Fact]
    public void The_timeline_tells_every_step_in_version_order_with_who_and_when()
    {
        var history = Record().History;
        Assert.Equal(
        [
            HistoryKind.MeetingStarted, HistoryKind.AskedToJoin, HistoryKind.Admitted, HistoryKind.AskedToJoin, HistoryKind.Admitted,
            HistoryKind.AskedToJoin, HistoryKind.Declined, HistoryKind.ItemAdded, HistoryKind.ItemAdded, HistoryKind.ItemAdded,
            HistoryKind.ItemChanged, HistoryKind.ItemMoved, HistoryKind.ItemAdded, HistoryKind.ItemRemoved, HistoryKind.ItemAdded,
            HistoryKind.Removed, HistoryKind.MeetingClosed,
        ], history.Select(h => h.Kind));
        Assert.Equal(Enumerable.Range(1, 17).Select(v => (long)v), history.Select(h => h.Version));

        var admitted = history[2];
        Assert.Equal("Alex (IRO)", admitted.By!.Name);
        Assert.Equal("Sam", admitted.Subject!.Name);
        Assert.Equal(T(3), admitted.At);

        var edit = history[10];
        Assert.Equal("Police were called twice", edit.OldText);
        Assert.Equal("Police were called twice in three months", edit.Text);
        Assert.Equal(Category.Harm, edit.Category);

        var move = history[11];
        Assert.Equal(Category.Harm, move.FromCategory);
        Assert.Equal(Category.ComplicatingFactors, move.Category);
        Assert.Equal("Jordan uses drugs", move.Text);

        var removal = history[13];
        Assert.Equal("A mistake", removal.Text);
        Assert.Equal(Category.Harm, removal.Category);
        Assert.Equal("Sam", removal.By!.Name);
    }

    [Fact]
    public void A_record_mid_meeting_shows_it_open_and_people_still_waiting()
    {
        var record = Record(Script.Take(6));
        Assert.Null(record.Details.ClosedAt);
        Assert.Equal(6, record.Details.Version);
        Assert.Equal(AttendeeStanding.Waiting, record.Attendees[^1].Standing);
        Assert.DoesNotContain(record.History, h => h.Kind == HistoryKind.MeetingClosed);
    }

    sealed record SomethingNewHappened(DateTimeOffset At) : IMeetingEvent;

    [Fact]
    public void Events_of_features_the_record_does_not_know_add_nothing()
    {
        var record = Record([.. Script.Take(3), new SomethingNewHappened(T(4))]);
        Assert.Equal(4, record.Details.Version);
        Assert.Equal(3, record.History.Count);
        Assert.Single(record.Sections);
    }
}
