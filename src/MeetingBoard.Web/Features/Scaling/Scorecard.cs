using MeetingBoard.Meetings;
using MeetingBoard.Scaling;

namespace MeetingBoard.Web.Features.Scaling;

/// <summary>One line of a revealed round as the results show it: who, in which group, what and why.</summary>
public sealed record Scorecard(string Name, string Role, ScalingGroup Group, PersonScore Score, string? EnteredBy)
{
    public static Scorecard Of(MeetingState state, PersonScore score)
    {
        var (name, role) = score.Person is { } person ? state.Describe(person) : (score.Name ?? "Someone", score.Role ?? "");
        var group = score.Group ?? (score.Person is { } p ? state.Scaling.GroupOf(p) : ScalingGroup.Professional);
        var enteredBy = score.EnteredForSomeoneElse ? state.Describe(score.EnteredBy).Name : null;
        return new Scorecard(name, role, group, score, enteredBy);
    }

    /// <summary>The name shown for a progress key ("f:…", "p:…"): names only, never what anyone answered.</summary>
    public static string NameOf(MeetingState state, string key)
    {
        var actor = key.StartsWith("f:", StringComparison.Ordinal) ? Actor.Facilitator(key[2..]) : Actor.Participant(key[2..]);
        return state.Describe(actor).Name;
    }

    public static string Number(decimal value) => value.ToString(value == decimal.Truncate(value) ? "0" : "0.0", System.Globalization.CultureInfo.InvariantCulture);
}
