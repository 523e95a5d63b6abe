using System.Globalization;
using MeetingBoard.Board;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;

namespace MeetingBoard.Scaling;

/// <summary>
/// Scaling rounds (DOMAIN.md, "Scaling"): everyone gives a whole number from 0 to 10 with a reason,
/// hidden from everyone but themselves until the facilitator reveals them all at once, so early
/// scores cannot anchor later ones.
/// </summary>
public static class ScalingRounds
{
    public const int WordingMaxLength = 500;

    /// <summary>The common safety scale of DOMAIN.md, offered ready to edit. 10 comes first, always.</summary>
    public static class CommonWording
    {
        public const string Question = "On a scale of 0 to 10, how safe are the children?";
        public const string TenMeans = "Everyone knows the children are safe enough for us to close the case.";
        public const string ZeroMeans = "Things are so bad for the children that they cannot live at home.";
        // The wording a briefing gives for a scale about one danger statement.
        public const string DangerTenMeans = "Even if the danger is present, people are making sure the children are always safe.";
        public const string DangerZeroMeans = "The concerns in the danger statement are happening constantly and badly.";

        /// <summary>
        /// The common scale in the meeting's own words: a team working to Signs of Wellbeing or Signs of
        /// Success does not ask "how safe" (DOMAIN.md, "Signs of something").
        /// </summary>
        public static ScaleWording For(Vocabulary words)
        {
            var statement = words.DangerStatement.ToLowerInvariant();
            return words.Wording switch
            {
                Wording.SignsOfWellbeing => new(
                    "On a scale of 0 to 10, how well are the children?",
                    "Everyone knows the children are well enough for us to close the case.",
                    "Things are so bad for the children's wellbeing that they cannot stay at home.",
                    $"Even if the {words.Danger} is present, people are making sure the children are always well.",
                    $"The concerns in the {statement} are happening constantly and badly."),
                Wording.SignsOfSuccess => new(
                    "On a scale of 0 to 10, how well are things going for the children?",
                    "Everyone knows the children are doing well enough for us to close the case.",
                    "Things are going so badly for the children that they cannot stay at home.",
                    $"Even if the {words.Danger} is present, people are making sure things always go well enough for the children.",
                    $"The concerns in the {statement} are happening constantly and badly."),
                _ => new(Question, TenMeans, ZeroMeans, DangerTenMeans, DangerZeroMeans),
            };
        }
    }

    public static MeetingState Apply(MeetingState state, IScalingEvent e)
    {
        var scaling = state.Scaling;
        var next = e switch
        {
            RoundStarted s => scaling with
            {
                Rounds = scaling.Rounds.Add(new ScalingRound(s.RoundId, s.Question, s.TenMeans, s.ZeroMeans, s.DangerStatementId,
                    s.By, s.At, [new ScalingAttempt(1, s.At, null, [])], null)),
            },
            ScoreGiven g => WithScore(scaling, g.RoundId, new PersonScore(g.By.Key, g.By, null, null, null, g.Score, g.Reason, g.OneHigher, g.By, g.At)),
            RoundPassed p => WithScore(scaling, p.RoundId, new PersonScore(p.By.Key, p.By, null, null, null, null, null, null, p.By, p.At)),
            ScoreRecordedFor r => WithScore(scaling, r.RoundId, new PersonScore(RecordedKey(r.PersonId), null, r.Name, r.Role, r.Group,
                r.Score, r.Reason, r.OneHigher, r.By, r.At)),
            RoundRevealed r => WithRound(scaling, r.RoundId, round => WithAttempt(round, a => a with { RevealedAt = r.At })),
            RoundRerun r => WithRound(scaling, r.RoundId, round => round with { Attempts = round.Attempts.Add(new ScalingAttempt(r.Attempt, r.At, null, [])) }),
            RoundClosed c => WithRound(scaling, c.RoundId, round => round with { ClosedAt = c.At }),
            ScalingGroupSet g => scaling with { Groups = scaling.Groups.SetItem(g.ParticipantId, g.Group) },
            _ => scaling,
        };
        return state with { Scaling = next };
    }

