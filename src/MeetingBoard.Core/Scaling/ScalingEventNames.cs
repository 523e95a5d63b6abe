using MeetingBoard.Meetings;

namespace MeetingBoard.Scaling;

/// <summary>
/// The stored names of scaling rounds. These strings are in every database: never change one,
/// even when the class is renamed (the test <c>StoredEventNamesAreStable</c> holds them).
/// </summary>
public sealed class ScalingEventNames : IStoredEventNames
{
    public IEnumerable<StoredEventName> Names =>
    [
        new(typeof(RoundStarted), "RoundStarted"),
        new(typeof(ScoreGiven), "ScoreGiven"),
        new(typeof(RoundPassed), "RoundPassed"),
        new(typeof(ScoreRecordedFor), "ScoreRecordedFor"),
        new(typeof(RoundRevealed), "RoundRevealed"),
        new(typeof(RoundRerun), "RoundRerun"),
        new(typeof(RoundClosed), "RoundClosed"),
        new(typeof(ScalingGroupSet), "ScalingGroupSet"),
    ];
}
