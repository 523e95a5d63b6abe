using System.Collections.Immutable;
using MeetingBoard.Board;
using MeetingBoard.Meetings;

namespace MeetingBoard.Facilitation;

/// <summary>The facilitator's decisions, and what they mean for everyone else's.</summary>
public static class Facilitating
{
    public const int StageTitleMaxLength = 100;
    public const int QuestionMaxLength = 500;
    public const int DecisionMaxLength = 1000;
    public const int ViewReasonMaxLength = 1000;

    // ------------------------------------------------------------------ reading the state

    /// <summary>The meeting's stages in order, skipped ones included.</summary>
    public static ImmutableList<Stage> Stages(this MeetingState state) => state.Facilitation.Plan ?? Templates.For(state.Type, state.Practice.Words);

    public static Stage? CurrentStage(this MeetingState state) =>
        state.Facilitation.CurrentStageId is { } id ? state.Stages().Find(s => s.Id == id) : null;

    public static Stage? FindStage(this MeetingState state, string? stageId) => state.Stages().Find(s => s.Id == stageId);

    /// <summary>The stage Next leads to: the first one after the current that is not skipped (the first of all before starting).</summary>
    public static Stage? NextStage(this MeetingState state) => Neighbour(state, +1);

    public static Stage? PreviousStage(this MeetingState state) => Neighbour(state, -1);

    static Stage? Neighbour(MeetingState state, int step)
    {
        var stages = state.Stages();
        var at = state.CurrentStage() is { } current ? stages.IndexOf(current) : step > 0 ? -1 : 0;
        for (var i = at + step; i >= 0 && i < stages.Count; i += step)
            if (!stages[i].Skipped) return stages[i];
        return null;
    }

    /// <summary>Open for participants now: everything before the stages start, then what the current stage opens.</summary>
    public static bool IsCategoryOpen(this MeetingState state, Category category) =>
        state.CurrentStage() is not { } stage || stage.IsOpen(category);

    public static bool QuestionsOpen(this MeetingState state) => state.CurrentStage() is { Questions: true };

    /// <summary>
    /// Why this person may not add to this category now, or null if they may. Facilitators write
    /// the map as well as run the meeting (group supervision maps what the presenter answers), so
    /// stages and the lock hold back everyone else, not them.
    /// </summary>
    public static Refusal? AddingRefused(MeetingState state, Actor by, Category category)
    {
        if (state.IsFacilitator(by)) return null;
        if (ChangingRefused(state, by) is { } locked) return locked;
        if (state.IsCategoryOpen(category)) return null;
        var stage = state.CurrentStage()!;
        return new Refusal("", $"{Map.Info(category).Title} is closed during this stage ({stage.Title}). " +
            "The facilitator opens it when the meeting gets there", RefusalKind.Conflict);
    }

    /// <summary>Why this person may not change or remove items now (the board is locked), or null.</summary>
    public static Refusal? ChangingRefused(MeetingState state, Actor by) =>
        state.Facilitation.Locked && !state.IsFacilitator(by)
            ? new Refusal("", "The facilitator has locked the board. Nothing can be added or changed until they unlock it", RefusalKind.Conflict)
            : null;

    // ------------------------------------------------------------------ folding

