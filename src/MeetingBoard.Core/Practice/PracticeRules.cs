using MeetingBoard.Board;
using System.Collections.Immutable;
using System.Globalization;
using MeetingBoard.Meetings;

namespace MeetingBoard.Practice;

/// <summary>
/// The decisions about danger statements, safety goals, the harm matrix, next steps and the
/// wording. Who may do what: anyone let in may propose (add); the facilitator changes and removes;
/// only participants record a disagreement (it is the family's view, not the chair's); a next
/// step's status is changed by the facilitator or the person whose step it is.
/// </summary>
public static class PracticeRules
{
    public const int PartMaxLength = 500;
    public const int ViewMaxLength = 1000;

    public static PracticeState Apply(PracticeState p, IPracticeEvent e) => e switch
    {
        WordingChosen w => p with { Wording = w.Wording },
        DangerStatementAdded a => p with
        {
            Statements = p.Statements.Add(new DangerStatement(a.StatementId, a.Sentence, a.Parts, a.By, a.At, null, [])),
            UsedIds = p.UsedIds.Add(a.StatementId),
        },
        DangerStatementEdited ed => p with { Statements = p.Statements.ConvertAll(s => s.Id == ed.StatementId ? s with { Sentence = ed.Sentence, EditedAt = ed.At } : s) },
        DangerStatementRemoved r => p with
        {
            Statements = p.Statements.RemoveAll(s => s.Id == r.StatementId),
            Goals = p.Goals.RemoveAll(g => g.StatementId == r.StatementId),
        },
        SafetyGoalAdded a => p with
        {
            Goals = p.Goals.Add(new SafetyGoal(a.GoalId, a.StatementId, a.Sentence, a.Parts, a.By, a.At, null)),
            UsedIds = p.UsedIds.Add(a.GoalId),
        },
        SafetyGoalEdited ed => p with { Goals = p.Goals.ConvertAll(g => g.Id == ed.GoalId ? g with { Sentence = ed.Sentence, EditedAt = ed.At } : g) },
        SafetyGoalRemoved r => p with { Goals = p.Goals.RemoveAll(g => g.Id == r.GoalId) },
        // One view per person per statement: saying it again replaces what they said before.
        DisagreementRecorded d => p with
        {
            Statements = p.Statements.ConvertAll(s => s.Id == d.StatementId
                ? s with { Disagreements = s.Disagreements.RemoveAll(x => x.By == d.By).Add(new Disagreement(d.View, d.By, d.At)) }
                : s),
        },
        HarmRecorded h => p with
        {
            Harm = p.Harm.Add(new HarmEntry(h.HarmId, h.Behaviour, h.HowLong, h.HowOften, h.First, h.Worst, h.Last, h.Impact, h.By, h.At)),
            UsedIds = p.UsedIds.Add(h.HarmId),
        },
        HarmRemoved r => p with { Harm = p.Harm.RemoveAll(h => h.Id == r.HarmId) },
        NextStepAdded n => p with
        {
            Steps = p.Steps.Add(new NextStep(n.StepId, n.ParticipantId, n.PersonName, n.Action, n.Due, NextStepStatus.NotStarted, n.By, n.At, null, n.NeedsSignOff)),
            UsedIds = p.UsedIds.Add(n.StepId),
        },
        NextStepStatusChanged c => p with { Steps = p.Steps.ConvertAll(s => s.Id == c.StepId ? s with { Status = c.Status, ChangedAt = c.At } : s) },
        NextStepSignOffChanged c => p with { Steps = p.Steps.ConvertAll(s => s.Id == c.StepId ? s with { NeedsSignOff = c.NeedsSignOff } : s) },
        NextStepRemoved r => p with { Steps = p.Steps.RemoveAll(s => s.Id == r.StepId) },
        _ => p,
    };

