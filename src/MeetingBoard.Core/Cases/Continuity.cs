using System.Collections.Immutable;
using MeetingBoard.Board;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Scaling;

namespace MeetingBoard.Cases;

/// <summary>
/// A meeting as one of its case's meetings: starting from the latest one, reviewing its next steps,
/// questions prepared beforehand, and the case's scaling series. Who may do what: the facilitator
/// carries, prepares and shows; a carried next step is reviewed by the facilitator or by the person
/// whose step it is (an admitted participant of the same name: the lobby is where the chair says who is who).
/// </summary>
public static class Continuity
{
    public const int QuestionMaxLength = 500;
    public const int ForMaxLength = 80;
    public const int WhyMaxLength = 1000;

    public static MeetingState Apply(MeetingState state, ICaseEvent e)
    {
        var c = state.Continuity;
        return e switch
        {
            CarriedFromLastMeeting carried => Carry(state, carried),
            CarriedStepReviewed r => Review(state, r),
            QuestionPrepared q => state with
            {
                Continuity = c with { Prepared = c.Prepared.Add(new PreparedQuestion(q.QuestionId, q.Kind, q.Text, q.For, q.TenMeans, q.ZeroMeans, q.StatementId, q.At, null)) },
            },
            PreparedQuestionRemoved r => state with
            {
                Continuity = c with
                {
                    Prepared = c.Prepared.RemoveAll(q => q.Id == r.QuestionId),
                    ShownQuestionId = c.ShownQuestionId == r.QuestionId ? null : c.ShownQuestionId,
                },
            },
            PreparedQuestionsCopied copied => state with
            {
                Continuity = c with { Prepared = c.Prepared.AddRange(copied.Questions), History = Merge(c.History, copied.History) },
            },
            PreparedQuestionShown s => state with
            {
                Continuity = c with { ShownQuestionId = s.QuestionId, Prepared = s.QuestionId is { } id ? Asked(c.Prepared, id, s.At) : c.Prepared },
            },
            PreparedScaleUsed u => state with
            {
                Continuity = c with { RoundScales = c.RoundScales.SetItem(u.RoundId, u.QuestionId), Prepared = Asked(c.Prepared, u.QuestionId, u.At) },
            },
            TrajectoryShown t => state with { Continuity = c with { ShownSeriesKey = t.SeriesKey } },
            _ => state,
        };
    }

    static ImmutableList<PreparedQuestion> Asked(ImmutableList<PreparedQuestion> prepared, string id, DateTimeOffset at) =>
        prepared.ConvertAll(q => q.Id == id && q.FirstShownAt is null ? q with { FirstShownAt = at } : q);

    static MeetingState Carry(MeetingState state, CarriedFromLastMeeting e)
    {
        var p = state.Practice;
        var from = state.Continuity.CarriedFrom
            .SetItems(e.Statements.Select(s => KeyValuePair.Create(s.Id, s.From)))
            .SetItems(e.Goals.Select(g => KeyValuePair.Create(g.Id, g.From)))
            .SetItems(e.Items.Select(i => KeyValuePair.Create(i.Id, i.From)));
        return state with
        {
            Items = state.Items.AddRange(e.Items.Select(i => new BoardItem(i.Id, i.Category, i.Text, e.By, e.At, null))),
            Practice = p with
            {
                Statements = p.Statements.AddRange(e.Statements.Select(s => new DangerStatement(s.Id, s.Sentence, s.Parts, e.By, e.At, null, []))),
                Goals = p.Goals.AddRange(e.Goals.Select(g => new SafetyGoal(g.Id, g.StatementId, g.Sentence, g.Parts, e.By, e.At, null))),
                UsedIds = p.UsedIds.Union(e.Statements.Select(s => s.Id)).Union(e.Goals.Select(g => g.Id)),
            },
            Continuity = state.Continuity with
            {
                CarriedFromMeetingId = e.FromMeetingId,
                CarriedFromDay = e.FromDay,
                CarriedFrom = from,
                StepsToReview = state.Continuity.StepsToReview.AddRange(e.Steps.Select(s => new StepToReview(s, null))),
                History = Merge(state.Continuity.History, e.History),
            },
        };
    }

