using MeetingBoard.Board;
using MeetingBoard.Cases;
using MeetingBoard.Practice;
using MeetingBoard.Scaling;
using MeetingBoard.Facilitation;

namespace MeetingBoard.Meetings;

/// <summary>The decisions of a meeting: pure functions from state and command to events or a refusal.</summary>
public static class Meeting
{
    public static MeetingState Apply(MeetingState state, IMeetingEvent e)
    {
        var next = e switch
        {
            MeetingCreated c => state with
            {
                Id = c.MeetingId,
                Type = c.Type,
                Title = c.Title,
                CaseReference = c.CaseReference,
                FacilitatorId = c.FacilitatorId,
                FacilitatorName = c.FacilitatorName,
                JoinCode = c.JoinCode,
                ScreenKey = c.ScreenKey,
                CreatedAt = c.At,
                AdmitsAutomatically = c.AdmitsAutomatically,
                CaseId = c.CaseId,
            },
            ParticipantAskedToJoin a => state with
            {
                Participants = state.Participants.Add(
                    new Participant(a.ParticipantId, a.Name, a.Role, a.SecretHash, ParticipantStatus.Waiting, a.At, a.At)),
            },
            ParticipantAdmitted a => WithStatus(state, a.ParticipantId, ParticipantStatus.Admitted, a.At),
            ParticipantDeclined d => WithStatus(state, d.ParticipantId, ParticipantStatus.Declined, d.At),
            ParticipantRemoved r => WithStatus(state, r.ParticipantId, ParticipantStatus.Removed, r.At),
            ItemAdded a => state with { Items = state.Items.Add(new BoardItem(a.ItemId, a.Category, a.Text, a.By, a.At, null)) },
            ItemEdited ed => WithItem(state, ed.ItemId, i => i with { Text = ed.Text, EditedAt = ed.At }),
            ItemMoved m => WithItem(state, m.ItemId, i => i with { Category = m.To }),
            ItemRemoved r => state with
            {
                Items = state.Items.RemoveAll(i => i.Id == r.ItemId),
                RemovedItemIds = state.RemovedItemIds.Add(r.ItemId),
            },
            MeetingClosed c => state with { ClosedAt = c.At, ClosedIdleHours = c.IdleHours },
            IPracticeEvent p => state with { Practice = PracticeRules.Apply(state.Practice, p) },
            MeetingLocked => state with { IsLocked = true },
            MeetingUnlocked => state with { IsLocked = false },
            IScalingEvent s => ScalingRounds.Apply(state, s),
            IFacilitationEvent f => Facilitating.Apply(state, f),
            ISupervisionEvent s => Reflections.Apply(state, s),
            ISafetyPlanEvent p => SafetyPlans.Apply(state, p),
            IThreeHousesEvent h => ThreeHouses.Apply(state, h),
            ItemMarkedFamilysWords f => FamilysWords.Apply(state, f),
            ICaseEvent c => Continuity.Apply(state, c),
            _ => state,
        };
        return next with { Version = state.Version + 1 };
    }

    static MeetingState WithStatus(MeetingState state, string participantId, ParticipantStatus status, DateTimeOffset at) =>
        state with
        {
            Participants = state.Participants.ConvertAll(p => p.Id == participantId ? p with { Status = status, ChangedAt = at } : p),
        };

    static MeetingState WithItem(MeetingState state, string itemId, Func<BoardItem, BoardItem> change) =>
        state with { Items = state.Items.ConvertAll(i => i.Id == itemId ? change(i) : i) };

    public static MeetingState Fold(IEnumerable<IMeetingEvent> events) => events.Aggregate(MeetingState.Empty, Apply);

    public static Decision Decide(MeetingState state, MeetingCommand command) => command switch
    {
        CreateMeeting c => Create(state, c),
        AskToJoin c => AskToJoin(state, c),
        AdmitParticipant c => Admit(state, c),
        DeclineParticipant c => Decline(state, c),
        RemoveParticipant c => Remove(state, c),
        AddItem c => AddItem(state, c),
        EditItem c => EditItem(state, c),
        MoveItem c => MoveItem(state, c),
        RemoveItem c => RemoveItem(state, c),
        CloseMeeting c => Close(state, c),
        PracticeCommand c => PracticeRules.Decide(state, c),
        LockMeeting c => SetLocked(state, c.By, c.At, locked: true),
        UnlockMeeting c => SetLocked(state, c.By, c.At, locked: false),
        ScalingCommand c => ScalingRounds.Decide(state, c),
        FacilitationCommand c => Facilitating.Decide(state, c),
        SupervisionCommand c => Reflections.Decide(state, c),
        SafetyPlanCommand c => SafetyPlans.Decide(state, c),
        ThreeHousesCommand c => ThreeHouses.Decide(state, c),
        MarkFamilysWords c => FamilysWords.Decide(state, c),
        CaseCommand c => Continuity.Decide(state, c),
        _ => Refuse("", "That action is not known"),
    };

