using MeetingBoard.Board;
using MeetingBoard.Facilitation;
using MeetingBoard.Meetings;
using MeetingBoard.Cases;
using MeetingBoard.Practice;
using MeetingBoard.Scaling;

namespace MeetingBoard.Records;

/// <summary>Builds a meeting's record from its event log: a pure function, so every format and test sees the same thing.</summary>
public static class MeetingRecords
{
    /// <param name="events">The meeting's stream from version 1, in version order.</param>
    /// <param name="producedAt">When the record is made; it is printed on it, nothing else depends on it.</param>
    public static MeetingRecord Build(IReadOnlyList<VersionedEvent> events, DateTimeOffset producedAt)
    {
        var (state, history, movedAt, stageStarts) = Walk(events, audit: false);

        var details = new RecordDetails(
            state.Id, state.Type, MeetingTypes.Name(state.Type), state.Title, state.CaseReference,
            state.FacilitatorId, state.FacilitatorName, state.CreatedAt, state.ClosedAt,
            state.Version, events.Count > 0 ? events[^1].Event.At : null, producedAt);

        var sections = new List<RecordSection>();
        if (CaseSection.Of(state, a => Describe(state, a)) is { } following)
            sections.Add(following);
        sections.Add(Map(state, movedAt));
        if (Practice(state) is { } practice) sections.Add(practice);
        sections.AddRange(InMeetingSections.Build(state, a => Describe(state, a)));
        if (Scaling(state) is { } scaling) sections.Add(scaling);
        if (state.Facilitation.Decision is { } decision)
            sections.Add(new DecisionSection(decision.Text, Describe(state, decision.By), decision.At,
                decision.Views.Select(v => new RecordView(Describe(state, v.Person), v.Agrees, v.Reason, v.OnBehalf, v.At)).ToList()));
        if (Facilitation(state, stageStarts) is { } facilitation) sections.Add(facilitation);
        return new MeetingRecord(details, Attendees(state, history), sections, history);
    }

    /// <summary>
    /// Every step of the timeline plus the steps only the facilitator's audit trail lists: locking
    /// and unlocking, marking someone family or professional, and every score given, passed or
    /// entered for someone. A score's number is shown only where its run was revealed: the audit
    /// trail says that someone scored, never what, while the scores are still hidden.
    /// </summary>
    public static IReadOnlyList<HistoryEntry> AuditTrail(IReadOnlyList<VersionedEvent> events) => Walk(events, audit: true).History;

