using System.Collections.Immutable;
using MeetingBoard.Meetings;

namespace MeetingBoard.Facilitation;

/// <summary>
/// Group supervision that teaches (DOMAIN.md): the presenter says what they want from the group
/// ("the question I bring") when the case is introduced, and the last stage gathers the group's
/// reflections on the process and appreciations for the presenter, each person from their own device.
/// </summary>
public abstract record SupervisionCommand(Actor By, DateTimeOffset At) : MeetingCommand(By, At);

/// <summary>The presenter's own question; the facilitator may type it for them. Stating it again replaces it.</summary>
public sealed record StatePresenterQuestion(string? Text, Actor By, DateTimeOffset At) : SupervisionCommand(By, At);

/// <param name="Kind">"reflection" or "appreciation".</param>
public sealed record AddReflection(string ReflectionId, string? Kind, string? Text, Actor By, DateTimeOffset At) : SupervisionCommand(By, At);

public sealed record RemoveReflection(string ReflectionId, Actor By, DateTimeOffset At) : SupervisionCommand(By, At);

public interface ISupervisionEvent : IMeetingEvent;

public sealed record PresenterQuestionStated(string Text, Actor By, DateTimeOffset At) : ISupervisionEvent;

public sealed record ReflectionAdded(string ReflectionId, ReflectionKind Kind, string Text, Actor By, DateTimeOffset At) : ISupervisionEvent;

public sealed record ReflectionRemoved(string ReflectionId, Actor By, DateTimeOffset At) : ISupervisionEvent;

/// <summary>Stored in events by number: never reorder.</summary>
public enum ReflectionKind
{
    Reflection = 1,
    Appreciation = 2,
}

public sealed record PresenterQuestion(string Text, Actor By, DateTimeOffset At);

public sealed record Reflection(string Id, ReflectionKind Kind, string Text, Actor Author, DateTimeOffset AddedAt);

public sealed record SupervisionState
{
    public static readonly SupervisionState Empty = new();

    public PresenterQuestion? Question { get; init; }
    public ImmutableList<Reflection> Reflections { get; init; } = [];
    public ImmutableHashSet<string> UsedIds { get; init; } = [];

    public IEnumerable<Reflection> Of(ReflectionKind kind) => Reflections.Where(r => r.Kind == kind);
    public bool IsEmpty => Question is null && Reflections.IsEmpty;
}

/// <summary>These strings are in every database: never change one (the test <c>StoredEventNamesAreStable</c> holds them).</summary>
public sealed class SupervisionEventNames : IStoredEventNames
{
    public IEnumerable<StoredEventName> Names =>
    [
        new(typeof(PresenterQuestionStated), "PresenterQuestionStated"),
        new(typeof(ReflectionAdded), "ReflectionAdded"),
        new(typeof(ReflectionRemoved), "ReflectionRemoved"),
    ];
}

public static class Reflections
{
    public const int QuestionMaxLength = 1000;
    public const int TextMaxLength = 1000;
    /// <summary>The id of group supervision's last stage in its template; renaming it keeps the id.</summary>
    public const string ReflectionStageId = "reflection";

    public static string KindName(ReflectionKind kind) => kind == ReflectionKind.Appreciation ? "Appreciation" : "Reflection";

    public static ReflectionKind? ParseKind(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "reflection" or "1" => ReflectionKind.Reflection,
        "appreciation" or "2" => ReflectionKind.Appreciation,
        _ => null,
    };

    public static MeetingState Apply(MeetingState state, ISupervisionEvent e)
    {
        var s = state.Supervision;
        var next = e switch
        {
            PresenterQuestionStated q => s with { Question = new PresenterQuestion(q.Text, q.By, q.At) },
            ReflectionAdded a => s with
            {
                Reflections = s.Reflections.Add(new Reflection(a.ReflectionId, a.Kind, a.Text, a.By, a.At)),
                UsedIds = s.UsedIds.Add(a.ReflectionId),
            },
            ReflectionRemoved r => s with { Reflections = s.Reflections.RemoveAll(x => x.Id == r.ReflectionId) },
            _ => s,
        };
        return state with { Supervision = next };
    }

    public static bool IsPresenter(MeetingState state, Actor by) =>
        by.Kind == ActorKind.Participant && state.IsAdmitted(by) && state.RoleOf(by.Id) == SupervisionRole.Presenter;

    /// <summary>Whether participants may add reflections now: before the stages start (a free map) or in the last stage.</summary>
    public static bool ReflectionsOpen(MeetingState state) =>
        state.Facilitation.CurrentStageId is null or ReflectionStageId;

    public static Decision Decide(MeetingState state, SupervisionCommand command)
    {
        if (Meeting.Open(state) is { } closed) return closed;
        if (!Meeting.CanContribute(state, command.By)) return Meeting.Forbidden();
        if (state.Type != MeetingType.GroupSupervision)
            return Meeting.Refuse("", "The presenter's question, reflections and appreciations belong to group supervision", RefusalKind.Conflict);
        if (Facilitating.ChangingRefused(state, command.By) is { } locked) return new Decision(null, locked);
        return command switch
        {
            StatePresenterQuestion c => StateQuestion(state, c),
            AddReflection c => Add(state, c),
            RemoveReflection c => Remove(state, c),
            _ => Meeting.Refuse("", "That action is not known"),
        };
    }

    static Decision StateQuestion(MeetingState state, StatePresenterQuestion c)
    {
        if (!state.IsFacilitator(c.By) && !IsPresenter(state, c.By))
            return Meeting.Forbidden("Only the presenter states the question they bring (or the facilitator types it for them)");
        var (text, error) = Text.Clean(c.Text, "the question you bring to the group", QuestionMaxLength, multiline: true);
        if (error is not null) return Meeting.Refuse("text", error);
        return state.Supervision.Question?.Text == text ? Meeting.Events() : Meeting.Events(new PresenterQuestionStated(text!, c.By, c.At));
    }

    static Decision Add(MeetingState state, AddReflection c)
    {
        if (!state.IsFacilitator(c.By) && !ReflectionsOpen(state))
            return Meeting.Refuse("", "Reflections and appreciations are added in the last stage, on the process. " +
                "The facilitator opens it when the meeting gets there", RefusalKind.Conflict);
        if (ParseKind(c.Kind) is not { } kind) return Meeting.Refuse("kind", "Choose whether this is a reflection on the process or an appreciation for the presenter");
        if (kind == ReflectionKind.Appreciation && IsPresenter(state, c.By))
            return Meeting.Refuse("kind", "Appreciations are the group's, for the presenter. As the presenter, add a reflection on the process instead");
        var what = kind == ReflectionKind.Appreciation ? "your appreciation for the presenter" : "your reflection on the process";
        var (text, error) = Text.Clean(c.Text, what, TextMaxLength, multiline: true);
        if (error is not null) return Meeting.Refuse("text", error);
        if (state.Supervision.UsedIds.Contains(c.ReflectionId)) return Meeting.Refuse("", "This has already been added", RefusalKind.Conflict);
        return Meeting.Events(new ReflectionAdded(c.ReflectionId, kind, text!, c.By, c.At));
    }

    static Decision Remove(MeetingState state, RemoveReflection c)
    {
        if (state.Supervision.Reflections.Find(r => r.Id == c.ReflectionId) is not { } reflection) return Meeting.Events();
        if (!state.IsFacilitator(c.By) && reflection.Author != c.By) return Meeting.Forbidden("You can only remove what you added");
        return Meeting.Events(new ReflectionRemoved(reflection.Id, c.By, c.At));
    }
}