    static MeetingState Review(MeetingState state, CarriedStepReviewed r)
    {
        if (state.Continuity.FindStepToReview(r.StepId) is not { } entry) return state;
        var p = state.Practice;
        var steps = p.Steps;
        if (r.Outcome == StepOutcome.CarriedForward && p.FindStep(r.StepId) is null)
        {
            var s = entry.Step;
            // It carries on as it was: a step in progress stays in progress.
            var status = s.StatusThen == NextStepStatus.Done ? NextStepStatus.NotStarted : s.StatusThen;
            steps = steps.Add(new NextStep(s.Id, null, s.PersonName, s.Action, s.Due, status, r.By, r.At, null));
        }
        else if (r.Outcome != StepOutcome.CarriedForward)
            steps = steps.RemoveAll(s => s.Id == r.StepId);
        return state with
        {
            Practice = p with { Steps = steps, UsedIds = p.UsedIds.Add(r.StepId) },
            Continuity = state.Continuity with
            {
                StepsToReview = state.Continuity.StepsToReview.ConvertAll(s => s.Step.Id == r.StepId ? s with { Review = new StepReview(r.Outcome, r.Why, r.By, r.At) } : s),
                CarriedFrom = r.Outcome == StepOutcome.CarriedForward
                    ? state.Continuity.CarriedFrom.SetItem(r.StepId, entry.Step.From)
                    : state.Continuity.CarriedFrom.Remove(r.StepId),
            },
        };
    }

    /// <summary>Earlier meetings' points, by series, each meeting once (the latest word on it wins).</summary>
    static ImmutableList<PastSeries> Merge(ImmutableList<PastSeries> have, IEnumerable<PastSeries> more)
    {
        var result = have;
        foreach (var series in more)
        {
            var index = result.FindIndex(s => s.Key == series.Key);
            if (index < 0) { result = result.Add(series); continue; }
            var old = result[index];
            var points = old.Points.RemoveAll(p => series.Points.Exists(n => n.MeetingId == p.MeetingId)).AddRange(series.Points)
                .Sort((a, b) => a.Day.CompareTo(b.Day));
            result = result.SetItem(index, old with { Points = points });
        }
        return result;
    }

    public static Decision Decide(MeetingState state, CaseCommand command)
    {
        if (Meeting.Open(state) is { } closed) return closed;
        if (command is ReviewCarriedStep review) return ReviewStep(state, review);
        if (!state.IsFacilitator(command.By)) return Meeting.Forbidden("Only the facilitator can do that");
        return command switch
        {
            CarryFromLastMeeting c => CarryFrom(state, c),
            PrepareBestQuestion c => PrepareBest(state, c),
            PrepareScalingQuestion c => PrepareScaling(state, c),
            RemovePreparedQuestion c => state.Continuity.FindPrepared(c.QuestionId) is null
                ? Meeting.Events()
                : Meeting.Events(new PreparedQuestionRemoved(c.QuestionId, c.By, c.At)),
            CopyPreparedQuestions c => Copy(state, c),
            ShowPreparedQuestion c => ShowQuestion(state, c),
            StartPreparedRound c => StartRound(state, c),
            ShowTrajectory c => ShowSeries(state, c),
            _ => Meeting.Refuse("", "That action is not known"),
        };
    }

    static Decision? SameCase(MeetingState state, MeetingState last)
    {
        if (state.CaseId is null) return Meeting.Refuse("", "This meeting is not part of a case", RefusalKind.Conflict);
        if (!last.Exists || last.CaseId != state.CaseId || last.Id == state.Id || last.CreatedAt > state.CreatedAt)
            return Meeting.Refuse("", "That is not an earlier meeting of this case", RefusalKind.Conflict);
        return null;
    }