    static Decision Create(MeetingState state, CreateMeeting c)
    {
        if (state.Exists) return Refuse("", "This meeting already exists", RefusalKind.Conflict);
        if (!c.By.IsFacilitator) return Forbidden();
        if (MeetingTypes.Parse(c.Type) is not { } type) return Refuse("type", "Select the type of meeting");
        var (title, titleError) = Text.Clean(c.Title, "a title", Text.TitleMaxLength, multiline: false);
        if (titleError is not null) return Refuse("title", titleError);
        var (caseRef, caseError) = Text.Clean(c.CaseReference, "the case reference", Text.CaseReferenceMaxLength, multiline: false, required: false);
        if (caseError is not null) return Refuse("caseReference", caseError);
        // Letting people straight in fits colleagues in group supervision; a family's meeting always has a lobby.
        if (c.AdmitAutomatically && type != MeetingType.GroupSupervision)
            return Refuse("admitAutomatically", "Only group supervision can let people in automatically. Every other meeting has a lobby");
        return Events(new MeetingCreated(c.MeetingId, type, title!, caseRef is "" ? null : caseRef,
            c.By.Id, c.FacilitatorName, c.JoinCode, c.ScreenKey, c.At, c.AdmitAutomatically, c.CaseId));
    }

    static Decision AskToJoin(MeetingState state, AskToJoin c)
    {
        if (Open(state) is { } closed) return closed;
        var (name, nameError) = Text.Clean(c.Name, "your name", Text.NameMaxLength, multiline: false);
        if (nameError is not null) return Refuse("name", nameError);
        var (role, roleError) = Text.Clean(c.Role, "your role or agency", Text.RoleMaxLength, multiline: false);
        if (roleError is not null) return Refuse("role", roleError);
        if (state.FindParticipant(c.ParticipantId) is not null) return Refuse("", "You have already asked to join", RefusalKind.Conflict);
        if (state.IsLocked) return Refuse("", "This meeting is locked. Nobody new can join. Speak to the facilitator", RefusalKind.Forbidden);
        var asked = new ParticipantAskedToJoin(c.ParticipantId, name!, role!, c.SecretHash, c.At);
        return state.AdmitsAutomatically
            ? Events(asked, new ParticipantAdmitted(c.ParticipantId, Actor.Facilitator(state.FacilitatorId), c.At))
            : Events(asked);
    }

    static Decision Admit(MeetingState state, AdmitParticipant c) =>
        ChangeParticipant(state, c.By, c.ParticipantId, p => p.Status switch
        {
            ParticipantStatus.Admitted => Events(),
            _ => Events(new ParticipantAdmitted(p.Id, c.By, c.At)),
        });

    static Decision Decline(MeetingState state, DeclineParticipant c) =>
        ChangeParticipant(state, c.By, c.ParticipantId, p => p.Status switch
        {
            ParticipantStatus.Waiting => Events(new ParticipantDeclined(p.Id, c.By, c.At)),
            ParticipantStatus.Declined => Events(),
            _ => Refuse("", $"{p.Name} is no longer waiting to join", RefusalKind.Conflict),
        });

    static Decision Remove(MeetingState state, RemoveParticipant c) =>
        ChangeParticipant(state, c.By, c.ParticipantId, p => p.Status switch
        {
            ParticipantStatus.Removed => Events(),
            _ => Events(new ParticipantRemoved(p.Id, c.By, c.At)),
        });

    static Decision ChangeParticipant(MeetingState state, Actor by, string participantId, Func<Participant, Decision> change)
    {
        if (Open(state) is { } closed) return closed;
        if (!state.IsFacilitator(by)) return Forbidden();
        return state.FindParticipant(participantId) is { } p
            ? change(p)
            : Refuse("", "That person is not in this meeting", RefusalKind.NotFound);
    }

    static Decision AddItem(MeetingState state, AddItem c)
    {
        if (Open(state) is { } closed) return closed;
        if (!CanContribute(state, c.By)) return Forbidden();
        if (Map.Parse(c.Category) is not { } category) return Refuse("category", "Choose where this belongs on the map");
        // The stage decides what is open: refused before the text is checked, as the form is not even shown.
        if (Facilitating.AddingRefused(state, c.By, category) is { } notNow) return new Decision(null, notNow);
        var (text, error) = Text.Clean(c.Text, "some text", Text.ItemMaxLength, multiline: true);
        if (error is not null) return Refuse("text", error);
        if (state.FindItem(c.ItemId) is not null || state.RemovedItemIds.Contains(c.ItemId))
            return Refuse("", "This has already been added", RefusalKind.Conflict);
        return Events([new ItemAdded(c.ItemId, category, text!, c.By, c.At), .. Facilitating.AlsoWhenAdding(state, c.ItemId, c.At)]);
    }

