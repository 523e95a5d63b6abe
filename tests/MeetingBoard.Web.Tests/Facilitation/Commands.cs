using MeetingBoard.Meetings;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Storage;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBoard.Web.Tests.Facilitation;

/// <summary>
/// Commands as the facilitation components send them: through the command entry point of a circuit
/// opened for one person (<see cref="Circuit"/>), in process, no browser.
/// </summary>
static class Commands
{
    /// <summary>As the meeting's own facilitator.</summary>
    public static async Task<Refusal?> ChairAsync(this MeetingScenario meeting, Func<Actor, DateTimeOffset, MeetingCommand> command, string? commandId = null)
    {
        var state = await meeting.StateAsync();
        var account = await meeting.App.Services.GetRequiredService<IAccountStore>().FindAsync(state.FacilitatorId)
            ?? throw new InvalidOperationException("The meeting's facilitator has no account");
        return await meeting.AsFacilitatorAsync(account.Email, command, commandId);
    }

    /// <summary>As a signed-in facilitator found by email (a co-facilitator, or one of another meeting).</summary>
    public static async Task<Refusal?> AsFacilitatorAsync(this MeetingScenario meeting, string email, Func<Actor, DateTimeOffset, MeetingCommand> command, string? commandId = null)
    {
        await using var circuit = await Circuit.OpenAsync(meeting.App, await Circuit.FacilitatorAsync(meeting.App, email), meeting.MeetingId);
        return await circuit.RunAsync(command, commandId);
    }

    /// <summary>As whoever a visitor's participant cookies prove them to be.</summary>
    public static async Task<Refusal?> AsAsync(this MeetingScenario meeting, Visitor who, Func<Actor, DateTimeOffset, MeetingCommand> command, string? commandId = null)
    {
        await using var circuit = await Circuit.OpenAsync(meeting.App, Circuit.ParticipantOf(meeting.App, who), meeting.MeetingId);
        return await circuit.RunAsync(command, commandId);
    }

    /// <summary>As the room screen, proved by the key in its link.</summary>
    public static async Task<Refusal?> AsScreenAsync(this MeetingScenario meeting, Func<Actor, DateTimeOffset, MeetingCommand> command)
    {
        var state = await meeting.StateAsync();
        await using var circuit = await Circuit.OpenAsync(meeting.App, Circuit.Anonymous, meeting.MeetingId, state.ScreenKey);
        return await circuit.RunAsync(command);
    }

    /// <summary>Adding an item as a participant's (or the facilitator's) add form does.</summary>
    public static Task<Refusal?> AddAsync(this MeetingScenario meeting, Visitor? who, string category, string text)
    {
        var id = MeetingHosts.NewId();
        Func<Actor, DateTimeOffset, MeetingCommand> add = (a, t) => new AddItem(id, category, text, a, t);
        return who is null ? meeting.ChairAsync(add, id) : meeting.AsAsync(who, add, id);
    }

    /// <summary>The meeting as stored, caught up.</summary>
    public static async Task<MeetingState> StateAsync(this MeetingScenario meeting)
    {
        var host = await meeting.App.Services.GetRequiredService<MeetingHosts>().FindAsync(meeting.MeetingId)
            ?? throw new InvalidOperationException($"No meeting {meeting.MeetingId}");
        return await host.CatchUpAsync();
    }

    public static void Done(Refusal? refusal) => Assert.True(refusal is null, refusal?.Message);

    public static Refusal Refused(Refusal? refusal, RefusalKind kind, string? message = null)
    {
        Assert.NotNull(refusal);
        Assert.Equal(kind, refusal.Kind);
        if (message is not null) Assert.Equal(message, refusal.Message);
        return refusal;
    }
}
