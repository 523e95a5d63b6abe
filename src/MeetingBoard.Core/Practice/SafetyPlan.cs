using System.Collections.Immutable;
using System.Globalization;
using MeetingBoard.Board;
using MeetingBoard.Meetings;

namespace MeetingBoard.Practice;

/// <summary>
/// A structured safety plan, made with the family and its network (DOMAIN.md: "a family-led safety
/// plan with plan rules and a safety network"): plan rules in the family's words, the safety network,
/// bottom lines that professionals set (so families know where the goalposts are), and a testing period.
/// </summary>
public abstract record SafetyPlanCommand(Actor By, DateTimeOffset At) : MeetingCommand(By, At);

public sealed record AddPlanRule(string RuleId, string? Rule, string? WhoMakesSure, string? IfBroken, Actor By, DateTimeOffset At) : SafetyPlanCommand(By, At);

public sealed record AddNetworkMember(string MemberId, string? Name, string? Relationship, string? WillDo, Actor By, DateTimeOffset At) : SafetyPlanCommand(By, At);

public sealed record AddBottomLine(string BottomLineId, string? Text, Actor By, DateTimeOffset At) : SafetyPlanCommand(By, At);

/// <summary>The end of the testing period as a GOV.UK date input (day, month, year). Setting it again moves it.</summary>
public sealed record SetTestingPeriod(string? Day, string? Month, string? Year, Actor By, DateTimeOffset At) : SafetyPlanCommand(By, At);

public sealed record ClearTestingPeriod(Actor By, DateTimeOffset At) : SafetyPlanCommand(By, At);

/// <summary>Removes a plan rule, a network member or a bottom line by its id.</summary>
public sealed record RemoveFromSafetyPlan(string PartId, Actor By, DateTimeOffset At) : SafetyPlanCommand(By, At);

public interface ISafetyPlanEvent : IMeetingEvent;

public sealed record PlanRuleAdded(string RuleId, string Rule, string WhoMakesSure, string IfBroken, Actor By, DateTimeOffset At) : ISafetyPlanEvent;

public sealed record NetworkMemberAdded(string MemberId, string Name, string Relationship, string WillDo, Actor By, DateTimeOffset At) : ISafetyPlanEvent;

public sealed record BottomLineAdded(string BottomLineId, string Text, Actor By, DateTimeOffset At) : ISafetyPlanEvent;

public sealed record TestingPeriodSet(DateOnly Ends, Actor By, DateTimeOffset At) : ISafetyPlanEvent;

public sealed record TestingPeriodCleared(Actor By, DateTimeOffset At) : ISafetyPlanEvent;

public sealed record SafetyPlanPartRemoved(string PartId, Actor By, DateTimeOffset At) : ISafetyPlanEvent;

public sealed record PlanRule(string Id, string Rule, string WhoMakesSure, string IfBroken, Actor Author, DateTimeOffset AddedAt);

public sealed record NetworkMember(string Id, string Name, string Relationship, string WillDo, Actor Author, DateTimeOffset AddedAt);

public sealed record BottomLine(string Id, string Text, Actor Author, DateTimeOffset AddedAt);

public sealed record TestingPeriod(DateOnly Ends, Actor SetBy, DateTimeOffset SetAt);

public sealed record SafetyPlan
{
    public static readonly SafetyPlan Empty = new();

    public ImmutableList<PlanRule> Rules { get; init; } = [];
    public ImmutableList<NetworkMember> Network { get; init; } = [];
    public ImmutableList<BottomLine> BottomLines { get; init; } = [];
    public TestingPeriod? Testing { get; init; }
    public ImmutableHashSet<string> UsedIds { get; init; } = [];

    public bool IsEmpty => Rules.IsEmpty && Network.IsEmpty && BottomLines.IsEmpty && Testing is null;
}

