using System.Text.Json;
using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;

namespace MeetingBoard.Tests.Meetings;

/// <summary>
/// Stored event names are in every database (the <c>type</c> column, the JSON <c>$type</c>, the purge's
/// query). A change here strands existing rows: add a name, never change or remove one.
/// </summary>
public class StoredEventNamesAreStable
{
    // Written out by hand on purpose: not derived from the code it checks.
    static readonly string[] Golden =
    [
        // Meetings
        "MeetingCreated", "ParticipantAskedToJoin", "ParticipantAdmitted", "ParticipantDeclined", "ParticipantRemoved",
        "ItemAdded", "ItemEdited", "ItemMoved", "ItemRemoved", "MeetingClosed", "MeetingLocked", "MeetingUnlocked",
        // Practice
        "WordingChosen", "DangerStatementAdded", "DangerStatementEdited", "DangerStatementRemoved",
        "SafetyGoalAdded", "SafetyGoalEdited", "SafetyGoalRemoved", "DisagreementRecorded", "HarmRecorded", "HarmRemoved",
        "NextStepAdded", "NextStepStatusChanged", "NextStepSignOffChanged", "NextStepRemoved",
        // Scaling
        "RoundStarted", "ScoreGiven", "RoundPassed", "ScoreRecordedFor", "RoundRevealed", "RoundRerun", "RoundClosed", "ScalingGroupSet",
        // Facilitation
        "StageStarted", "StageRenamed", "StageMoved", "StageSkipped", "StageCategoriesChanged", "BoardLocked", "BoardUnlocked",
        "QuestionAsked", "CoFacilitatorAdded", "ItemSpotlighted", "SpotlightCleared",
        "TimerStarted", "TimerPaused", "TimerResumed", "TimerCleared", "AnonymousRoundStarted", "AnonymousRoundEnded", "ItemAddedAnonymously",
        "TurnRoundStarted", "TurnTaken", "TurnRoundEnded", "SupervisionRoleGiven", "DecisionRecorded", "ViewOnDecisionRecorded",
        // Group supervision that teaches
        "PresenterQuestionStated", "ReflectionAdded", "ReflectionRemoved",
        // Safety plan
        "PlanRuleAdded", "NetworkMemberAdded", "BottomLineAdded", "TestingPeriodSet", "TestingPeriodCleared", "SafetyPlanPartRemoved",
        // The child's voice
        "ThreeHousesRecorded", "ThreeHousesRemoved", "ThreeHousesShown", "ThreeHousesHidden",
        // Family's own words
        "ItemMarkedFamilysWords",
        // Cases
        "CarriedFromLastMeeting", "CarriedStepReviewed", "QuestionPrepared", "PreparedQuestionRemoved", "PreparedQuestionsCopied",
        "PreparedQuestionShown", "PreparedScaleUsed", "TrajectoryShown",
    ];

    [Fact]
    public void EveryStoredNameIsTheOneInTheGoldenList() =>
        Assert.Equal(Golden.Order(StringComparer.Ordinal), StoredEventNames.All.Select(n => n.Name).Order(StringComparer.Ordinal));

    [Fact]
    public void EveryEventTypeHasExactlyOneNameAndNoNameIsShared()
    {
        Assert.Empty(StoredEventNames.Problems(StoredEventNames.All, StoredEventNames.EventTypes()));
        Assert.Equal(StoredEventNames.EventTypes().Count(), StoredEventNames.All.Count);
    }

    [Fact]
    public void TheNamesThatQueriesSelectOnAreUnchanged()
    {
        // Retention purges on "MeetingClosed"; a facilitator's list reads "CoFacilitatorAdded".
        Assert.Equal("MeetingClosed", StoredEventNames.Of<MeetingClosed>());
        Assert.Equal("CoFacilitatorAdded", StoredEventNames.Of<CoFacilitatorAdded>());
    }

    [Fact]
    public void ASharedNameAMissingNameAndAnUnsafeNameAreCaught()
    {
        var problems = StoredEventNames.Problems(
            [new(typeof(MeetingClosed), "MeetingClosed"), new(typeof(MeetingLocked), "MeetingClosed"), new(typeof(ItemAdded), "Item'Added")],
            [typeof(MeetingClosed), typeof(MeetingLocked), typeof(ItemAdded), typeof(ItemRemoved)]);
        Assert.Contains(problems, p => p.Contains("\"MeetingClosed\" names MeetingClosed and MeetingLocked", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("ItemRemoved has no stored name", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("not a plain word", StringComparison.Ordinal));
        Assert.Equal(3, problems.Count);
    }

    [Fact]
    public void ARowStoredUnderEachGoldenNameIsReadAsItsEvent()
    {
        foreach (var name in Golden)
        {
            var e = JsonSerializer.Deserialize<IMeetingEvent>($$"""{"$type":"{{name}}","At":"2025-03-04T10:00:00+00:00"}""", StoredEventNames.Json)!;
            Assert.Equal(name, StoredEventNames.Of(e));
            Assert.Contains($"\"$type\":\"{name}\"", JsonSerializer.Serialize(e, StoredEventNames.Json), StringComparison.Ordinal);
        }
    }
}