    public static MeetingState Apply(MeetingState state, IFacilitationEvent e)
    {
        var f = state.Facilitation;
        var next = e switch
        {
            StageStarted s => f with { CurrentStageId = s.StageId },
            StageRenamed r => f with { Plan = Change(state, r.StageId, s => s with { Title = r.Title }) },
            StageSkipped s => f with { Plan = Change(state, s.StageId, st => st with { Skipped = s.Skipped }) },
            StageCategoriesChanged c => f with { Plan = Change(state, c.StageId, s => s with { Open = [.. c.Open.Distinct().Order()] }) },
            StageMoved m => f with { Plan = Move(state.Stages(), m.StageId, m.Position) },
            BoardLocked => f with { Locked = true },
            BoardUnlocked => f with { Locked = false },
            QuestionAsked q => f with { Questions = f.Questions.Add(new Question(q.QuestionId, q.StageId, q.Text, q.By, q.At)) },
            CoFacilitatorAdded c => f with { CoFacilitators = f.CoFacilitators.Add(new CoFacilitator(c.AccountId, c.Name, c.At)) },
            ItemSpotlighted s => f with { SpotlightItemId = s.ItemId },
            SpotlightCleared => f with { SpotlightItemId = null },
            TimerStarted t => f with { Timer = new StageTimer(t.Seconds, t.EndsAt, null) },
            TimerPaused p when f.Timer is { } timer => f with { Timer = timer with { EndsAt = null, RemainingSeconds = p.RemainingSeconds } },
            TimerResumed r when f.Timer is { } timer => f with { Timer = timer with { EndsAt = r.EndsAt, RemainingSeconds = null } },
            TimerCleared => f with { Timer = null },
            AnonymousRoundStarted => f with { AnonymousRound = true },
            AnonymousRoundEnded => f with { AnonymousRound = false },
            TurnRoundStarted t => f with { Turns = new TurnRound([.. t.Order], 0, []) },
            TurnTaken t when f.Turns is { } turns => f with
            {
                Turns = turns with { Current = turns.Current + 1, Passed = t.Passed ? turns.Passed.Add(t.Speaker.Key) : turns.Passed },
            },
            TurnRoundEnded => f with { Turns = null },
            SupervisionRoleGiven r => f with { Roles = r.Role == SupervisionRole.Group ? f.Roles.Remove(r.ParticipantId) : f.Roles.SetItem(r.ParticipantId, r.Role) },
            ItemAddedAnonymously a => f with { AnonymousItemIds = f.AnonymousItemIds.Add(a.ItemId) },
            DecisionRecorded d => f with { Decision = new ConferenceDecision(d.Text, d.By, d.At, []) },
            ViewOnDecisionRecorded v when f.Decision is { } decision => f with { Decision = decision with { Views = WithView(decision.Views, v) } },
            _ => f,
        };
        return state with { Facilitation = next };
    }

    static ImmutableList<DecisionView> WithView(ImmutableList<DecisionView> views, ViewOnDecisionRecorded v)
    {
        var view = new DecisionView(v.Person, v.Agrees, v.Reason, v.OnBehalf, v.At);
        var at = views.FindIndex(x => x.Person == v.Person);
        return at < 0 ? views.Add(view) : views.SetItem(at, view);
    }

    static ImmutableList<Stage> Change(MeetingState state, string stageId, Func<Stage, Stage> change) =>
        state.Stages().ConvertAll(s => s.Id == stageId ? change(s) : s);

    static ImmutableList<Stage> Move(ImmutableList<Stage> stages, string stageId, int position)
    {
        var stage = stages.Find(s => s.Id == stageId);
        if (stage is null) return stages;
        var without = stages.Remove(stage);
        return without.Insert(Math.Clamp(position, 0, without.Count), stage);
    }

    // ------------------------------------------------------------------ deciding

    public static Decision Decide(MeetingState state, FacilitationCommand command)
    {
        if (!state.Exists) return Refuse("", "This meeting could not be found", RefusalKind.NotFound);
        if (state.IsClosed) return Refuse("", "This meeting has closed. Nothing more can be added or changed", RefusalKind.Conflict);
        if (command is AskQuestion ask) return Ask(state, ask);
        if (command is RecordViewOnDecision view) return RecordView(state, view);
        // Anyone may pass when it is their turn; only a facilitator moves anyone else's turn on.
        if (command is EndTurn { Pass: true } pass && !state.IsFacilitator(pass.By)) return Pass(state, pass);
        if (!state.IsFacilitator(command.By)) return Refuse("", "Only the facilitator can do that", RefusalKind.Forbidden);
        return command switch
        {
            GoToStage c => GoTo(state, c),
            RenameStage c => WithStage(state, c.StageId, s => Rename(s, c)),
            MoveStage c => WithStage(state, c.StageId, s => MoveOne(state, s, c)),
            SkipStage c => WithStage(state, c.StageId, s => Skip(state, s, c)),
            SetStageCategories c => WithStage(state, c.StageId, s => SetCategories(s, c)),
            SetCategoryOpen c => SetOne(state, c),
            LockBoard c => c.Locked == state.Facilitation.Locked ? Events()
                : Events(c.Locked ? new BoardLocked(c.By, c.At) : new BoardUnlocked(c.By, c.At)),
            AddCoFacilitator c => AddCoFacilitator(state, c),
            SpotlightItem c => Spotlight(state, c),
            StartTurnRound c => StartTurns(state, c),
            GiveSupervisionRole c => GiveRole(state, c),
            RecordDecision c => RecordDecision(state, c),
            EndTurn c => EndTurn(state, c),
            EndTurnRound c => state.Facilitation.Turns is null ? Events() : Events(new TurnRoundEnded(c.By, c.At)),
            StartTimer c => StartTimer(c),
            ChangeTimer c => ChangeTimer(state, c),
            SetAnonymousRound c => c.Anonymous == state.Facilitation.AnonymousRound ? Events()
                : Events(c.Anonymous ? new AnonymousRoundStarted(c.By, c.At) : new AnonymousRoundEnded(c.By, c.At)),
            _ => Refuse("", "That action is not known"),
        };
    }