    static Decision CarryFrom(MeetingState state, CarryFromLastMeeting c)
    {
        if (SameCase(state, c.Last) is { } wrong) return wrong;
        if (state.Continuity.CarriedFromMeetingId is { } already)
            return already == c.Last.Id ? Meeting.Events() : Meeting.Refuse("", "This meeting has already started from an earlier meeting", RefusalKind.Conflict);
        var last = c.Last;
        var used = state.Practice.UsedIds.Union(state.Items.Select(i => i.Id)).Union(state.RemovedItemIds);
        DateOnly From(string id) => last.Continuity.FromDay(id) ?? c.LastDay;
        var statements = last.Practice.Statements.Where(s => !used.Contains(s.Id))
            .Select(s => new CarriedStatement(s.Id, s.Sentence, s.Parts, From(s.Id))).ToImmutableList();
        var goals = last.Practice.Goals.Where(g => !used.Contains(g.Id))
            .Select(g => new CarriedGoal(g.Id, g.StatementId, g.Sentence, g.Parts, From(g.Id))).ToImmutableList();
        var items = last.Items.Where(i => i.Category is Category.ExistingSafety or Category.ExistingStrengths && !used.Contains(i.Id))
            .Select(i => new CarriedItem(i.Id, i.Category, i.Text, From(i.Id))).ToImmutableList();
        var steps = last.Practice.Steps.Where(s => !used.Contains(s.Id))
            .Select(s => new CarriedStepEntry(s.Id, s.PersonName, s.Action, s.Due, s.Status, last.Continuity.FromDay(s.Id) ?? c.LastDay)).ToImmutableList();
        return Meeting.Events(new CarriedFromLastMeeting(last.Id, c.LastDay, statements, goals, items, steps, [.. c.History], c.By, c.At));
    }

    static Decision ReviewStep(MeetingState state, ReviewCarriedStep c)
    {
        if (state.Continuity.FindStepToReview(c.StepId) is not { } entry)
            return Meeting.Refuse("", "That next step is not one carried from the last meeting", RefusalKind.NotFound);
        if (!state.IsFacilitator(c.By) && !IsPersonOf(state, c.By, entry.Step))
            return Meeting.Forbidden("Only the facilitator or the person the step belongs to can say how it went");
        if (StepOutcomes.Parse(c.Outcome) is not { } outcome) return Meeting.Refuse("outcome", "Choose done, not done or carried forward");
        var (why, error) = Text.Clean(c.Why, outcome == StepOutcome.NotDone ? "why it was not done" : "a note", WhyMaxLength, multiline: true,
            required: outcome == StepOutcome.NotDone);
        if (error is not null) return Meeting.Refuse("why", error);
        why = why is "" ? null : why;
        if (entry.Review is { } done && done.Outcome == outcome && done.Why == why) return Meeting.Events();
        return Meeting.Events(new CarriedStepReviewed(entry.Step.Id, outcome, why, c.By, c.At));
    }

    /// <summary>The person a carried step belongs to, in this meeting: an admitted participant with the step's name.</summary>
    public static bool IsPersonOf(MeetingState state, Actor by, CarriedStepEntry step) =>
        state.IsAdmitted(by) && state.FindParticipant(by.Id) is { } p
        && string.Equals(p.Name.Trim(), step.PersonName.Trim(), StringComparison.OrdinalIgnoreCase);

    static Decision PrepareBest(MeetingState state, PrepareBestQuestion c)
    {
        var (text, error) = Text.Clean(c.Text, "the question", QuestionMaxLength, multiline: true);
        if (error is not null) return Meeting.Refuse("text", error);
        var (forWhat, forError) = Text.Clean(c.For, "what the question is for", ForMaxLength, multiline: false, required: false);
        if (forError is not null) return Meeting.Refuse("for", forError);
        if (state.Continuity.FindPrepared(c.QuestionId) is not null) return Meeting.Refuse("", "This has already been added", RefusalKind.Conflict);
        return Meeting.Events(new QuestionPrepared(c.QuestionId, PreparedKind.BestQuestion, text!, forWhat is "" ? null : forWhat, null, null, null, c.By, c.At));
    }

