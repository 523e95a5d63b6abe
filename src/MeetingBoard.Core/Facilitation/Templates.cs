using System.Collections.Immutable;
using MeetingBoard.Board;
using MeetingBoard.Meetings;

namespace MeetingBoard.Facilitation;

/// <summary>
/// One stage of a meeting: what it is called, and which categories of the map are open for
/// contribution while it runs. <see cref="Questions"/> marks the stage where the group asks
/// questions only (group supervision's information and mapping). The id never changes, so a
/// renamed or moved stage is still the same stage in the log.
/// </summary>
public sealed record Stage(string Id, string Title, ImmutableArray<Category> Open, bool Questions = false, bool Skipped = false)
{
    public bool IsOpen(Category category) => Open.Contains(category);
}

/// <summary>The known shapes of the meetings in DOMAIN.md. A facilitator starts from one and may rename, reorder or skip its stages.</summary>
public static class Templates
{
    static readonly ImmutableArray<Category> Nothing = [];
    static readonly ImmutableArray<Category> Worries = [Category.Harm, Category.DangerStatements, Category.ComplicatingFactors];
    static readonly ImmutableArray<Category> WorkingWell = [Category.ExistingStrengths, Category.ExistingSafety];

    public static readonly ImmutableList<Stage> GroupSupervision =
    [
        new("confidentiality", "Agree confidentiality and the presenter's question", Nothing),
        // The group asks questions only; the facilitator maps what the presenter answers.
        new("information", "Information and mapping", Nothing, Questions: true),
        new("danger-and-goals", "Danger statements and safety goals", [Category.DangerStatements, Category.SafetyGoals]),
        new("scaling", "Scaling", Nothing),
        new("next-steps", "The presenter's next steps", [Category.NextSteps]),
        new("reflection", "Appreciation and reflection on the process", Nothing),
    ];

    public static readonly ImmutableList<Stage> ChildProtectionConference =
    [
        new("purpose", "Purpose, agenda and confidentiality", Nothing),
        new("family-and-network", "Family and network", [Category.ExistingStrengths]),
        new("worries-and-working-well", "Worries and what is working well", [.. Worries, .. WorkingWell]),
        new("danger-scaling", "Each danger statement scaled", Nothing),
        new("overall-scale", "Overall safety scale", Nothing),
        new("decision", "Decision", Nothing),
        new("plan", "Plan", [Category.SafetyGoals, Category.NextSteps]),
    ];

    public static readonly ImmutableList<Stage> FamilyNetworkMeeting =
    [
        new("mapping", "Mapping", [.. Worries, .. WorkingWell]),
        new("safety-goals", "Safety goals", [Category.SafetyGoals]),
        new("plan-rules", "Plan rules and safety network (who does what)", [Category.ExistingSafety, Category.NextSteps]),
        new("next-steps", "Next steps", [Category.NextSteps]),
    ];

    public static ImmutableList<Stage> For(MeetingType type) => type switch
    {
        MeetingType.GroupSupervision => GroupSupervision,
        MeetingType.ChildProtectionConference => ChildProtectionConference,
        MeetingType.FamilyNetworkMeeting => FamilyNetworkMeeting,
        _ => [],
    };
}
