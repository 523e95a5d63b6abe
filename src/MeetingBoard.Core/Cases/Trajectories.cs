using System.Collections.Immutable;
using MeetingBoard.Meetings;
using MeetingBoard.Scaling;

namespace MeetingBoard.Cases;

/// <summary>One person's scores across the case's meetings (null where they took part but passed or were not there).</summary>
public sealed record PersonLine(string Name, string Role, ScalingGroup Group, ImmutableList<(string MeetingId, int Score)> Scores);

/// <summary>
/// The case's scaling series. A round belongs to a series by what it scales: a danger statement (the same
/// id in every meeting of the case, as carried) or a prepared scaling question (the same id when copied).
/// Each meeting gives one point per series: the latest revealed attempt of its latest round. Scores that
/// were never revealed count nowhere.
/// </summary>
public static class Trajectories
{
    public static string StatementKey(string statementId) => "statement-" + statementId;
    public static string ScaleKey(string questionId) => "scale-" + questionId;

    /// <summary>
    /// The series key of a round, or null when it scales neither a statement nor a prepared question. A round
    /// about a danger statement joins the statement's series however it was started; a prepared question's own
    /// series is for the scales about no statement (the whole case, or something else).
    /// </summary>
    public static string? KeyOf(MeetingState meeting, ScalingRound round) =>
        round.DangerStatementId is { } s ? StatementKey(s)
        : meeting.Continuity.RoundScales.TryGetValue(round.Id, out var q) ? ScaleKey(q)
        : null;

    static ScalingAttempt? Revealed(ScalingRound round) => round.Attempts.FindLast(a => a.IsRevealed);

    /// <summary>This meeting's own points, a title for each series, and the revealed attempt each comes from.</summary>
    public static IReadOnlyList<(string Key, string Title, SeriesPoint Point, ScalingAttempt Attempt)> PointsOf(MeetingState meeting, DateOnly day)
    {
        var byKey = new Dictionary<string, (string, SeriesPoint, ScalingAttempt)>();
        foreach (var round in meeting.Scaling.Rounds)
        {
            if (KeyOf(meeting, round) is not { } key || Revealed(round) is not { } attempt) continue;
            byKey[key] = (TitleOf(meeting, round), Point(meeting, attempt, day), attempt);
        }
        return [.. byKey.Select(kv => (kv.Key, kv.Value.Item1, kv.Value.Item2, kv.Value.Item3))];
    }

    static string TitleOf(MeetingState meeting, ScalingRound round) =>
        round.DangerStatementId is { } id && meeting.Practice.FindStatement(id) is { } statement
            ? meeting.Practice.NameOf(statement)
            : round.Question;

    static SeriesPoint Point(MeetingState meeting, ScalingAttempt attempt, DateOnly day)
    {
        var scored = attempt.Scores.Where(s => s.Score is not null)
            .Select(s => (Group: GroupOf(meeting, s), Score: s.Score!.Value)).ToList();
        return new SeriesPoint(meeting.Id, day, meeting.Title,
            Spread(scored.Select(s => s.Score)),
            Spread(scored.Where(s => s.Group == ScalingGroup.FamilyAndNetwork).Select(s => s.Score)),
            Spread(scored.Where(s => s.Group == ScalingGroup.Professional).Select(s => s.Score)));
    }

    public static ScalingGroup GroupOf(MeetingState meeting, PersonScore score) =>
        score.Group ?? (score.Person is { } p ? meeting.Scaling.GroupOf(p) : ScalingGroup.Professional);

    public static ScaleSpread? Spread(IEnumerable<int> scores)
    {
        var list = scores.Order().ToList();
        return list.Count == 0 ? null : new ScaleSpread(list.Count, list[0], list[^1], ScalingSummary.MedianOf(list));
    }

    /// <summary>The series of earlier meetings (oldest first), with no one's name: what a new meeting carries.</summary>
    public static ImmutableList<PastSeries> Past(IEnumerable<MeetingState> earlier, Func<DateTimeOffset, DateOnly> day)
    {
        var series = new List<PastSeries>();
        foreach (var meeting in earlier.OrderBy(m => m.CreatedAt))
            foreach (var (key, title, point, _) in PointsOf(meeting, day(meeting.CreatedAt)))
            {
                var index = series.FindIndex(s => s.Key == key);
                if (index < 0) series.Add(new PastSeries(key, title, [point]));
                else series[index] = series[index] with { Title = title, Points = series[index].Points.Add(point) };
            }
        return [.. series];
    }

    /// <summary>Every series this meeting can show: what it carried from earlier meetings and its own rounds, oldest point first.</summary>
    public static ImmutableList<PastSeries> Of(MeetingState meeting, Func<DateTimeOffset, DateOnly> day)
    {
        var result = meeting.Continuity.History.ConvertAll(s => s with { Points = s.Points.RemoveAll(p => p.MeetingId == meeting.Id) });
        foreach (var (key, title, point, _) in PointsOf(meeting, day(meeting.CreatedAt)))
        {
            var index = result.FindIndex(s => s.Key == key);
            result = index < 0
                ? result.Add(new PastSeries(key, title, [point]))
                : result.SetItem(index, result[index] with { Title = title, Points = result[index].Points.Add(point) });
        }
        return result;
    }

    /// <summary>
    /// Each person's own line through one series, for a facilitator who may see every one of these meetings.
    /// A person is known across meetings by their name and role as they gave them.
    /// </summary>
    public static IReadOnlyList<PersonLine> People(IEnumerable<MeetingState> meetings, string key, Func<DateTimeOffset, DateOnly> day)
    {
        var lines = new Dictionary<(string, string), PersonLine>();
        foreach (var meeting in meetings.OrderBy(m => m.CreatedAt))
        {
            if (PointsOf(meeting, day(meeting.CreatedAt)).FirstOrDefault(p => p.Key == key) is not { Attempt: { } attempt }) continue;
            foreach (var score in attempt.Scores.Where(s => s.Score is not null))
            {
                var (name, role) = score.Person is { } person && score.Name is null ? meeting.Describe(person) : (score.Name ?? "Someone", score.Role ?? "");
                var id = (name.Trim().ToLowerInvariant(), role.Trim().ToLowerInvariant());
                var line = lines.TryGetValue(id, out var found) ? found : new PersonLine(name, role, GroupOf(meeting, score), []);
                lines[id] = line with { Scores = line.Scores.Add((meeting.Id, score.Score!.Value)) };
            }
        }
        return [.. lines.Values];
    }
}