    /// <summary>The key of someone without a device, as recorded by the facilitator.</summary>
    public static string RecordedKey(string personId) => "r:" + personId;

    static ScalingState WithScore(ScalingState scaling, string roundId, PersonScore score) =>
        WithRound(scaling, roundId, round => WithAttempt(round, a =>
            a with { Scores = a.Of(score.PersonKey) is { } old ? a.Scores.Replace(old, score) : a.Scores.Add(score) }));

    static ScalingState WithRound(ScalingState scaling, string roundId, Func<ScalingRound, ScalingRound> change) =>
        scaling with { Rounds = scaling.Rounds.ConvertAll(r => r.Id == roundId ? change(r) : r) };

    static ScalingRound WithAttempt(ScalingRound round, Func<ScalingAttempt, ScalingAttempt> change) =>
        round with { Attempts = round.Attempts.SetItem(round.Attempts.Count - 1, change(round.Attempt)) };

    public static Decision Decide(MeetingState state, ScalingCommand command) => command switch
    {
        StartRound c => Start(state, c),
        GiveScore c => Give(state, c),
        PassRound c => Pass(state, c),
        RecordScoreFor c => RecordFor(state, c),
        RevealRound c => Reveal(state, c),
        RerunRound c => Rerun(state, c),
        CloseRound c => Close(state, c),
        SetScalingGroup c => SetGroup(state, c),
        _ => Meeting.Refuse("", "That action is not known"),
    };

    static Decision Start(MeetingState state, StartRound c)
    {
        if (Meeting.Open(state) is { } closed) return closed;
        if (!state.IsFacilitator(c.By)) return Meeting.Forbidden();
        if (state.Scaling.Find(c.RoundId) is not null) return Meeting.Refuse("", "This round has already been started", RefusalKind.Conflict);
        if (state.Scaling.Current is not null)
            return Meeting.Refuse("", "Close the current scaling round before starting another", RefusalKind.Conflict);
        var (question, questionError) = Text.Clean(c.Question, "the scaling question", WordingMaxLength, multiline: true);
        if (questionError is not null) return Meeting.Refuse("question", questionError);
        var (ten, tenError) = Text.Clean(c.TenMeans, "what 10 means", WordingMaxLength, multiline: true);
        if (tenError is not null) return Meeting.Refuse("tenMeans", tenError);
        var (zero, zeroError) = Text.Clean(c.ZeroMeans, "what 0 means", WordingMaxLength, multiline: true);
        if (zeroError is not null) return Meeting.Refuse("zeroMeans", zeroError);
        string? danger = null;
        if (!string.IsNullOrWhiteSpace(c.DangerStatementId))
        {
            // A statement written with the builder (Practice) or, from before it, a note in the danger statements category.
            var id = c.DangerStatementId.Trim();
            if (state.Practice.FindStatement(id) is { } statement) danger = statement.Id;
            else if (state.FindItem(id) is { Category: Category.DangerStatements } item) danger = item.Id;
            else return Meeting.Refuse("dangerStatement", "Choose a danger statement that is on the board, or the whole case");
        }
        return Meeting.Events(new RoundStarted(c.RoundId, question!, ten!, zero!, danger, c.By, c.At));
    }

    static Decision Give(MeetingState state, GiveScore c) =>
        Scoring(state, c.By, c.RoundId, c.Attempt, Meeting.CanContribute(state, c.By), (round, attempt) =>
        {
            if (Checked(c.Score, c.Reason, c.OneHigher) is not ({ } score, { } reason, var oneHigher, null)) return Refusal(c.Score, c.Reason, c.OneHigher);
            if (attempt.Of(c.By.Key) is { Score: { } s } old && s == score && old.Reason == reason && old.OneHigher == oneHigher)
                return Meeting.Events();
            return Meeting.Events(new ScoreGiven(round.Id, attempt.Number, score, reason, oneHigher, c.By, c.At));
        });