    public static Decision Decide(MeetingState state, PracticeCommand command)
    {
        if (!state.Exists) return Refuse("", "This meeting could not be found", RefusalKind.NotFound);
        if (state.IsClosed) return Refuse("", "This meeting has closed. Nothing more can be added or changed", RefusalKind.Conflict);
        if (!Meeting.CanContribute(state, command.By)) return Forbidden();
        // Structured records obey the stage and the board lock like notes do (Core/Facilitation).
        Category? addingTo = command switch
        {
            AddDangerStatement => Category.DangerStatements,
            AddSafetyGoal => Category.SafetyGoals,
            RecordHarm => Category.Harm,
            AddNextStep => Category.NextSteps,
            _ => null,
        };
        if (addingTo is { } category && MeetingBoard.Facilitation.Facilitating.AddingRefused(state, command.By, category) is { } notNow)
            return new Decision(null, notNow);
        var p = state.Practice;
        var words = p.Words;
        return command switch
        {
            ChooseWording c => ChooseWording(state, c),
            AddDangerStatement c => AddStatement(p, c, words),
            EditDangerStatement c => FacilitatorOnly(state, c.By) ?? (p.FindStatement(c.StatementId) is { } s
                ? Sentence(c.Sentence, "sentence", words.DangerStatement) is var (text, err) && err is not null ? err
                  : text == s.Sentence ? Events() : Events(new DangerStatementEdited(s.Id, text!, c.By, c.At))
                : Gone(words.DangerStatement)),
            RemoveDangerStatement c => FacilitatorOnly(state, c.By) ?? (p.FindStatement(c.StatementId) is { } s
                ? Events(new DangerStatementRemoved(s.Id, c.By, c.At)) : Events()),
            AddSafetyGoal c => AddGoal(p, c, words),
            EditSafetyGoal c => FacilitatorOnly(state, c.By) ?? (p.FindGoal(c.GoalId) is { } g
                ? Sentence(c.Sentence, "sentence", words.SafetyGoal) is var (text, err) && err is not null ? err
                  : text == g.Sentence ? Events() : Events(new SafetyGoalEdited(g.Id, text!, c.By, c.At))
                : Gone(words.SafetyGoal)),
            RemoveSafetyGoal c => FacilitatorOnly(state, c.By) ?? (p.FindGoal(c.GoalId) is { } g
                ? Events(new SafetyGoalRemoved(g.Id, c.By, c.At)) : Events()),
            RecordDisagreement c => Disagree(state, c),
            RecordHarm c => AddHarm(p, c),
            RemoveHarm c => FacilitatorOnly(state, c.By) ?? (p.Harm.Any(h => h.Id == c.HarmId)
                ? Events(new HarmRemoved(c.HarmId, c.By, c.At)) : Events()),
            AddNextStep c => AddStep(state, c),
            ChangeNextStepStatus c => ChangeStatus(state, c),
            ChangeNextStepSignOff c => ChangeSignOff(state, c),
            RemoveNextStep c => FacilitatorOnly(state, c.By) ?? (p.FindStep(c.StepId) is { } step
                ? Events(new NextStepRemoved(step.Id, c.By, c.At)) : Events()),
            _ => Refuse("", "That action is not known"),
        };
    }

    static Decision ChooseWording(MeetingState state, ChooseWording c)
    {
        if (FacilitatorOnly(state, c.By) is { } no) return no;
        if (Vocabulary.Parse(c.Wording) is not { } wording) return Refuse("wording", "Choose the words this meeting uses");
        return wording == state.Practice.Wording ? Events() : Events(new WordingChosen(wording, c.By, c.At));
    }

    static Decision AddStatement(PracticeState p, AddDangerStatement c, Vocabulary words)
    {
        var (who, e1) = Text.Clean(c.Who, "who is worried", PartMaxLength, multiline: false);
        if (e1 is not null) return Refuse("who", e1);
        var (behaviour, e2) = Text.Clean(c.Behaviour, "the behaviour people are worried about", PartMaxLength, multiline: true);
        if (e2 is not null) return Refuse("behaviour", e2);
        var (impact, e3) = Text.Clean(c.Impact, "the impact on the child", PartMaxLength, multiline: true);
        if (e3 is not null) return Refuse("impact", e3);
        var (ifNothing, e4) = Text.Clean(c.IfNothingChanges, "what may happen if nothing changes", PartMaxLength, multiline: true);
        if (e4 is not null) return Refuse("ifNothingChanges", e4);
        var (safety, e5) = Text.Clean(c.SafetyInPlace, $"the {words.Safety} already in place", PartMaxLength, multiline: true, required: false);
        if (e5 is not null) return Refuse("safetyInPlace", e5);
        var parts = new DangerParts(who!, behaviour!, impact!, ifNothing!, safety is "" ? null : safety);
        var (sentence, error) = SentenceOrComposed(c.Sentence, parts.Compose(), words.DangerStatement);
        if (error is not null) return error;
        if (p.UsedIds.Contains(c.StatementId)) return Refuse("", "This has already been added", RefusalKind.Conflict);
        return Events(new DangerStatementAdded(c.StatementId, sentence!, parts, c.By, c.At));
    }

