using System.Globalization;
using MeetingBoard.Meetings;

namespace MeetingBoard.Web.Features.Cases;

/// <summary>"From 3 November": how the board marks what came from an earlier meeting of the case.</summary>
public static class CarriedFrom
{
    public static string? Label(MeetingState state, string id, Live.MeetingClock clock) =>
        state.Continuity.FromDay(id) is { } day
            ? "From " + day.ToString(day.Year == clock.Local(state.CreatedAt).Year ? "d MMMM" : "d MMMM yyyy", CultureInfo.InvariantCulture)
            : null;
}