    static Decision Pass(MeetingState state, PassRound c) =>
        Scoring(state, c.By, c.RoundId, c.Attempt, Meeting.CanContribute(state, c.By), (round, attempt) =>
            attempt.Of(c.By.Key) is { Passed: true }
                ? Meeting.Events()
                : Meeting.Events(new RoundPassed(round.Id, attempt.Number, c.By, c.At)));

    static Decision RecordFor(MeetingState state, RecordScoreFor c) =>
        Scoring(state, c.By, c.RoundId, c.Attempt, state.IsFacilitator(c.By), (round, attempt) =>
        {
            var (name, nameError) = Text.Clean(c.Name, "their name", Text.NameMaxLength, multiline: false);
            if (nameError is not null) return Meeting.Refuse("name", nameError);
            var (role, roleError) = Text.Clean(c.Role, "their role, or how they know the family", Text.RoleMaxLength, multiline: false);
            if (roleError is not null) return Meeting.Refuse("role", roleError);
            if (ParseGroup(c.Group) is not { } group) return Meeting.Refuse("group", "Choose family and network, or professional");
            if (Checked(c.Score, c.Reason, c.OneHigher) is not ({ } score, { } reason, var oneHigher, null)) return Refusal(c.Score, c.Reason, c.OneHigher);
            if (string.IsNullOrWhiteSpace(c.PersonId)) return Meeting.Refuse("", "That action is not known");
            return Meeting.Events(new ScoreRecordedFor(round.Id, attempt.Number, c.PersonId, name!, role!, group, score, reason, oneHigher, c.By, c.At));
        });

    /// <summary>The checks every score shares: the meeting is open, the caller may, the round takes scores now.</summary>
    static Decision Scoring(MeetingState state, Actor by, string roundId, int attemptNumber, bool allowed, Func<ScalingRound, ScalingAttempt, Decision> decide)
    {
        if (Meeting.Open(state) is { } closed) return closed;
        if (!allowed) return Meeting.Forbidden();
        if (state.Scaling.Find(roundId) is not { } round) return RoundNotFound();
        if (round.IsClosed) return Meeting.Refuse("", "This scaling round has closed. Scores can no longer be given", RefusalKind.Conflict);
        var attempt = round.Attempt;
        if (attempt.Number != attemptNumber)
            return Meeting.Refuse("", "This round has been run again since you opened it. Give your score again", RefusalKind.Conflict);
        if (attempt.IsRevealed)
            return Meeting.Refuse("", "The scores have been revealed, so they can no longer be changed", RefusalKind.Conflict);
        return decide(round, attempt);
    }

    static (int? Score, string? Reason, string? OneHigher, Refusal? Error) Checked(string? rawScore, string? rawReason, string? rawOneHigher)
    {
        var trimmed = (rawScore ?? "").Trim();
        if (trimmed.Length == 0) return (null, null, null, new Refusal("score", "Choose a number from 0 to 10"));
        if (!int.TryParse(trimmed, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var score))
            return (null, null, null, new Refusal("score", "Give a whole number from 0 to 10"));
        if (score is < 0 or > 10) return (null, null, null, new Refusal("score", "Give a number from 0 to 10"));
        var (reason, reasonError) = Text.Clean(rawReason, "why you chose this number", Text.ItemMaxLength, multiline: true);
        if (reasonError is not null) return (null, null, null, new Refusal("reason", reasonError));
        var (oneHigher, oneHigherError) = Text.Clean(rawOneHigher, "what would make it one point higher", Text.ItemMaxLength, multiline: true, required: false);
        if (oneHigherError is not null) return (null, null, null, new Refusal("oneHigher", oneHigherError));
        return (score, reason, oneHigher is "" ? null : oneHigher, null);
    }