    static Decision GoTo(MeetingState state, GoToStage c)
    {
        if (state.FindStage(c.StageId) is not { } stage) return Refuse("", "That stage is not part of this meeting", RefusalKind.NotFound);
        if (stage.Skipped) return Refuse("stageId", $"“{stage.Title}” is skipped in this meeting. Include it again to go to it");
        if (stage.Id == state.Facilitation.CurrentStageId) return Events();
        // The timer belongs to the stage it was started in: a finished "Time is up" must not follow the meeting on.
        return state.Facilitation.Timer is null
            ? Events(new StageStarted(stage.Id, c.By, c.At))
            : Events(new StageStarted(stage.Id, c.By, c.At), new TimerCleared(c.By, c.At));
    }

    static Decision Rename(Stage stage, RenameStage c)
    {
        var (title, error) = Text.Clean(c.Title, "a name for the stage", StageTitleMaxLength, multiline: false);
        if (error is not null) return Refuse("title", error);
        return title == stage.Title ? Events() : Events(new StageRenamed(stage.Id, title!, c.By, c.At));
    }

    static Decision MoveOne(MeetingState state, Stage stage, MoveStage c)
    {
        var stages = state.Stages();
        var at = stages.IndexOf(stage);
        var to = c.Direction switch { "up" => at - 1, "down" => at + 1, _ => int.MinValue };
        if (to == int.MinValue) return Refuse("direction", "Choose whether to move the stage earlier or later");
        // Already first or last: nothing to do, and no reason to bother the facilitator.
        if (to < 0 || to >= stages.Count) return Events();
        return Events(new StageMoved(stage.Id, to, c.By, c.At));
    }

    static Decision Skip(MeetingState state, Stage stage, SkipStage c)
    {
        if (stage.Skipped == c.Skip) return Events();
        if (c.Skip && stage.Id == state.Facilitation.CurrentStageId)
            return Refuse("", "This is the stage the meeting is at now. Move to another stage before skipping it", RefusalKind.Conflict);
        if (c.Skip && state.Stages().Count(s => !s.Skipped) == 1)
            return Refuse("", "A meeting needs at least one stage that is not skipped", RefusalKind.Conflict);
        return Events(new StageSkipped(stage.Id, c.Skip, c.By, c.At));
    }

    static Decision SetCategories(Stage stage, SetStageCategories c)
    {
        var open = new List<Category>();
        foreach (var value in c.Categories)
        {
            if (Map.Parse(value) is not { } category) return Refuse("categories", "Choose only parts of the map");
            open.Add(category);
        }
        ImmutableArray<Category> wanted = [.. open.Distinct().Order()];
        return wanted.SequenceEqual(stage.Open) ? Events() : Events(new StageCategoriesChanged(stage.Id, [.. wanted], c.By, c.At));
    }

    /// <summary>Opens or closes one category, or a whole column when the value names a column ("worried").</summary>
    static Decision SetOne(MeetingState state, SetCategoryOpen c)
    {
        var column = Map.Columns.FirstOrDefault(col => string.Equals(col.Slug, c.Category?.Trim(), StringComparison.OrdinalIgnoreCase));
        IReadOnlyList<Category> categories = column is not null ? [.. column.Categories.Select(i => i.Category)]
            : Map.Parse(c.Category) is { } one ? [one] : [];
        if (categories.Count == 0) return Refuse("category", "Choose a part of the map");
        if (state.CurrentStage() is not { } stage)
            return Refuse("", "Everything is open until the first stage starts. Start a stage to open and close parts of the map", RefusalKind.Conflict);
        ImmutableArray<Category> open = c.Open ? [.. stage.Open.Union(categories).Order()] : [.. stage.Open.Except(categories)];
        return open.SequenceEqual(stage.Open) ? Events() : Events(new StageCategoriesChanged(stage.Id, [.. open], c.By, c.At));
    }

    static Decision Ask(MeetingState state, AskQuestion c)
    {
        if (!Meeting.CanContribute(state, c.By)) return Refuse("", "You cannot do that in this meeting", RefusalKind.Forbidden);
        if (ChangingRefused(state, c.By) is { } locked) return new Decision(null, locked);
        if (state.CurrentStage() is not { Questions: true } stage)
            return Refuse("", "Questions for the presenter are asked during the information and mapping stage. It is not running now", RefusalKind.Conflict);
        var (text, error) = Text.Clean(c.Text, "your question", QuestionMaxLength, multiline: true);
        if (error is not null) return Refuse("text", error);
        // Group supervision's questioning stance: "when you want to make a statement, STOP, and ask another question".
        if (state.Type == MeetingType.GroupSupervision && !text!.EndsWith('?') && !text.EndsWith('？'))
            return Refuse("text", "In group supervision the group asks questions: end it with a question mark, or turn it into a question.");
        if (state.Facilitation.Questions.Exists(q => q.Id == c.QuestionId)) return Events();
        return Events(new QuestionAsked(c.QuestionId, stage.Id, text!, c.By, c.At));
    }