/// <summary>These strings are in every database: never change one (the test <c>StoredEventNamesAreStable</c> holds them).</summary>
public sealed class SafetyPlanEventNames : IStoredEventNames
{
    public IEnumerable<StoredEventName> Names =>
    [
        new(typeof(PlanRuleAdded), "PlanRuleAdded"),
        new(typeof(NetworkMemberAdded), "NetworkMemberAdded"),
        new(typeof(BottomLineAdded), "BottomLineAdded"),
        new(typeof(TestingPeriodSet), "TestingPeriodSet"),
        new(typeof(TestingPeriodCleared), "TestingPeriodCleared"),
        new(typeof(SafetyPlanPartRemoved), "SafetyPlanPartRemoved"),
    ];
}

/// <summary>
/// Who may do what: anyone let in proposes plan rules and network members while the plan is open
/// (the stage that opens next steps, as for the rest of the plan); the facilitator sets bottom lines
/// and the testing period, which are the professionals' part; the facilitator removes anything, and a
/// participant what they added.
/// </summary>
public static class SafetyPlans
{
    public const int PartMaxLength = 500;

    /// <summary>Group supervision plans the presenter's next steps; a safety plan is made with the family.</summary>
    public static bool Applies(MeetingType type) => type != MeetingType.GroupSupervision;

    public static MeetingState Apply(MeetingState state, ISafetyPlanEvent e)
    {
        var p = state.SafetyPlan;
        var next = e switch
        {
            PlanRuleAdded r => p with { Rules = p.Rules.Add(new PlanRule(r.RuleId, r.Rule, r.WhoMakesSure, r.IfBroken, r.By, r.At)), UsedIds = p.UsedIds.Add(r.RuleId) },
            NetworkMemberAdded m => p with { Network = p.Network.Add(new NetworkMember(m.MemberId, m.Name, m.Relationship, m.WillDo, m.By, m.At)), UsedIds = p.UsedIds.Add(m.MemberId) },
            BottomLineAdded b => p with { BottomLines = p.BottomLines.Add(new BottomLine(b.BottomLineId, b.Text, b.By, b.At)), UsedIds = p.UsedIds.Add(b.BottomLineId) },
            TestingPeriodSet t => p with { Testing = new TestingPeriod(t.Ends, t.By, t.At) },
            TestingPeriodCleared => p with { Testing = null },
            SafetyPlanPartRemoved r => p with
            {
                Rules = p.Rules.RemoveAll(x => x.Id == r.PartId),
                Network = p.Network.RemoveAll(x => x.Id == r.PartId),
                BottomLines = p.BottomLines.RemoveAll(x => x.Id == r.PartId),
            },
            _ => p,
        };
        return state with { SafetyPlan = next };
    }

    public static Decision Decide(MeetingState state, SafetyPlanCommand command)
    {
        if (Meeting.Open(state) is { } closed) return closed;
        if (!Meeting.CanContribute(state, command.By)) return Meeting.Forbidden();
        if (!Applies(state.Type))
            return Meeting.Refuse("", "A safety plan is made with the family, in a family network meeting or a conference, not in group supervision", RefusalKind.Conflict);
        var facilitator = state.IsFacilitator(command.By);
        if (command is AddBottomLine or SetTestingPeriod or ClearTestingPeriod && !facilitator)
            return Meeting.Forbidden(command is AddBottomLine
                ? "Bottom lines are set by the professionals: only the facilitator adds them"
                : "Only the facilitator sets the testing period");
        // The plan is open when next steps are (the plan stage); the lock holds it back like the rest of the board.
        if (command is AddPlanRule or AddNetworkMember && MeetingBoard.Facilitation.Facilitating.AddingRefused(state, command.By, Category.NextSteps) is { } notNow)
            return new Decision(null, notNow with { Message = notNow.Message.Replace(Map.Info(Category.NextSteps).Title, "The safety plan", StringComparison.Ordinal) });
        return command switch
        {
            AddPlanRule c => AddRule(state, c),
            AddNetworkMember c => AddMember(state, c),
            AddBottomLine c => AddLine(state, c),
            SetTestingPeriod c => SetTesting(state, c),
            ClearTestingPeriod c => state.SafetyPlan.Testing is null ? Meeting.Events() : Meeting.Events(new TestingPeriodCleared(c.By, c.At)),
            RemoveFromSafetyPlan c => Remove(state, c),
            _ => Meeting.Refuse("", "That action is not known"),
        };
    }

