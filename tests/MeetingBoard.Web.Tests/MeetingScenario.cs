using MeetingBoard.Web.Live;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBoard.Web.Tests;

/// <summary>A running meeting for HTTP tests: a signed-in facilitator, and helpers to bring people in.</summary>
public sealed class MeetingScenario : IAsyncDisposable
{
    public required TestApp App { get; init; }
    public required Visitor Facilitator { get; init; }
    public required string MeetingId { get; init; }
    public required string JoinCode { get; init; }
    /// <summary>The facilitator's sign-in, for a browser to sign in with too.</summary>
    public (string Email, string Password) Account { get; init; }

    public static async Task<MeetingScenario> StartAsync(TestApp? app = null, string title = "Core group review", string type = "ChildProtectionConference")
    {
        app ??= TestApp.Start();
        var facilitator = new Visitor(app);
        var (email, password) = await app.AddFacilitatorAsync();
        await facilitator.SignInAsync(email, password);
        var (meetingId, code) = await facilitator.CreateMeetingAsync(title, type);
        return new MeetingScenario { App = app, Facilitator = facilitator, MeetingId = meetingId, JoinCode = code, Account = (email, password) };
    }

    /// <summary>A participant who has joined and been let in.</summary>
    public async Task<(Visitor Client, string ParticipantId)> AdmitAsync(string name, string role)
    {
        var (client, id) = await AskToJoinAsync(name, role);
        await ChairDoesAsync((a, t) => new MeetingBoard.Meetings.AdmitParticipant(id, a, t));
        await client.GetAsync($"/m/{MeetingId}");
        return (client, id);
    }

    /// <summary>A participant waiting in the lobby.</summary>
    public async Task<(Visitor Client, string ParticipantId)> AskToJoinAsync(string name, string role)
    {
        var client = new Visitor(App);
        var id = await client.JoinAsync(JoinCode, name, role);
        return (client, id);
    }

    /// <summary>Runs a command as this meeting's facilitator, through the circuit's command entry point; it must be carried out.</summary>
    public async Task ChairDoesAsync(Func<MeetingBoard.Meetings.Actor, DateTimeOffset, MeetingBoard.Meetings.MeetingCommand> command)
    {
        await using var circuit = await Circuit.OpenAsync(App, await Circuit.FacilitatorAsync(App, Account.Email), MeetingId);
        if (await circuit.RunAsync(command) is { } refusal) throw new InvalidOperationException($"Refused: {refusal.Message}");
    }

    /// <summary>Runs a command as someone (a participant's visitor, or the facilitator's); null when carried out.</summary>
    public async Task<MeetingBoard.Meetings.Refusal?> RunAsync(Visitor who, Func<MeetingBoard.Meetings.Actor, DateTimeOffset, MeetingBoard.Meetings.MeetingCommand> command, string? commandId = null)
    {
        var user = who == Facilitator ? await Circuit.FacilitatorAsync(App, Account.Email) : Circuit.ParticipantOf(App, who);
        await using var circuit = await Circuit.OpenAsync(App, user, MeetingId);
        return await circuit.RunAsync(command, commandId);
    }

    /// <summary>
    /// Adds an item as someone, through the command entry point. Answered as HTTP would be (200, or the
    /// refusal's 4xx with its message), so callers read it as they read any answer.
    /// </summary>
    public async Task<HttpResponseMessage> AddItemAsync(Visitor who, string category, string text, string? itemId = null)
    {
        var id = itemId ?? MeetingHosts.NewId();
        var refusal = await RunAsync(who, (a, t) => new MeetingBoard.Meetings.AddItem(id, category, text, a, t), id);
        return Answer(refusal);
    }

    public static HttpResponseMessage Answer(MeetingBoard.Meetings.Refusal? refusal) => refusal is null
        ? new HttpResponseMessage(System.Net.HttpStatusCode.OK)
        : new HttpResponseMessage(refusal.Kind switch
        {
            MeetingBoard.Meetings.RefusalKind.Forbidden => System.Net.HttpStatusCode.Forbidden,
            MeetingBoard.Meetings.RefusalKind.NotFound => System.Net.HttpStatusCode.NotFound,
            MeetingBoard.Meetings.RefusalKind.Conflict => System.Net.HttpStatusCode.Conflict,
            _ => System.Net.HttpStatusCode.UnprocessableEntity,
        }) { Content = new StringContent(refusal.Message) };

    /// <summary>The item texts on the board as the facilitator's page shows them.</summary>
    public async Task<List<string>> ItemTextsAsync(Visitor? who = null)
    {
        var (_, page, _) = await (who ?? Facilitator).GetAsync($"/m/{MeetingId}");
        return page.QuerySelectorAll(".mb-item__text").Select(e => e.TextContent).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        Facilitator.Dispose();
        await App.DisposeAsync();
    }
}