    static Decision Refusal(string? score, string? reason, string? oneHigher) => new(null, Checked(score, reason, oneHigher).Error);

    static Decision Reveal(MeetingState state, RevealRound c) =>
        Facilitating(state, c.By, c.RoundId, round =>
        {
            if (round.IsClosed) return Meeting.Refuse("", "This scaling round has closed", RefusalKind.Conflict);
            if (round.Attempt.IsRevealed) return Meeting.Events();
            if (round.Attempt.Scores.Count == 0) return Meeting.Refuse("", "Nobody has scaled yet. Wait for at least one score", RefusalKind.Conflict);
            return Meeting.Events(new RoundRevealed(round.Id, round.Attempt.Number, c.By, c.At));
        });

    static Decision Rerun(MeetingState state, RerunRound c) =>
        Facilitating(state, c.By, c.RoundId, round =>
        {
            if (round.IsClosed) return Meeting.Refuse("", "This scaling round has closed", RefusalKind.Conflict);
            if (!round.Attempt.IsRevealed) return Meeting.Refuse("", "Reveal the scores before running the round again", RefusalKind.Conflict);
            return Meeting.Events(new RoundRerun(round.Id, round.Attempt.Number + 1, c.By, c.At));
        });

    static Decision Close(MeetingState state, CloseRound c) =>
        Facilitating(state, c.By, c.RoundId, round =>
            round.IsClosed ? Meeting.Events() : Meeting.Events(new RoundClosed(round.Id, c.By, c.At)));

    static Decision Facilitating(MeetingState state, Actor by, string roundId, Func<ScalingRound, Decision> decide)
    {
        if (Meeting.Open(state) is { } closed) return closed;
        if (!state.IsFacilitator(by)) return Meeting.Forbidden();
        return state.Scaling.Find(roundId) is { } round ? decide(round) : RoundNotFound();
    }

    static Decision SetGroup(MeetingState state, SetScalingGroup c)
    {
        if (Meeting.Open(state) is { } closed) return closed;
        if (!state.IsFacilitator(c.By)) return Meeting.Forbidden();
        if (state.FindParticipant(c.ParticipantId) is null) return Meeting.Refuse("", "That person is not in this meeting", RefusalKind.NotFound);
        if (ParseGroup(c.Group) is not { } group) return Meeting.Refuse("group", "Choose family and network, or professional");
        if (state.Scaling.GroupOf(Actor.Participant(c.ParticipantId)) == group) return Meeting.Events();
        return Meeting.Events(new ScalingGroupSet(c.ParticipantId, group, c.By, c.At));
    }

    public static ScalingGroup? ParseGroup(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "family" or "family-and-network" or "2" => ScalingGroup.FamilyAndNetwork,
        "professional" or "1" => ScalingGroup.Professional,
        _ => null,
    };

    public static string GroupName(ScalingGroup group) => group == ScalingGroup.FamilyAndNetwork ? "Family and network" : "Professionals";

    /// <summary>
    /// Who is expected to answer the current attempt: the facilitator and everyone admitted, plus
    /// anyone who answered and has since left, and everyone the facilitator recorded for.
    /// </summary>
    public static ScalingProgress Progress(MeetingState state, ScalingAttempt attempt)
    {
        var expected = new List<string> { Actor.Facilitator(state.FacilitatorId).Key };
        expected.AddRange(state.Admitted.Select(p => Actor.Participant(p.Id).Key));
        var answered = attempt.Scores.Select(s => s.PersonKey).ToHashSet();
        var thinking = expected.Where(k => !answered.Contains(k)).ToList();
        return new ScalingProgress(answered.Count, answered.Count + thinking.Count, thinking);
    }

    static Decision RoundNotFound() => Meeting.Refuse("", "This scaling round could not be found in this meeting", RefusalKind.NotFound);
}