    static Decision RecordDecision(MeetingState state, RecordDecision c)
    {
        var (text, error) = Text.Clean(c.Text, "the decision", DecisionMaxLength, multiline: true);
        if (error is not null) return Refuse("text", error);
        return state.Facilitation.Decision?.Text == text ? Events() : Events(new DecisionRecorded(text!, c.By, c.At));
    }

    static Decision RecordView(MeetingState state, RecordViewOnDecision c)
    {
        if (!Meeting.CanContribute(state, c.By)) return Refuse("", "You cannot do that in this meeting", RefusalKind.Forbidden);
        Actor person = c.By;
        var onBehalf = !string.IsNullOrEmpty(c.OnBehalfOf);
        if (onBehalf)
        {
            if (!state.IsFacilitator(c.By)) return Refuse("", "Only the facilitator can record a view for someone else", RefusalKind.Forbidden);
            if (state.FindParticipant(c.OnBehalfOf!) is not { Status: ParticipantStatus.Admitted } participant)
                return Refuse("", "That person is not in this meeting", RefusalKind.NotFound);
            person = Actor.Participant(participant.Id);
        }
        if (state.Facilitation.Decision is null)
            return Refuse("", "No decision has been recorded yet. The facilitator records it first", RefusalKind.Conflict);
        bool? agrees = c.View?.Trim().ToLowerInvariant() switch { "agree" => true, "disagree" => false, _ => null };
        if (agrees is null) return Refuse("view", "Choose whether you agree or disagree with the decision");
        var (reason, error) = Text.Clean(c.Reason, "your reason", ViewReasonMaxLength, multiline: true, required: false);
        if (error is not null) return Refuse("reason", error);
        reason = string.IsNullOrEmpty(reason) ? null : reason;
        var current = state.Facilitation.Decision.Views.Find(v => v.Person == person);
        if (current is not null && current.Agrees == agrees && current.Reason == reason && current.OnBehalf == onBehalf) return Events();
        return Events(new ViewOnDecisionRecorded(person, agrees.Value, reason, onBehalf, c.By, c.At));
    }

    static Decision AddCoFacilitator(MeetingState state, AddCoFacilitator c)
    {
        if (c.AccountId is null || string.IsNullOrWhiteSpace(c.Name))
            return Refuse("email", "There is no facilitator account with that email address. They need an account first");
        if (c.AccountId == state.FacilitatorId || state.Facilitation.CoFacilitators.Exists(f => f.AccountId == c.AccountId))
            return Refuse("email", $"{c.Name} already runs this meeting");
        return Events(new CoFacilitatorAdded(c.AccountId, c.Name, c.By, c.At));
    }

    static Decision Spotlight(MeetingState state, SpotlightItem c)
    {
        if (c.ItemId is null) return state.Facilitation.SpotlightItemId is null ? Events() : Events(new SpotlightCleared(c.By, c.At));
        if (state.FindItem(c.ItemId) is null) return Refuse("", "This item has been removed from the board", RefusalKind.NotFound);
        return state.Facilitation.SpotlightItemId == c.ItemId ? Events() : Events(new ItemSpotlighted(c.ItemId, c.By, c.At));
    }

    public const int TimerMaxMinutes = 240;