    static Decision AddGoal(PracticeState p, AddSafetyGoal c, Vocabulary words)
    {
        if (string.IsNullOrWhiteSpace(c.StatementId) || p.FindStatement(c.StatementId) is null)
            return Refuse("statementId", $"Choose the {words.DangerStatement.ToLowerInvariant()} this goal answers");
        var (carers, e1) = Text.Clean(c.CarersWillDo, "what the parents or carers will do", PartMaxLength, multiline: true);
        if (e1 is not null) return Refuse("carersWillDo", e1);
        var (child, e2) = Text.Clean(c.ChildWillExperience, "what the child will experience", PartMaxLength, multiline: true);
        if (e2 is not null) return Refuse("childWillExperience", e2);
        var (professionals, e3) = Text.Clean(c.ProfessionalsWillSee, "what professionals will see", PartMaxLength, multiline: true);
        if (e3 is not null) return Refuse("professionalsWillSee", e3);
        var (howLong, e4) = Text.Clean(c.HowLong, "how long this needs to be seen for", PartMaxLength, multiline: false);
        if (e4 is not null) return Refuse("howLong", e4);
        var parts = new GoalParts(carers!, child!, professionals!, howLong!);
        var (sentence, error) = SentenceOrComposed(c.Sentence, parts.Compose(), words.SafetyGoal);
        if (error is not null) return error;
        if (p.UsedIds.Contains(c.GoalId)) return Refuse("", "This has already been added", RefusalKind.Conflict);
        return Events(new SafetyGoalAdded(c.GoalId, c.StatementId, sentence!, parts, c.By, c.At));
    }

    static Decision Disagree(MeetingState state, RecordDisagreement c)
    {
        var words = state.Practice.Words;
        if (c.By.Kind != ActorKind.Participant)
            return Forbidden("Only the family and others taking part record a disagreement. As facilitator, you can change the statement itself");
        if (state.Practice.FindStatement(c.StatementId) is null) return Gone(words.DangerStatement);
        var (view, error) = Text.Clean(c.View, "what you disagree with, in your own words", ViewMaxLength, multiline: true);
        if (error is not null) return Refuse("view", error);
        return Events(new DisagreementRecorded(c.StatementId, view!, c.By, c.At));
    }

    static Decision AddHarm(PracticeState p, RecordHarm c)
    {
        var (behaviour, e1) = Text.Clean(c.Behaviour, "what happened (the harmful behaviour)", PartMaxLength, multiline: true);
        if (e1 is not null) return Refuse("behaviour", e1);
        var optional = new (string Field, string? Raw, string What)[]
        {
            ("howLong", c.HowLong, "how long it has gone on"), ("howOften", c.HowOften, "how often it happens"),
            ("first", c.First, "the first time"), ("worst", c.Worst, "the worst time"), ("last", c.Last, "the last time"),
            ("impact", c.Impact, "the impact on the child"),
        };
        var values = new Dictionary<string, string>();
        foreach (var (field, raw, what) in optional)
        {
            var (value, error) = Text.Clean(raw, what, PartMaxLength, multiline: true, required: false);
            if (error is not null) return Refuse(field, error);
            values[field] = value!;
        }
        if (p.UsedIds.Contains(c.HarmId)) return Refuse("", "This has already been added", RefusalKind.Conflict);
        return Events(new HarmRecorded(c.HarmId, behaviour!, values["howLong"], values["howOften"], values["first"], values["worst"],
            values["last"], values["impact"], c.By, c.At));
    }

    public const string SomeoneElse = "someone-else";
    public const string TheFacilitator = "facilitator";

    static Decision AddStep(MeetingState state, AddNextStep c)
    {
        string? participantId = null;
        string name;
        switch (c.Who?.Trim())
        {
            case null or "":
                return Refuse("who", "Choose who will do this");
            case TheFacilitator:
                name = state.FacilitatorName;
                break;
            case SomeoneElse:
                var (other, nameError) = Text.Clean(c.OtherName, "the name of the person who will do this", Text.NameMaxLength, multiline: false);
                if (nameError is not null) return Refuse("otherName", nameError);
                name = other!;
                break;
            case var id:
                if (state.FindParticipant(id) is not { Status: ParticipantStatus.Admitted } person) return Refuse("who", "Choose who will do this");
                participantId = person.Id;
                name = person.Name;
                break;
        }
        var (action, actionError) = Text.Clean(c.Action, "what they will do", PartMaxLength, multiline: true);
        if (actionError is not null) return Refuse("what", actionError);
        if (DueDate(c.Day, c.Month, c.Year) is var (due, dateError) && dateError is not null) return Refuse("due", dateError);
        // Unticked checkboxes send nothing, so absent means no.
        if ((string.IsNullOrWhiteSpace(c.NeedsSignOff) ? false : YesOrNo(c.NeedsSignOff)) is not { } needsSignOff)
            return Refuse("needsSignOff", "Tick the box if a manager needs to sign this off, or leave it empty");
        if (state.Practice.UsedIds.Contains(c.StepId)) return Refuse("", "This has already been added", RefusalKind.Conflict);
        return Events(new NextStepAdded(c.StepId, participantId, name, action!, due, c.By, c.At, needsSignOff));
    }

