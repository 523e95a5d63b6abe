using MeetingBoard.Meetings;

namespace MeetingBoard.Practice;

/// <summary>
/// The stored names of practice structure: statements, goals, harm matrix, next steps, wording. These strings are in every database: never change one,
/// even when the class is renamed (the test <c>StoredEventNamesAreStable</c> holds them).
/// </summary>
public sealed class PracticeEventNames : IStoredEventNames
{
    public IEnumerable<StoredEventName> Names =>
    [
        new(typeof(WordingChosen), "WordingChosen"),
        new(typeof(DangerStatementAdded), "DangerStatementAdded"),
        new(typeof(DangerStatementEdited), "DangerStatementEdited"),
        new(typeof(DangerStatementRemoved), "DangerStatementRemoved"),
        new(typeof(SafetyGoalAdded), "SafetyGoalAdded"),
        new(typeof(SafetyGoalEdited), "SafetyGoalEdited"),
        new(typeof(SafetyGoalRemoved), "SafetyGoalRemoved"),
        new(typeof(DisagreementRecorded), "DisagreementRecorded"),
        new(typeof(HarmRecorded), "HarmRecorded"),
        new(typeof(HarmRemoved), "HarmRemoved"),
        new(typeof(NextStepAdded), "NextStepAdded"),
        new(typeof(NextStepStatusChanged), "NextStepStatusChanged"),
        new(typeof(NextStepSignOffChanged), "NextStepSignOffChanged"),
        new(typeof(NextStepRemoved), "NextStepRemoved"),
    ];
}