    static (MeetingState State, List<HistoryEntry> History, Dictionary<string, DateTimeOffset> MovedAt, Dictionary<string, List<DateTimeOffset>> StageStarts)
        Walk(IReadOnlyList<VersionedEvent> events, bool audit)
    {
        var state = MeetingState.Empty;
        // Score entries wait for the end of the log to learn whether their run was revealed.
        var scores = new List<(int Index, string RoundId, int Attempt, int? Score)>();
        var history = new List<HistoryEntry>();
        var movedAt = new Dictionary<string, DateTimeOffset>();
        var stageStarts = new Dictionary<string, List<DateTimeOffset>>();
        foreach (var (version, e) in events)
        {
            var before = state;
            state = Meeting.Apply(state, e);
            // People are described as the meeting knows them after the step, so a joiner is named in their own entry.
            RecordPerson? Person(Actor actor) => Describe(state, actor);
            RecordPerson? Participant(string id) => Describe(state, Actor.Participant(id));
            HistoryEntry? entry = e switch
            {
                MeetingCreated c => new(version, c.At, HistoryKind.MeetingStarted, Person(Actor.Facilitator(c.FacilitatorId))),
                ParticipantAskedToJoin a => new(version, a.At, HistoryKind.AskedToJoin, Participant(a.ParticipantId), Participant(a.ParticipantId)),
                ParticipantAdmitted a => new(version, a.At, HistoryKind.Admitted, Person(a.By), Participant(a.ParticipantId)),
                ParticipantDeclined d => new(version, d.At, HistoryKind.Declined, Person(d.By), Participant(d.ParticipantId)),
                ParticipantRemoved r => new(version, r.At, HistoryKind.Removed, Person(r.By), Participant(r.ParticipantId)),
                ItemAdded a => new(version, a.At, HistoryKind.ItemAdded, Person(a.By), ItemId: a.ItemId, Category: a.Category, Text: a.Text),
                ItemEdited ed => new(version, ed.At, HistoryKind.ItemChanged, Person(ed.By), ItemId: ed.ItemId,
                    Category: state.FindItem(ed.ItemId)?.Category, Text: ed.Text, OldText: before.FindItem(ed.ItemId)?.Text),
                ItemMoved m => new(version, m.At, HistoryKind.ItemMoved, Person(m.By), ItemId: m.ItemId,
                    Category: m.To, FromCategory: m.From, Text: state.FindItem(m.ItemId)?.Text),
                ItemRemoved r => new(version, r.At, HistoryKind.ItemRemoved, Person(r.By), ItemId: r.ItemId,
                    Category: before.FindItem(r.ItemId)?.Category, Text: before.FindItem(r.ItemId)?.Text),
                MeetingClosed c => new(version, c.At, HistoryKind.MeetingClosed, Person(c.By), Note: c.IdleHours?.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                // Scaling: no step says who scored or what, so the timeline cannot leak a hidden score.
                RoundStarted r => new(version, r.At, HistoryKind.ScalingRoundStarted, Person(r.By), Text: r.Question),
                RoundRevealed r => new(version, r.At, HistoryKind.ScoresRevealed, Person(r.By), Text: state.Scaling.Find(r.RoundId)?.Question, Note: r.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                RoundRerun r => new(version, r.At, HistoryKind.ScalingRoundRunAgain, Person(r.By), Text: state.Scaling.Find(r.RoundId)?.Question, Note: r.Attempt.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                RoundClosed r => new(version, r.At, HistoryKind.ScalingRoundClosed, Person(r.By), Text: state.Scaling.Find(r.RoundId)?.Question),
                DangerStatementAdded a => new(version, a.At, HistoryKind.StatementAdded, Person(a.By), Text: a.Sentence, Note: state.Practice.Words.DangerStatement),
                DangerStatementEdited ed => new(version, ed.At, HistoryKind.StatementChanged, Person(ed.By), Text: ed.Sentence,
                    OldText: before.Practice.FindStatement(ed.StatementId)?.Sentence, Note: state.Practice.Words.DangerStatement),
                DangerStatementRemoved r => new(version, r.At, HistoryKind.StatementRemoved, Person(r.By),
                    Text: before.Practice.FindStatement(r.StatementId)?.Sentence, Note: state.Practice.Words.DangerStatement),
                SafetyGoalAdded a => new(version, a.At, HistoryKind.GoalAdded, Person(a.By), Text: a.Sentence, Note: state.Practice.Words.SafetyGoal),
                SafetyGoalEdited ed => new(version, ed.At, HistoryKind.GoalChanged, Person(ed.By), Text: ed.Sentence,
                    OldText: before.Practice.FindGoal(ed.GoalId)?.Sentence, Note: state.Practice.Words.SafetyGoal),
                SafetyGoalRemoved r => new(version, r.At, HistoryKind.GoalRemoved, Person(r.By),
                    Text: before.Practice.FindGoal(r.GoalId)?.Sentence, Note: state.Practice.Words.SafetyGoal),
                DisagreementRecorded d => new(version, d.At, HistoryKind.DisagreementRecorded, Person(d.By), Text: d.View,
                    Note: state.Practice.Words.DangerStatement.ToLowerInvariant()),
                HarmRecorded h => new(version, h.At, HistoryKind.HarmRecorded, Person(h.By), Text: h.Behaviour),
                HarmRemoved h => new(version, h.At, HistoryKind.HarmRemoved, Person(h.By), Text: before.Practice.Harm.Find(x => x.Id == h.HarmId)?.Behaviour),
                NextStepAdded n => new(version, n.At, HistoryKind.NextStepAdded, Person(n.By), Text: n.Action, Note: n.PersonName),
                NextStepStatusChanged n => new(version, n.At, HistoryKind.NextStepStatusChanged, Person(n.By),
                    Text: state.Practice.FindStep(n.StepId)?.Action, Note: NextStepStatuses.Name(n.Status)),
                NextStepSignOffChanged n => new(version, n.At, HistoryKind.NextStepSignOffChanged, Person(n.By),
                    Text: state.Practice.FindStep(n.StepId)?.Action, Note: n.NeedsSignOff ? RecordSentences.NeedsSignOff : RecordSentences.NoSignOff),
                NextStepRemoved n => new(version, n.At, HistoryKind.NextStepRemoved, Person(n.By), Text: before.Practice.FindStep(n.StepId)?.Action),
                StageStarted st => new(version, st.At, HistoryKind.StageStarted, Person(st.By), Note: state.Stages().Find(x => x.Id == st.StageId)?.Title ?? st.StageId),
                QuestionAsked q => new(version, q.At, HistoryKind.QuestionAsked, Person(q.By), Text: q.Text),
                CoFacilitatorAdded co => new(version, co.At, HistoryKind.CoFacilitatorAdded, Person(co.By), Note: co.Name),
                SupervisionRoleGiven g => new(version, g.At, HistoryKind.RoleGiven, Person(g.By), Participant(g.ParticipantId), Note: SupervisionRoles.Name(g.Role)),
                DecisionRecorded d => new(version, d.At, HistoryKind.DecisionRecorded, Person(d.By), Text: d.Text),
                ViewOnDecisionRecorded v => new(version, v.At, HistoryKind.ViewOnDecisionRecorded, Person(v.By), Person(v.Person),
                    Text: v.Reason, Note: v.Agrees ? "agreed" : "disagreed"),
                CarriedFromLastMeeting c => new(version, c.At, HistoryKind.StartedFromLastMeeting, Person(c.By), Note: RecordTimes.Day(c.FromDay)),
                CarriedStepReviewed r => new(version, r.At, HistoryKind.CarriedStepReviewed, Person(r.By),
                    Text: state.Continuity.FindStepToReview(r.StepId)?.Step.Action, Note: MeetingBoard.Cases.StepOutcomes.Name(r.Outcome)),
                PreparedQuestionShown { QuestionId: { } shown } q => new(version, q.At, HistoryKind.PreparedQuestionShown, Person(q.By),
                    Text: state.Continuity.FindPrepared(shown)?.Text),
                TrajectoryShown { SeriesKey: { } key } t => new(version, t.At, HistoryKind.TrajectoryShown, Person(t.By),
                    Text: MeetingBoard.Cases.Trajectories.Of(state, _ => default).FirstOrDefault(x => x.Key == key)?.Title),
                // Events of features the record does not know yet leave no trace here.
                _ => InMeetingSections.History(before, state, version, e, a => Describe(state, a)) ?? (audit ? AuditOnly(state, version, e) : null),
            };
            if (entry is not null)
            {
                if (e is ScoreGiven g) scores.Add((history.Count, g.RoundId, g.Attempt, g.Score));
                if (e is ScoreRecordedFor f) scores.Add((history.Count, f.RoundId, f.Attempt, f.Score));
                history.Add(entry);
            }
            if (e is ItemMoved moved) movedAt[moved.ItemId] = moved.At;
            if (e is StageStarted started)
            {
                if (!stageStarts.TryGetValue(started.StageId, out var times)) stageStarts[started.StageId] = times = [];
                times.Add(started.At);
            }
        }

        foreach (var (index, roundId, attempt, score) in scores)
        {
            var revealed = state.Scaling.Find(roundId)?.Attempts.Find(a => a.Number == attempt)?.IsRevealed == true;
            history[index] = history[index] with { Note = revealed ? score?.ToString(System.Globalization.CultureInfo.InvariantCulture) : null };
        }
        return (state, history, movedAt, stageStarts);
    }

    /// <summary>The steps that are in the audit trail but not in the record's timeline.</summary>
    static HistoryEntry? AuditOnly(MeetingState state, long version, IMeetingEvent e)
    {
        RecordPerson Person(Actor actor) => Describe(state, actor);
        string? Question(string roundId) => state.Scaling.Find(roundId)?.Question;
        return e switch
        {
            MeetingLocked l => new(version, l.At, HistoryKind.MeetingLocked, Person(l.By)),
            MeetingUnlocked u => new(version, u.At, HistoryKind.MeetingUnlocked, Person(u.By)),
            BoardLocked l => new(version, l.At, HistoryKind.BoardLocked, Person(l.By)),
            BoardUnlocked u => new(version, u.At, HistoryKind.BoardUnlocked, Person(u.By)),
            ScalingGroupSet g => new(version, g.At, HistoryKind.GroupMarked, Person(g.By), Person(Actor.Participant(g.ParticipantId)),
                Note: ScalingGroups.Name(g.Group)),
            ScoreGiven g => new(version, g.At, HistoryKind.ScoreGiven, Person(g.By), Person(g.By), Text: Question(g.RoundId)),
            RoundPassed p => new(version, p.At, HistoryKind.ScorePassed, Person(p.By), Person(p.By), Text: Question(p.RoundId)),
            ScoreRecordedFor f => new(version, f.At, HistoryKind.ScoreEnteredFor, Person(f.By),
                new RecordPerson(ActorKind.Participant, f.PersonId, f.Name, f.Role), Text: Question(f.RoundId)),
            _ => null,
        };
    }

    static List<Attendee> Attendees(MeetingState state, List<HistoryEntry> history)
    {
        DateTimeOffset? First(HistoryKind kind, string participantId) =>
            history.FirstOrDefault(h => h.Kind == kind && h.Subject?.Id == participantId && h.Subject.Kind == ActorKind.Participant)?.At;
        DateTimeOffset? Last(HistoryKind kind, string participantId) =>
            history.LastOrDefault(h => h.Kind == kind && h.Subject?.Id == participantId && h.Subject.Kind == ActorKind.Participant)?.At;

        var list = new List<Attendee>
        {
            new(state.FacilitatorId, state.FacilitatorName, "Facilitator", AttendeeStanding.Facilitator, state.CreatedAt, state.CreatedAt, null, null),
        };
        foreach (var p in state.Participants)
        {
            var standing = p.Status switch
            {
                ParticipantStatus.Admitted => AttendeeStanding.TookPart,
                ParticipantStatus.Declined => AttendeeStanding.Declined,
                ParticipantStatus.Removed => AttendeeStanding.Removed,
                _ => AttendeeStanding.Waiting,
            };
            list.Add(new Attendee(p.Id, p.Name, p.Role, standing, p.AskedAt,
                First(HistoryKind.Admitted, p.Id),
                standing == AttendeeStanding.Declined ? p.ChangedAt : null,
                standing == AttendeeStanding.Removed ? Last(HistoryKind.Removed, p.Id) : null));
        }
        return list;
    }

    static MapSection Map(MeetingState state, Dictionary<string, DateTimeOffset> movedAt) => new(
        Board.Map.Columns.Select(column => new MapColumn(column.Column, column.Title,
            column.Categories.Select(category => new MapCategory(category.Category, category.Title,
                state.ItemsIn(category.Category).Select(i => new MapItem(
                    i.Id, i.Text, Describe(state, i.Author), i.AddedAt, i.EditedAt,
                    movedAt.TryGetValue(i.Id, out var at) ? at : null,
                    state.Facilitation.AnonymousItemIds.Contains(i.Id),
                    // An anonymous item says nothing of who added it, not even that they are family.
                    state.FamilysWordsItemIds.Contains(i.Id) || (!state.Facilitation.AnonymousItemIds.Contains(i.Id) && FamilysWords.Of(state, i)))).ToList())).ToList())).ToList());

    static PracticeSection? Practice(MeetingState state)
    {
        var p = state.Practice;
        if (p.Statements.IsEmpty && p.Harm.IsEmpty && p.Steps.IsEmpty) return null;
        return new PracticeSection(p.Wording, p.Words.Frame,
            p.Statements.Select(s => new RecordStatement(s.Id, p.NumberOf(s.Id), s.Sentence, Describe(state, s.Author), s.AddedAt, s.EditedAt,
                p.GoalsFor(s.Id).Select(g => new RecordGoal(g.Id, g.Sentence, Describe(state, g.Author), g.AddedAt, g.EditedAt)).ToList(),
                s.Disagreements.Select(d => new RecordDisagreement(d.View, Describe(state, d.By), d.At)).ToList())).ToList(),
            p.Harm.Select(h => new RecordHarm(h.Id, h.Behaviour, h.HowLong, h.HowOften, h.First, h.Worst, h.Last, h.Impact,
                Describe(state, h.Author), h.AddedAt)).ToList(),
            p.Steps.Select(n => new RecordStep(n.Id, n.PersonName, n.Action, n.Due, n.Status, NextStepStatuses.Name(n.Status),
                Describe(state, n.Author), n.AddedAt, n.ChangedAt, n.NeedsSignOff)).ToList());
    }

    static ScalingSection? Scaling(MeetingState state)
    {
        if (state.Scaling.Rounds.IsEmpty) return null;
        return new ScalingSection(state.Scaling.Rounds.Select(r =>
        {
            var statement = r.DangerStatementId is { } id ? state.Practice.FindStatement(id) : null;
            var item = r.DangerStatementId is { } itemId ? state.FindItem(itemId) : null;
            int? number = statement is not null ? state.Practice.NumberOf(statement.Id) : null;
            return new RecordRound(r.Id, r.Question, r.TenMeans, r.ZeroMeans, r.DangerStatementId, number,
                number is { } n ? $"{state.Practice.Words.DangerStatement} {n}" : null,
                statement?.Sentence ?? item?.Text, r.StartedAt, r.ClosedAt, r.Attempts.Select(a => Run(state, a)).ToList());
        }).ToList());
    }

    static RecordRun Run(MeetingState state, ScalingAttempt attempt)
    {
        // Hidden scores stay hidden: the record of a run not revealed says only that.
        if (!attempt.IsRevealed) return new RecordRun(attempt.Number, attempt.StartedAt, false, null, [], null, null, null, null);
        var summary = ScalingSummary.Of(attempt);
        return new RecordRun(attempt.Number, attempt.StartedAt, true, attempt.RevealedAt,
            attempt.Scores.Select(s =>
            {
                var (name, role) = s.Person is { } person ? state.Describe(person) : (s.Name ?? "Someone", s.Role ?? "");
                var group = s.Group ?? (s.Person is { } p ? state.Scaling.GroupOf(p) : ScalingGroup.Professional);
                return new RecordScore(name, role, group, ScalingGroups.Name(group), s.Score, s.Passed, s.Reason, s.OneHigher,
                    s.EnteredForSomeoneElse, Describe(state, s.EnteredBy), s.At);
            }).ToList(),
            summary.Median, summary.Lowest, summary.Highest, summary.Passed);
    }

    static FacilitationSection? Facilitation(MeetingState state, Dictionary<string, List<DateTimeOffset>> stageStarts)
    {
        var f = state.Facilitation;
        if (stageStarts.Count == 0 && f.Questions.IsEmpty && f.CoFacilitators.IsEmpty && f.Roles.IsEmpty) return null;
        var stages = state.Stages();
        return new FacilitationSection(
            stages.Select(s => new RecordStage(s.Id, s.Title, s.Skipped,
                stageStarts.TryGetValue(s.Id, out var at) ? at : [])).ToList(),
            f.Questions.Select(q => new RecordQuestion(q.Id, stages.Find(s => s.Id == q.StageId)?.Title ?? "", q.Text,
                Describe(state, q.Author), q.AskedAt)).ToList(),
            f.CoFacilitators.Select(c => new RecordCoFacilitator(c.Name, c.AddedAt)).ToList(),
            f.Roles.OrderBy(r => state.Participants.FindIndex(p => p.Id == r.Key))
                .Select(r => new RecordRole(Describe(state, Actor.Participant(r.Key)), r.Value, SupervisionRoles.Name(r.Value))).ToList());
    }

    static RecordPerson Describe(MeetingState state, Actor actor)
    {
        var (name, role) = state.Describe(actor);
        return new RecordPerson(actor.Kind, actor.Id, name, role);
    }
}
