using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using MeetingBoard.Records;
using MeetingBoard.Scaling;
using MeetingBoard.Tests.Meetings;

namespace MeetingBoard.Tests.Records;

/// <summary>
/// The facilitator's audit trail lists every step the record's timeline lists, and also locking,
/// family or professional marking and every score: who gave it, and the number only once its run
/// was revealed.
/// </summary>
public class TheAuditTrail
{
    static DateTimeOffset T(int minutes) => Given.At.AddMinutes(minutes);

    static readonly IMeetingEvent[] Script =
    [
        Given.Created(),                                                                   // 1
        Given.Asked(Given.Sam) with { At = T(1) },                                         // 2
        new ParticipantAdmitted(Given.Sam.Id, Given.Iro, T(1)),                            // 3
        Given.Asked(Given.Teacher) with { At = T(2) },                                     // 4
        new ParticipantAdmitted(Given.Teacher.Id, Given.Iro, T(2)),                        // 5
        new MeetingLocked(Given.Iro, T(3)),                                                // 6
        new MeetingUnlocked(Given.Iro, T(4)),                                              // 7
        new BoardLocked(Given.Iro, T(5)),                                                  // 8
        new BoardUnlocked(Given.Iro, T(6)),                                                // 9
        new ScalingGroupSet(Given.Sam.Id, ScalingGroup.FamilyAndNetwork, Given.Iro, T(7)), // 10
        new RoundStarted("r1", "How safe?", "Safe", "Not safe", null, Given.Iro, T(8)),    // 11
        new ScoreGiven("r1", 1, 4, "Some worry", null, Given.Sam, T(9)),                   // 12
        new RoundPassed("r1", 1, Given.Teacher, T(9)),                                     // 13
        new ScoreRecordedFor("r1", 1, "tom", "Tom", "Grandfather", ScalingGroup.FamilyAndNetwork, 8, "Sam copes", null, Given.Iro, T(10)), // 14
        new RoundRevealed("r1", 1, Given.Iro, T(11)),                                      // 15
        new RoundRerun("r1", 2, Given.Iro, T(12)),                                         // 16
        new ScoreGiven("r1", 2, 9, "Better now", null, Given.Sam, T(13)),                  // 17
        new ScoreRecordedFor("r1", 2, "tom", "Tom", "Grandfather", ScalingGroup.FamilyAndNetwork, 1, "Hidden", null, Given.Iro, T(13)), // 18
        new MeetingClosed(Given.Iro, T(20)),                                               // 19
    ];

    static IReadOnlyList<VersionedEvent> Versioned => Script.Select((e, i) => new VersionedEvent(i + 1, e)).ToList();

    static HistoryEntry At(long version) => Assert.Single(MeetingRecords.AuditTrail(Versioned), h => h.Version == version);

    [Fact]
    public void Lists_locking_and_unlocking_the_meeting_and_the_board()
    {
        Assert.Equal(
            [HistoryKind.MeetingLocked, HistoryKind.MeetingUnlocked, HistoryKind.BoardLocked, HistoryKind.BoardUnlocked],
            new long[] { 6, 7, 8, 9 }.Select(v => At(v).Kind));
        Assert.All(new long[] { 6, 7, 8, 9 }, v => Assert.Equal("Alex (IRO)", At(v).By!.Name));
    }

    [Fact]
    public void Lists_who_was_marked_family_or_professional()
    {
        var marked = At(10);
        Assert.Equal(HistoryKind.GroupMarked, marked.Kind);
        Assert.Equal("Sam", marked.Subject!.Name);
        Assert.Equal(ScalingGroups.Name(ScalingGroup.FamilyAndNetwork), marked.Note);
    }

    [Fact]
    public void Lists_every_score_and_who_gave_it_with_the_number_only_for_revealed_runs()
    {
        var sam = At(12);
        Assert.Equal((HistoryKind.ScoreGiven, "Sam", "4", "How safe?"), (sam.Kind, sam.By!.Name, sam.Note, sam.Text));
        var passed = At(13);
        Assert.Equal((HistoryKind.ScorePassed, "Ms Okafor"), (passed.Kind, passed.By!.Name));
        var forTom = At(14);
        Assert.Equal((HistoryKind.ScoreEnteredFor, "Alex (IRO)", "Tom", "8"), (forTom.Kind, forTom.By!.Name, forTom.Subject!.Name, forTom.Note));

        // The second run was never revealed: the trail says that Sam scored and that Tom's score was entered, not what.
        var hidden = At(17);
        Assert.Equal((HistoryKind.ScoreGiven, "Sam"), (hidden.Kind, hidden.By!.Name));
        Assert.Null(hidden.Note);
        var hiddenForTom = At(18);
        Assert.Equal((HistoryKind.ScoreEnteredFor, "Tom"), (hiddenForTom.Kind, hiddenForTom.Subject!.Name));
        Assert.Null(hiddenForTom.Note);
        Assert.All(MeetingRecords.AuditTrail(Versioned), h => Assert.DoesNotContain("Hidden", h.Text ?? ""));
    }

    [Fact]
    public void Keeps_every_step_of_the_timeline_and_leaves_the_records_timeline_as_it_was()
    {
        var trail = MeetingRecords.AuditTrail(Versioned);
        var timeline = MeetingRecords.Build(Versioned, T(30)).History;
        Assert.All(timeline, h => Assert.Contains(h, trail));
        Assert.DoesNotContain(timeline, h => h.Kind is HistoryKind.MeetingLocked or HistoryKind.GroupMarked or HistoryKind.ScoreGiven
            or HistoryKind.ScorePassed or HistoryKind.ScoreEnteredFor or HistoryKind.BoardLocked);
        Assert.Equal(trail.Select(h => h.Version).Order(), trail.Select(h => h.Version));
    }

    [Fact]
    public void A_meeting_closed_for_being_idle_says_so_in_its_state_and_timeline()
    {
        var open = Given.OpenMeeting();
        var decided = Meeting.Decide(open, new CloseMeeting(Given.Iro, T(4000), IdleHours: 72));
        var closed = Assert.IsType<MeetingClosed>(Assert.Single(decided.Events!));
        Assert.Equal(72, closed.IdleHours);
        Assert.Equal(72, Meeting.Apply(open, closed).ClosedIdleHours);

        var events = new IMeetingEvent[] { Given.Created(), closed }.Select((e, i) => new VersionedEvent(i + 1, e)).ToList();
        var entry = MeetingRecords.Build(events, T(4001)).History[^1];
        Assert.Equal("The meeting was closed automatically after 72 hours with no change.", RecordSentences.Describe(entry, x => x));
        // Closed by a person, it reads as before.
        var byHand = new IMeetingEvent[] { Given.Created(), new MeetingClosed(Given.Iro, T(5)) }.Select((e, i) => new VersionedEvent(i + 1, e)).ToList();
        Assert.Equal("Alex (IRO) (Facilitator) closed the meeting.", RecordSentences.Describe(MeetingRecords.Build(byHand, T(6)).History[^1], x => x));
    }
}
