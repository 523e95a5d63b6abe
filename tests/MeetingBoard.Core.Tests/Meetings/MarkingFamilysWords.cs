using MeetingBoard.Board;
using MeetingBoard.Meetings;
using MeetingBoard.Scaling;

namespace MeetingBoard.Tests.Meetings;

/// <summary>Items in the family's own words (issue 17, part 8).</summary>
public sealed class MarkingFamilysWords
{
    static readonly DateTimeOffset At = Given.At;

    [Fact]
    public void WhatFamilyAndNetworkAddIsInTheirWords()
    {
        var state = Given.OpenMeeting(
            new ScalingGroupSet(Given.Sam.Id, ScalingGroup.FamilyAndNetwork, Given.Iro, At),
            Given.Added("sam-item", Given.Sam), Given.Added("teacher-item", Given.Teacher));
        Assert.True(FamilysWords.Of(state, state.FindItem("sam-item")!));
        Assert.False(FamilysWords.Of(state, state.FindItem("teacher-item")!));
    }

    [Fact]
    public void TheFacilitatorMarksWhatTheyTypedForAParent()
    {
        var state = Given.OpenMeeting(Given.Added("typed", Given.Iro));
        Assert.False(FamilysWords.Of(state, state.FindItem("typed")!));
        state = Meeting.Apply(state, Then.Single<ItemMarkedFamilysWords>(Meeting.Decide(state, new MarkFamilysWords("typed", true, Given.Iro, At))));
        Assert.True(FamilysWords.Of(state, state.FindItem("typed")!));
        Then.NoEvents(Meeting.Decide(state, new MarkFamilysWords("typed", true, Given.Iro, At)));
        state = Meeting.Apply(state, Then.Single<ItemMarkedFamilysWords>(Meeting.Decide(state, new MarkFamilysWords("typed", false, Given.Iro, At))));
        Assert.False(FamilysWords.Of(state, state.FindItem("typed")!));
    }

    [Fact]
    public void TheRecordMarksThemButNeverSaysAnAnonymousItemCameFromTheFamily()
    {
        IMeetingEvent[] events =
        [
            Given.Created(), Given.Asked(Given.Sam), Given.Admitted(Given.Sam),
            new ScalingGroupSet(Given.Sam.Id, ScalingGroup.FamilyAndNetwork, Given.Iro, At),
            Given.Added("sam-item", Given.Sam),
            new MeetingBoard.Facilitation.AnonymousRoundStarted(Given.Iro, At),
            Given.Added("anonymous-item", Given.Sam),
            new MeetingBoard.Facilitation.ItemAddedAnonymously("anonymous-item", At),
        ];
        var record = MeetingBoard.Records.MeetingRecords.Build(events.Select((e, i) => new MeetingBoard.Records.VersionedEvent(i + 1, e)).ToList(), At);
        var items = record.Sections.OfType<MeetingBoard.Records.MapSection>().Single().Columns.SelectMany(c => c.Categories).SelectMany(c => c.Items).ToList();
        Assert.True(items.Single(i => i.Id == "sam-item").FamilysWords);
        Assert.False(items.Single(i => i.Id == "anonymous-item").FamilysWords);
    }

    [Fact]
    public void OnlyTheFacilitatorMarksAndOnlyWhatAFacilitatorTyped()
    {
        var state = Given.OpenMeeting(Given.Added("typed", Given.Iro), Given.Added("teacher-item", Given.Teacher));
        Then.Forbidden(Meeting.Decide(state, new MarkFamilysWords("typed", true, Given.Sam, At)));
        Then.Conflict(Meeting.Decide(state, new MarkFamilysWords("teacher-item", true, Given.Iro, At)));
        Then.NotFound(Meeting.Decide(state, new MarkFamilysWords("gone", true, Given.Iro, At)));
    }
}