    static Decision PrepareScaling(MeetingState state, PrepareScalingQuestion c)
    {
        var (text, error) = Text.Clean(c.Text, "the scaling question", QuestionMaxLength, multiline: true);
        if (error is not null) return Meeting.Refuse("text", error);
        var (ten, tenError) = Text.Clean(c.TenMeans, "what 10 means", ScalingRounds.WordingMaxLength, multiline: true);
        if (tenError is not null) return Meeting.Refuse("tenMeans", tenError);
        var (zero, zeroError) = Text.Clean(c.ZeroMeans, "what 0 means", ScalingRounds.WordingMaxLength, multiline: true);
        if (zeroError is not null) return Meeting.Refuse("zeroMeans", zeroError);
        var statementId = string.IsNullOrWhiteSpace(c.StatementId) ? null : c.StatementId.Trim();
        if (statementId is not null && state.Practice.FindStatement(statementId) is null)
            return Meeting.Refuse("statementId", $"Choose a {state.Practice.Words.DangerStatement.ToLowerInvariant()} on this board, or none");
        if (state.Continuity.FindPrepared(c.QuestionId) is not null) return Meeting.Refuse("", "This has already been added", RefusalKind.Conflict);
        return Meeting.Events(new QuestionPrepared(c.QuestionId, PreparedKind.ScalingQuestion, text!, null, ten, zero, statementId, c.By, c.At));
    }

    static Decision Copy(MeetingState state, CopyPreparedQuestions c)
    {
        if (SameCase(state, c.Last) is { } wrong) return wrong;
        if (c.Last.Continuity.Prepared.Count == 0) return Meeting.Refuse("", "The last meeting of this case had no prepared questions", RefusalKind.Conflict);
        var questions = c.Last.Continuity.Prepared
            .Where(q => state.Continuity.FindPrepared(q.Id) is null)
            .Select(q => q with
            {
                PreparedAt = c.At,
                FirstShownAt = null,
                StatementId = q.StatementId is { } s && state.Practice.FindStatement(s) is not null ? s : null,
            })
            .ToImmutableList();
        return questions.Count == 0 ? Meeting.Events() : Meeting.Events(new PreparedQuestionsCopied(c.Last.Id, questions, [.. c.History], c.By, c.At));
    }

    static Decision ShowQuestion(MeetingState state, ShowPreparedQuestion c)
    {
        if (c.QuestionId is null) return state.Continuity.ShownQuestionId is null ? Meeting.Events() : Meeting.Events(new PreparedQuestionShown(null, c.By, c.At));
        if (state.Continuity.FindPrepared(c.QuestionId) is null) return Meeting.Refuse("", "That question has been removed", RefusalKind.NotFound);
        return state.Continuity.ShownQuestionId == c.QuestionId ? Meeting.Events() : Meeting.Events(new PreparedQuestionShown(c.QuestionId, c.By, c.At));
    }

    static Decision StartRound(MeetingState state, StartPreparedRound c)
    {
        if (state.Continuity.FindPrepared(c.QuestionId) is not { Kind: PreparedKind.ScalingQuestion } q)
            return Meeting.Refuse("", "That scaling question has been removed", RefusalKind.NotFound);
        var statementId = q.StatementId is { } s && state.Practice.FindStatement(s) is not null ? s : null;
        var round = ScalingRounds.Decide(state, new StartRound(c.RoundId, q.Text, q.TenMeans, q.ZeroMeans, statementId, c.By, c.At));
        if (round.IsRefused || round.Events is not [_, ..] events) return round;
        return Meeting.Events([new PreparedScaleUsed(q.Id, c.RoundId, c.By, c.At), .. events]);
    }

    static Decision ShowSeries(MeetingState state, ShowTrajectory c)
    {
        if (c.SeriesKey is null) return state.Continuity.ShownSeriesKey is null ? Meeting.Events() : Meeting.Events(new TrajectoryShown(null, c.By, c.At));
        if (!Trajectories.Of(state, _ => default).Exists(s => s.Key == c.SeriesKey))
            return Meeting.Refuse("", "There is no scaling of that to show yet", RefusalKind.NotFound);
        return state.Continuity.ShownSeriesKey == c.SeriesKey ? Meeting.Events() : Meeting.Events(new TrajectoryShown(c.SeriesKey, c.By, c.At));
    }
}
