using MeetingBoard.Web.Tests.Infrastructure;

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
        await using (var circuit = await Circuit.OpenAsync(App, await Circuit.FacilitatorAsync(App, Account.Email), MeetingId))
            Assert.Null(await circuit.RunAsync((a, t) => new MeetingBoard.Meetings.AdmitParticipant(id, a, t)));
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

    public Task<HttpResponseMessage> AddItemAsync(Visitor who, string category, string text, string? commandId = null) =>
        who.PostAsync($"/m/{MeetingId}/items", new Dictionary<string, string>
        {
            ["commandId"] = commandId ?? Visitor.NewCommandId(), ["category"] = category, ["text"] = text,
        }, fetch: true);

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
