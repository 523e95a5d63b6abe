using System.Runtime.CompilerServices;
using MeetingBoard.Meetings;

namespace MeetingBoard.Web.Features.Facilitation;

/// <summary>
/// How much each person has added (items and questions), counted once per version of the meeting rather than
/// once per person at every render of the facilitator's people panel.
/// </summary>
public static class Contributions
{
    static readonly ConditionalWeakTable<MeetingState, Dictionary<Actor, int>> counted = new();

    public static int Of(MeetingState state, Actor actor) => counted.GetValue(state, Count).GetValueOrDefault(actor);

    static Dictionary<Actor, int> Count(MeetingState state)
    {
        var counts = new Dictionary<Actor, int>();
        foreach (var item in state.Items) counts[item.Author] = counts.GetValueOrDefault(item.Author) + 1;
        foreach (var question in state.Facilitation.Questions) counts[question.Author] = counts.GetValueOrDefault(question.Author) + 1;
        return counts;
    }

    public static string Words(int total) => $"· {total} {(total == 1 ? "contribution" : "contributions")}";
}