    static Decision EditItem(MeetingState state, EditItem c) =>
        ChangeItem(state, c.By, c.ItemId, item =>
        {
            var (text, error) = Text.Clean(c.Text, "some text", Text.ItemMaxLength, multiline: true);
            if (error is not null) return Refuse("text", error);
            return text == item.Text ? Events() : Events(new ItemEdited(item.Id, text!, c.By, c.At));
        });

    static Decision MoveItem(MeetingState state, MoveItem c)
    {
        if (Open(state) is { } closed) return closed;
        // Moving is the facilitator's call: it changes what the map says, not just the wording.
        if (!state.IsFacilitator(c.By)) return Forbidden();
        if (state.FindItem(c.ItemId) is not { } item) return ItemGone();
        if (Map.Parse(c.Category) is not { } category) return Refuse("category", "Choose where this belongs on the map");
        return category == item.Category ? Events() : Events(new ItemMoved(item.Id, item.Category, category, c.By, c.At));
    }

    static Decision RemoveItem(MeetingState state, RemoveItem c)
    {
        if (Open(state) is { } closed) return closed;
        if (!CanContribute(state, c.By)) return Forbidden();
        // Removing twice (a double click, a retry) is not an error: the item is gone either way.
        if (state.FindItem(c.ItemId) is not { } item) return Events();
        if (!CanChange(state, c.By, item)) return Forbidden("You can only remove what you added");
        if (Facilitating.ChangingRefused(state, c.By) is { } locked) return new Decision(null, locked);
        return Events(new ItemRemoved(item.Id, c.By, c.At));
    }

    static Decision ChangeItem(MeetingState state, Actor by, string itemId, Func<BoardItem, Decision> change)
    {
        if (Open(state) is { } closed) return closed;
        if (!CanContribute(state, by)) return Forbidden();
        if (state.FindItem(itemId) is not { } item) return ItemGone();
        if (!CanChange(state, by, item)) return Forbidden("You can only change what you added");
        if (Facilitating.ChangingRefused(state, by) is { } locked) return new Decision(null, locked);
        return change(item);
    }

    static Decision Close(MeetingState state, CloseMeeting c)
    {
        if (!state.Exists) return NotFound();
        if (!state.IsFacilitator(c.By)) return Forbidden();
        if (state.IsClosed) return Events();
        return Events(new MeetingClosed(c.By, c.At, c.IdleHours));
    }

    static Decision SetLocked(MeetingState state, Actor by, DateTimeOffset at, bool locked)
    {
        if (Open(state) is { } closed) return closed;
        if (!state.IsFacilitator(by)) return Forbidden();
        if (state.IsLocked == locked) return Events();
        return locked ? Events(new MeetingLocked(by, at)) : Events(new MeetingUnlocked(by, at));
    }

    public static bool CanContribute(MeetingState state, Actor by) => state.IsFacilitator(by) || state.IsAdmitted(by);

    /// <summary>The facilitator may change any item; a participant only their own.</summary>
    public static bool CanChange(MeetingState state, Actor by, BoardItem item) => state.IsFacilitator(by) || item.Author == by;

    internal static Decision? Open(MeetingState state) =>
        !state.Exists ? NotFound()
        : state.IsClosed ? Refuse("", "This meeting has closed. Nothing more can be added or changed", RefusalKind.Conflict)
        : null;

    internal static Decision NotFound() => Refuse("", "This meeting could not be found", RefusalKind.NotFound);
    static Decision ItemGone() => Refuse("", "This item has been removed from the board", RefusalKind.NotFound);
    internal static Decision Forbidden(string message = "You cannot do that in this meeting") => Refuse("", message, RefusalKind.Forbidden);
    internal static Decision Refuse(string field, string message, RefusalKind kind = RefusalKind.Invalid) => new(null, new Refusal(field, message, kind));
    internal static Decision Events(params IMeetingEvent[] events) => new(events, null);
}

/// <summary>Either the events to append (possibly none: the change is already in place) or a refusal.</summary>
public sealed record Decision(IReadOnlyList<IMeetingEvent>? Events, Refusal? Refusal)
{
    public bool IsRefused => Refusal is not null;
}