    static Decision AddRule(MeetingState state, AddPlanRule c)
    {
        var (rule, e1) = Text.Clean(c.Rule, "the rule, in the family's words", PartMaxLength, multiline: true);
        if (e1 is not null) return Meeting.Refuse("rule", e1);
        var (who, e2) = Text.Clean(c.WhoMakesSure, "who makes sure it happens", PartMaxLength, multiline: false);
        if (e2 is not null) return Meeting.Refuse("whoMakesSure", e2);
        var (broken, e3) = Text.Clean(c.IfBroken, "what happens if the rule is broken", PartMaxLength, multiline: true);
        if (e3 is not null) return Meeting.Refuse("ifBroken", e3);
        if (state.SafetyPlan.UsedIds.Contains(c.RuleId)) return Meeting.Refuse("", "This has already been added", RefusalKind.Conflict);
        return Meeting.Events(new PlanRuleAdded(c.RuleId, rule!, who!, broken!, c.By, c.At));
    }

    static Decision AddMember(MeetingState state, AddNetworkMember c)
    {
        var (name, e1) = Text.Clean(c.Name, "the person's name", Text.NameMaxLength, multiline: false);
        if (e1 is not null) return Meeting.Refuse("name", e1);
        var (relationship, e2) = Text.Clean(c.Relationship, "who they are to the child", Text.RoleMaxLength, multiline: false);
        if (e2 is not null) return Meeting.Refuse("relationship", e2);
        var (willDo, e3) = Text.Clean(c.WillDo, "what they will do", PartMaxLength, multiline: true);
        if (e3 is not null) return Meeting.Refuse("willDo", e3);
        if (state.SafetyPlan.UsedIds.Contains(c.MemberId)) return Meeting.Refuse("", "This has already been added", RefusalKind.Conflict);
        return Meeting.Events(new NetworkMemberAdded(c.MemberId, name!, relationship!, willDo!, c.By, c.At));
    }

    static Decision AddLine(MeetingState state, AddBottomLine c)
    {
        var (text, error) = Text.Clean(c.Text, "the bottom line", PartMaxLength, multiline: true);
        if (error is not null) return Meeting.Refuse("text", error);
        if (state.SafetyPlan.UsedIds.Contains(c.BottomLineId)) return Meeting.Refuse("", "This has already been added", RefusalKind.Conflict);
        return Meeting.Events(new BottomLineAdded(c.BottomLineId, text!, c.By, c.At));
    }

    static Decision SetTesting(MeetingState state, SetTestingPeriod c)
    {
        var (ends, error) = PracticeRules.DueDate(c.Day, c.Month, c.Year);
        if (error is not null)
            return Meeting.Refuse("ends", error.Replace("The date it will be done by", "The date the testing period ends", StringComparison.Ordinal)
                .Replace("the date it will be done by", "the date the testing period ends", StringComparison.Ordinal));
        if (ends < DateOnly.FromDateTime(state.CreatedAt.UtcDateTime))
            return Meeting.Refuse("ends", $"The testing period must end after the meeting ({state.CreatedAt.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)})");
        return state.SafetyPlan.Testing?.Ends == ends ? Meeting.Events() : Meeting.Events(new TestingPeriodSet(ends, c.By, c.At));
    }

    static Decision Remove(MeetingState state, RemoveFromSafetyPlan c)
    {
        var p = state.SafetyPlan;
        Actor? author = p.Rules.Find(x => x.Id == c.PartId)?.Author ?? p.Network.Find(x => x.Id == c.PartId)?.Author ?? p.BottomLines.Find(x => x.Id == c.PartId)?.Author;
        // Removing twice is not an error: it is gone either way.
        if (author is null) return Meeting.Events();
        if (!state.IsFacilitator(c.By) && author != c.By) return Meeting.Forbidden("You can only remove what you added");
        if (MeetingBoard.Facilitation.Facilitating.ChangingRefused(state, c.By) is { } locked) return new Decision(null, locked);
        return Meeting.Events(new SafetyPlanPartRemoved(c.PartId, c.By, c.At));
    }
}
