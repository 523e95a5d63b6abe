using MeetingBoard.Board;
using MeetingBoard.Meetings;

namespace MeetingBoard.Tests.Meetings;

/// <summary>
/// The past of a meeting, as events. The people are the fictional case of DOMAIN.md:
/// an IRO chairs a conference for Maya and Leo, with their mother Sam and Maya's class teacher.
/// </summary>
public static class Given
{
    public const string MeetingId = "m-maya-leo";
    public static readonly DateTimeOffset At = new(2025, 3, 4, 10, 0, 0, TimeSpan.Zero);

    public static readonly Actor Iro = Actor.Facilitator("acc-iro");
    public static readonly Actor AnotherFacilitator = Actor.Facilitator("acc-other-team");
    public static readonly Actor Sam = Actor.Participant("p-sam");
    public static readonly Actor Teacher = Actor.Participant("p-teacher");
    public static readonly Actor HealthVisitor = Actor.Participant("p-hv");

    public static MeetingState Events(params IMeetingEvent[] events) => Meeting.Fold(events);

    /// <summary>Created by the IRO, with Sam and Maya's teacher already admitted, then whatever follows.</summary>
    public static MeetingState OpenMeeting(params IMeetingEvent[] then) =>
        Events([Created(), Asked(Sam), Admitted(Sam), Asked(Teacher), Admitted(Teacher), .. then]);

    public static MeetingCreated Created() => new(MeetingId, MeetingType.ChildProtectionConference,
        "Initial conference: Maya and Leo", "CP-2025-0142", Iro.Id, "Alex (IRO)", "KPW7RTC4H", "screen-key", At);

    public static ParticipantAskedToJoin Asked(Actor who)
    {
        var (name, role) = who.Id switch
        {
            "p-sam" => ("Sam", "Mother"),
            "p-teacher" => ("Ms Okafor", "Maya's class teacher"),
            _ => ("Jo Smith", "Health visitor"),
        };
        return new(who.Id, name, role, "secret-hash-" + who.Id, At);
    }

    public static ParticipantAdmitted Admitted(Actor who) => new(who.Id, Iro, At);
    public static ParticipantDeclined Declined(Actor who) => new(who.Id, Iro, At);
    public static ParticipantRemoved RemovedFromMeeting(Actor who) => new(who.Id, Iro, At);

    public static ItemAdded Added(string itemId, Actor by, Category category = Category.ExistingSafety,
        string text = "Sam took the children to Pat's straight away") => new(itemId, category, text, by, At);

    public static ItemRemoved RemovedItem(string itemId, Actor by) => new(itemId, by, At);
    public static MeetingClosed Closed() => new(Iro, At);
}

/// <summary>What a decision must have come to.</summary>
public static class Then
{
    public static TEvent Single<TEvent>(Decision decision) where TEvent : IMeetingEvent
    {
        Assert.Null(decision.Refusal);
        Assert.NotNull(decision.Events);
        return Assert.IsType<TEvent>(Assert.Single(decision.Events));
    }

    /// <summary>Accepted, but the change is already in place: nothing to append.</summary>
    public static void NoEvents(Decision decision)
    {
        Assert.Null(decision.Refusal);
        Assert.NotNull(decision.Events);
        Assert.Empty(decision.Events);
    }

    public static Refusal Refused(Decision decision, RefusalKind kind, string field = "")
    {
        Assert.Null(decision.Events);
        var refusal = Assert.IsType<Refusal>(decision.Refusal);
        Assert.Equal(kind, refusal.Kind);
        Assert.Equal(field, refusal.Field);
        Assert.False(string.IsNullOrWhiteSpace(refusal.Message), "A refusal says why, in words");
        return refusal;
    }

    public static Refusal Invalid(Decision decision, string field) => Refused(decision, RefusalKind.Invalid, field);
    public static Refusal Forbidden(Decision decision) => Refused(decision, RefusalKind.Forbidden);
    public static Refusal NotFound(Decision decision) => Refused(decision, RefusalKind.NotFound);
    public static Refusal Conflict(Decision decision) => Refused(decision, RefusalKind.Conflict);
}