    static Decision StartTimer(StartTimer c)
    {
        var minutesText = c.Minutes?.Trim() ?? "";
        var secondsText = c.Seconds?.Trim() ?? "";
        if (minutesText == "" && secondsText == "") return Refuse("minutes", "Enter how long the timer runs, in minutes");
        if (!int.TryParse(minutesText == "" ? "0" : minutesText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var minutes)
            || minutes > TimerMaxMinutes)
            return Refuse("minutes", $"Minutes must be a whole number from 0 to {TimerMaxMinutes}");
        if (!int.TryParse(secondsText == "" ? "0" : secondsText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || seconds > 59)
            return Refuse("seconds", "Seconds must be a whole number from 0 to 59");
        var total = minutes * 60 + seconds;
        if (total == 0) return Refuse("minutes", "The timer must run for at least one second");
        return Events(new TimerStarted(total, c.At.AddSeconds(total), c.By, c.At));
    }

    static Decision ChangeTimer(MeetingState state, ChangeTimer c)
    {
        if (state.Facilitation.Timer is not { } timer)
            return c.Action == TimerAction.Clear ? Events() : Refuse("", "There is no timer running. Start one first", RefusalKind.Conflict);
        return c.Action switch
        {
            TimerAction.Pause when !timer.IsPaused =>
                Events(new TimerPaused((int)Math.Ceiling(timer.Remaining(c.At).TotalSeconds), c.By, c.At)),
            TimerAction.Resume when timer.IsPaused => Events(new TimerResumed(c.At.AddSeconds(timer.RemainingSeconds ?? 0), c.By, c.At)),
            TimerAction.Clear => Events(new TimerCleared(c.By, c.At)),
            _ => Events(),
        };
    }

    public static SupervisionRole RoleOf(this MeetingState state, string participantId) =>
        state.Facilitation.Roles.TryGetValue(participantId, out var role) ? role : SupervisionRole.Group;

    static Decision GiveRole(MeetingState state, GiveSupervisionRole c)
    {
        if (state.Type != MeetingType.GroupSupervision) return Refuse("", "Roles are for group supervision meetings", RefusalKind.Conflict);
        if (state.FindParticipant(c.ParticipantId) is not { Status: ParticipantStatus.Admitted } person)
            return Refuse("", "That person is not in this meeting", RefusalKind.NotFound);
        if (SupervisionRoles.Parse(c.Role) is not { } role) return Refuse("role", "Choose presenter, advisor or group");
        if (state.RoleOf(person.Id) == role) return Events();
        // One presenter at a time: whoever presented before goes back to the group.
        var previous = role == SupervisionRole.Presenter
            ? state.Facilitation.Roles.Where(r => r.Value == SupervisionRole.Presenter).Select(r => new SupervisionRoleGiven(r.Key, SupervisionRole.Group, c.By, c.At))
            : [];
        return Events([.. previous, new SupervisionRoleGiven(person.Id, role, c.By, c.At)]);
    }

    static Decision StartTurns(MeetingState state, StartTurnRound c)
    {
        if (state.Facilitation.Turns is not null) return Refuse("", "The room is already being gone round. End that round first", RefusalKind.Conflict);
        var order = state.Admitted.Select(p => Actor.Participant(p.Id)).ToList();
        if (order.Count == 0) return Refuse("", "Nobody has been let in yet, so there is nobody to go round", RefusalKind.Conflict);
        return Events(new TurnRoundStarted(order, c.By, c.At));
    }

    static Decision EndTurn(MeetingState state, EndTurn c)
    {
        // Already moved on (a double press, or the speaker passed as the facilitator pressed Next): nothing to do.
        if (state.Facilitation.Turns?.Speaker is not { } speaker || speaker.Key != c.SpeakerKey) return Events();
        return Events(new TurnTaken(speaker, c.Pass, c.By, c.At));
    }

    static Decision Pass(MeetingState state, EndTurn c)
    {
        if (!Meeting.CanContribute(state, c.By)) return Refuse("", "You cannot do that in this meeting", RefusalKind.Forbidden);
        if (state.Facilitation.Turns?.Speaker is not { } speaker || speaker.Key != c.SpeakerKey) return Events();
        if (speaker != c.By) return Refuse("", "You can pass only when it is your turn", RefusalKind.Forbidden);
        return Events(new TurnTaken(speaker, true, c.By, c.At));
    }

    /// <summary>What else an added item brings: during an anonymous round, the mark that hides its author.</summary>
    public static IEnumerable<IMeetingEvent> AlsoWhenAdding(MeetingState state, string itemId, DateTimeOffset at) =>
        state.Facilitation.AnonymousRound ? [new ItemAddedAnonymously(itemId, at)] : [];

    /// <summary>Whether this viewer may see who added the item: facilitators always, everyone else unless it came in an anonymous round.</summary>
    public static bool ShowsAuthor(MeetingState state, string itemId, bool viewerIsFacilitator) =>
        viewerIsFacilitator || !state.Facilitation.AnonymousItemIds.Contains(itemId);

    static Decision WithStage(MeetingState state, string stageId, Func<Stage, Decision> change) =>
        state.FindStage(stageId) is { } stage ? change(stage) : Refuse("", "That stage is not part of this meeting", RefusalKind.NotFound);

    static Decision Refuse(string field, string message, RefusalKind kind = RefusalKind.Invalid) => new(null, new Refusal(field, message, kind));
    static Decision Events(params IMeetingEvent[] events) => new(events, null);
}
