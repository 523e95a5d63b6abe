using System.Collections.Immutable;
using MeetingBoard.Board;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;

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

    public static readonly ImmutableList<Stage> GroupSupervision = Supervision(Vocabulary.SignsOfSafety);
    public static readonly ImmutableList<Stage> ChildProtectionConference = Conference(Vocabulary.SignsOfSafety);
    public static readonly ImmutableList<Stage> FamilyNetworkMeeting = FamilyNetwork(Vocabulary.SignsOfSafety);

    // A team working in Signs of Wellbeing or Success never sees "danger" or "safety" in its stage
    // names (DOMAIN.md: the frame's words are configurable, the structure stays). Ids never change.
    static ImmutableList<Stage> Supervision(Vocabulary w) =>
    [
        new("confidentiality", "Agree confidentiality and the presenter's question", Nothing),
        // The group asks questions only; the facilitator maps what the presenter answers.
        new("information", "Information and mapping", Nothing, Questions: true),
        new("danger-and-goals", $"{w.DangerStatements} and {w.SafetyGoals.ToLowerInvariant()}", [Category.DangerStatements, Category.SafetyGoals]),
        new("scaling", "Scaling", Nothing),
        new("next-steps", "The presenter's next steps", [Category.NextSteps]),
        new("reflection", "Appreciation and reflection on the process", Nothing),
    ];

    static ImmutableList<Stage> Conference(Vocabulary w) =>
    [
        new("purpose", "Purpose, agenda and confidentiality", Nothing),
        new("family-and-network", "Family and network", [Category.ExistingStrengths]),
        new("worries-and-working-well", "Worries and what is working well", [.. Worries, .. WorkingWell]),
        new("danger-scaling", $"Each {w.DangerStatement.ToLowerInvariant()} scaled", Nothing),
        new("overall-scale", $"Overall {w.Safety} scale", Nothing),
        new("decision", "Decision", Nothing),
        new("plan", "Plan", [Category.SafetyGoals, Category.NextSteps]),
    ];

    static ImmutableList<Stage> FamilyNetwork(Vocabulary w) =>
    [
        new("mapping", "Mapping", [.. Worries, .. WorkingWell]),
        new("safety-goals", w.SafetyGoals, [Category.SafetyGoals]),
        new("plan-rules", $"Plan rules and {w.Safety} network (who does what)", [Category.ExistingSafety, Category.NextSteps]),
        new("next-steps", "Next steps", [Category.NextSteps]),
    ];

    static readonly Dictionary<(MeetingType, Wording), ImmutableList<Stage>> Worded = Vocabulary.All
        .SelectMany(w => new[]
        {
            ((MeetingType.GroupSupervision, w.Wording), Supervision(w)),
            ((MeetingType.ChildProtectionConference, w.Wording), Conference(w)),
            ((MeetingType.FamilyNetworkMeeting, w.Wording), FamilyNetwork(w)),
        })
        .ToDictionary(x => x.Item1, x => x.Item2);

    /// <summary>The stages a meeting of this type starts from, named in the meeting's words.</summary>
    public static ImmutableList<Stage> For(MeetingType type, Vocabulary? words = null) =>
        Worded.TryGetValue((type, (words ?? Vocabulary.SignsOfSafety).Wording), out var stages) ? stages : [];
}
