using MeetingBoard.Meetings;
using MeetingBoard.Scaling;
using MeetingBoard.Tests.Meetings;
using static MeetingBoard.Tests.Meetings.Given;

namespace MeetingBoard.Tests.Scaling;

public class RecordingForSomeone
{
    static Decision Record(MeetingState given, Actor? by = null, string? name = "Pat", string? role = "Grandmother",
        string? group = "family", string? score = "5", string? reason = "I live five minutes away") =>
        Meeting.Decide(given, new RecordScoreFor(Round.Id, 1, "person-pat", name, role, group, score, reason, null, by ?? Iro, At));

    [Fact]
    public void RecordsTheScoreAsEnteredByTheFacilitator()
    {
        var recorded = Then.Single<ScoreRecordedFor>(Record(Round.Open()));
        Assert.Equal(("Pat", "Grandmother", ScalingGroup.FamilyAndNetwork, 5, Iro), (recorded.Name, recorded.Role, recorded.Group, recorded.Score, recorded.By));
        var score = Assert.Single(Meeting.Apply(Round.Open(), recorded).Scaling.Current!.Attempt.Scores);
        Assert.True(score.EnteredForSomeoneElse);
        Assert.Null(score.Person);
        Assert.Equal(Iro, score.EnteredBy);
    }

    [Fact]
    public void IsOnlyForTheFacilitator() => Then.Forbidden(Record(Round.Open(), by: Sam));

    [Fact]
    public void NeedsANameARoleAGroupAScoreAndAReason()
    {
        Then.Invalid(Record(Round.Open(), name: ""), "name");
        Then.Invalid(Record(Round.Open(), role: null), "role");
        Then.Invalid(Record(Round.Open(), group: "neighbours"), "group");
        Then.Invalid(Record(Round.Open(), score: "12"), "score");
        Then.Invalid(Record(Round.Open(), reason: " "), "reason");
    }

    [Fact]
    public void IsRefusedAfterTheReveal() => Then.Conflict(Record(Round.Open(Round.Scored(Sam, 3), Round.Revealed())));
}
