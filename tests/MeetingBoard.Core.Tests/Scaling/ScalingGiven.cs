using MeetingBoard.Board;
using MeetingBoard.Meetings;
using MeetingBoard.Scaling;
using MeetingBoard.Tests.Meetings;
using static MeetingBoard.Tests.Meetings.Given;

namespace MeetingBoard.Tests.Scaling;

/// <summary>Scaling rounds in the conference for Maya and Leo (see Given).</summary>
public static class Round
{
    public const string Id = "r-overall";

    public static RoundStarted Started(string id = Id, string? dangerStatementId = null) =>
        new(id, ScalingRounds.CommonWording.Question, ScalingRounds.CommonWording.TenMeans, ScalingRounds.CommonWording.ZeroMeans, dangerStatementId, Iro, At);

    public static ScoreGiven Scored(Actor who, int score, string reason = "The children went to Pat's straight away", int attempt = 1, string id = Id) =>
        new(id, attempt, score, reason, null, who, At);

    public static RoundPassed Passed(Actor who, int attempt = 1) => new(Id, attempt, who, At);
    public static RoundRevealed Revealed(int attempt = 1) => new(Id, attempt, Iro, At);
    public static RoundRerun Rerun(int attempt = 2) => new(Id, attempt, Iro, At);
    public static RoundClosed Closed(string id = Id) => new(id, Iro, At);

    /// <summary>An open meeting with the overall round open for scoring, then whatever follows.</summary>
    public static MeetingState Open(params IMeetingEvent[] then) => OpenMeeting([Started(), .. then]);

    public static Decision Give(MeetingState given, string? score = "4", string? reason = "Sam took the children to Pat's",
        Actor? by = null, string roundId = Id, int attempt = 1, string? oneHigher = null) =>
        Meeting.Decide(given, new GiveScore(roundId, attempt, score, reason, oneHigher, by ?? Sam, At));

    public static ItemAdded DangerStatement(string itemId = "i-danger") =>
        Added(itemId, Teacher, Category.DangerStatements, "Social workers are worried Maya and Leo will be hurt if Jordan shouts at and pushes Sam again");
}