    /// <summary>Reads a GOV.UK date input (day, month, year) as a real date, or says what is wrong in the words of the pattern.</summary>
    public static (DateOnly Date, string? Error) DueDate(string? day, string? month, string? year)
    {
        day = day?.Trim(); month = month?.Trim(); year = year?.Trim();
        var missing = new[] { ("day", day), ("month", month), ("year", year) }.Where(x => string.IsNullOrEmpty(x.Item2)).Select(x => x.Item1).ToList();
        if (missing.Count == 3) return (default, "Enter the date it will be done by");
        if (missing.Count > 0) return (default, $"The date it will be done by must include a {string.Join(" and ", missing)}");
        if (!int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || !int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y))
            return (default, "The date it will be done by must be a real date, in numbers");
        if (year!.Length != 4) return (default, "The year must include 4 numbers");
        if (y is < 2000 or > 2100 || m is < 1 or > 12 || d < 1 || d > DateTime.DaysInMonth(y, m))
            return (default, "The date it will be done by must be a real date");
        return (new DateOnly(y, m, d), null);
    }

    /// <summary>
    /// Advice, not a refusal, when a next step is due before the day of the meeting: usually a mistyped
    /// year, though a step may record something already done.
    /// </summary>
    public static string? DueDateWarning(DateOnly due, DateOnly meetingDay) =>
        due < meetingDay
            ? $"This date is before the meeting ({meetingDay.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}). Check it is right."
            : null;

    static Decision ChangeStatus(MeetingState state, ChangeNextStepStatus c)
    {
        if (state.Practice.FindStep(c.StepId) is not { } step) return Refuse("", "This next step has been removed", RefusalKind.NotFound);
        var mine = c.By.Kind == ActorKind.Participant && c.By.Id == step.ParticipantId;
        if (!state.IsFacilitator(c.By) && !mine) return Forbidden("Only the facilitator or the person doing this can change how it is going");
        if (NextStepStatuses.Parse(c.Status) is not { } status) return Refuse("status", "Choose how it is going");
        return status == step.Status ? Events() : Events(new NextStepStatusChanged(step.Id, status, c.By, c.At));
    }

    /// <summary>
    /// Who may say a step needs a manager's sign-off once it is on the plan: the facilitators, and in
    /// group supervision the presenter, whose next steps they are (DOMAIN.md). Anyone let in may tick
    /// it when adding a step, as they may propose the step itself.
    /// </summary>
    public static bool CanChangeSignOff(MeetingState state, Actor by) =>
        state.IsFacilitator(by)
        || (state.Type == MeetingType.GroupSupervision && by.Kind == ActorKind.Participant && state.IsAdmitted(by)
            && MeetingBoard.Facilitation.Facilitating.RoleOf(state, by.Id) == MeetingBoard.Facilitation.SupervisionRole.Presenter);

    static Decision ChangeSignOff(MeetingState state, ChangeNextStepSignOff c)
    {
        if (state.Practice.FindStep(c.StepId) is not { } step) return Refuse("", "This next step has been removed", RefusalKind.NotFound);
        if (!CanChangeSignOff(state, c.By))
            return Forbidden(state.Type == MeetingType.GroupSupervision
                ? "Only the facilitator or the presenter can change whether a next step needs a manager's sign-off"
                : "Only the facilitator can change whether a next step needs a manager's sign-off");
        if (YesOrNo(c.NeedsSignOff) is not { } needsSignOff) return Refuse("needsSignOff", "Say whether this next step needs a manager's sign-off");
        return needsSignOff == step.NeedsSignOff ? Events() : Events(new NextStepSignOffChanged(step.Id, needsSignOff, c.By, c.At));
    }

    static bool? YesOrNo(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };

    static (string? Text, Decision? Error) Sentence(string? raw, string field, string what)
    {
        var (text, error) = Text.Clean(raw, $"the {what.ToLowerInvariant()}", Text.ItemMaxLength, multiline: true);
        return error is null ? (text, null) : (null, Refuse(field, error));
    }

    static (string? Text, Decision? Error) SentenceOrComposed(string? raw, string composed, string what) =>
        string.IsNullOrWhiteSpace(raw) ? Sentence(composed, "sentence", what) : Sentence(raw, "sentence", what);

    static Decision? FacilitatorOnly(MeetingState state, Actor by) =>
        state.IsFacilitator(by) ? null : Forbidden("Only the facilitator can do that");

    static Decision Gone(string what) => Refuse("", $"This {what.ToLowerInvariant()} has been removed", RefusalKind.NotFound);
    static Decision Forbidden(string message = "You cannot do that in this meeting") => Refuse("", message, RefusalKind.Forbidden);
    static Decision Refuse(string field, string message, RefusalKind kind = RefusalKind.Invalid) => new(null, new Refusal(field, message, kind));
    static Decision Events(params IMeetingEvent[] events) => new(events, null);
}
