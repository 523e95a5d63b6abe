using MeetingBoard.Meetings;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Tests.Infrastructure;

namespace MeetingBoard.Web.Tests.Records;

/// <summary>The record tests' commands, run through a circuit's command entry point as the person would.</summary>
public static class AsPeople
{
    public static async Task FacilitatorDoesAsync(this MeetingScenario meeting, Func<Actor, DateTimeOffset, MeetingCommand> command)
    {
        await using var circuit = await Circuit.OpenAsync(meeting.App, await Circuit.FacilitatorAsync(meeting.App, meeting.Account.Email), meeting.MeetingId);
        var refusal = await circuit.RunAsync(command, MeetingHosts.NewId());
        Assert.Null(refusal);
    }

    public static async Task ParticipantDoesAsync(this MeetingScenario meeting, Visitor participant, Func<Actor, DateTimeOffset, MeetingCommand> command)
    {
        await using var circuit = await Circuit.OpenAsync(meeting.App, Circuit.ParticipantOf(meeting.App, participant), meeting.MeetingId);
        var refusal = await circuit.RunAsync(command, MeetingHosts.NewId());
        Assert.Null(refusal);
    }

    /// <summary>Adds an item to the board (as the facilitator when <paramref name="who"/> is null) and returns its id.</summary>
    public static async Task<string> AddsItemAsync(this MeetingScenario meeting, Visitor? who, string category, string text)
    {
        var id = MeetingHosts.NewId();
        if (who is null) await meeting.FacilitatorDoesAsync((a, t) => new AddItem(id, category, text, a, t));
        else await meeting.ParticipantDoesAsync(who, (a, t) => new AddItem(id, category, text, a, t));
        return id;
    }

    public static Task ClosesAsync(this MeetingScenario meeting) => meeting.FacilitatorDoesAsync((a, t) => new CloseMeeting(a, t));
}
