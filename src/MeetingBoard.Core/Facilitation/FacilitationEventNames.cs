using MeetingBoard.Meetings;

namespace MeetingBoard.Facilitation;

/// <summary>
/// The stored names of facilitation: stages, spotlight, timers, rounds, roles, decisions. These strings are in every database: never change one,
/// even when the class is renamed (the test <c>StoredEventNamesAreStable</c> holds them).
/// </summary>
public sealed class FacilitationEventNames : IStoredEventNames
{
    public IEnumerable<StoredEventName> Names =>
    [
        new(typeof(StageStarted), "StageStarted"),
        new(typeof(StageRenamed), "StageRenamed"),
        new(typeof(StageMoved), "StageMoved"),
        new(typeof(StageSkipped), "StageSkipped"),
        new(typeof(StageCategoriesChanged), "StageCategoriesChanged"),
        new(typeof(BoardLocked), "BoardLocked"),
        new(typeof(BoardUnlocked), "BoardUnlocked"),
        new(typeof(QuestionAsked), "QuestionAsked"),
        new(typeof(CoFacilitatorAdded), "CoFacilitatorAdded"),
        new(typeof(ItemSpotlighted), "ItemSpotlighted"),
        new(typeof(SpotlightCleared), "SpotlightCleared"),
        new(typeof(TimerStarted), "TimerStarted"),
        new(typeof(TimerPaused), "TimerPaused"),
        new(typeof(TimerResumed), "TimerResumed"),
        new(typeof(TimerCleared), "TimerCleared"),
        new(typeof(AnonymousRoundStarted), "AnonymousRoundStarted"),
        new(typeof(AnonymousRoundEnded), "AnonymousRoundEnded"),
        new(typeof(ItemAddedAnonymously), "ItemAddedAnonymously"),
        new(typeof(TurnRoundStarted), "TurnRoundStarted"),
        new(typeof(TurnTaken), "TurnTaken"),
        new(typeof(TurnRoundEnded), "TurnRoundEnded"),
        new(typeof(SupervisionRoleGiven), "SupervisionRoleGiven"),
        new(typeof(DecisionRecorded), "DecisionRecorded"),
        new(typeof(ViewOnDecisionRecorded), "ViewOnDecisionRecorded"),
    ];
}
