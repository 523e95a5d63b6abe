using System.Net;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static MeetingBoard.Web.Tests.Security.Role;

namespace MeetingBoard.Web.Tests.Security;

/// <summary>Everyone who might ask, about one meeting ("this meeting").</summary>
public enum Role
{
    Anonymous,
    InTheLobby,
    Participant,
    ParticipantOfAnotherMeeting,
    RemovedParticipant,
    RoomScreen,
    FacilitatorOfAnotherMeeting,
    Facilitator,
}

/// <summary>Allow: served or done. Deny: refused, nothing of the meeting shown, nothing changed. Wait: let through to the lobby, shown nothing of the meeting.</summary>
public enum Expect { Allow, Deny, Wait }

/// <summary>
/// Every page, endpoint and hub method × every role, each cell a test of its own on a fresh meeting.
/// A denied read must not contain the meeting's secret text; a denied write must leave the meeting's
/// event stream exactly as it was; an allowed write must have answered with success.
/// </summary>
public sealed class AccessMatrix(AccessMatrix.World world) : IClassFixture<AccessMatrix.World>
{
    const string Secret = "Secret of this meeting about Maya"; // no characters that HTML or JSON would escape

    sealed record Row(string Name, Func<Scene, Visitor, Role, Task<Outcome>> Run, Dictionary<Role, Expect> Expected, bool ChangesMeeting = false);

    /// <summary>What happened: the status, whether the meeting's secret showed, and whether the answer was "sign in first".</summary>
    public sealed record Outcome(HttpStatusCode Status, bool SawSecret, bool SentToSignIn, string Body);

    static Dictionary<Role, Expect> Only(params Role[] allowed) =>
        Enum.GetValues<Role>().ToDictionary(r => r, r => allowed.Contains(r) ? Expect.Allow : Expect.Deny);

    static Dictionary<Role, Expect> Everyone() => Only(Enum.GetValues<Role>());

    static readonly Role[] FacilitatorsOnly = [Facilitator, FacilitatorOfAnotherMeeting];

    static readonly Row[] Rows =
    [
        // Pages of the meeting.
        new("GET /m/{id}", (s, v, _) => GetAsync(v, $"/m/{s.MeetingId}"),
            new(Only(Facilitator, Participant)) { [InTheLobby] = Expect.Wait }),
        // The room-screen key is the room screen's only credential; everyone else can but guess one.
        new("GET /m/{id}/screen/{key}", (s, v, r) => GetAsync(v, $"/m/{s.MeetingId}/screen/{(r == RoomScreen ? s.ScreenKey : new string('0', 40))}"),
            Only(RoomScreen)),
        new("GET /join/{code}", (s, v, _) => GetAsync(v, $"/join/{s.JoinCode}"), Everyone()),

        // Changes to the board.
        new("POST /m/{id}/items", (s, v, _) => PostAsync(v, $"/m/{s.MeetingId}/items", new() { ["category"] = "harm", ["text"] = "Added" }),
            Only(Facilitator, Participant), ChangesMeeting: true),
        new("POST /m/{id}/items/{facilitator's}/edit", (s, v, _) => PostAsync(v, $"/m/{s.MeetingId}/items/{s.FacilitatorItemId}/edit", new() { ["text"] = "Changed" }),
            Only(Facilitator), ChangesMeeting: true),
        new("POST /m/{id}/items/{participant's}/edit", (s, v, _) => PostAsync(v, $"/m/{s.MeetingId}/items/{s.ParticipantItemId}/edit", new() { ["text"] = "Changed" }),
            Only(Facilitator, Participant), ChangesMeeting: true),
        new("POST /m/{id}/items/{item}/move", (s, v, _) => PostAsync(v, $"/m/{s.MeetingId}/items/{s.ParticipantItemId}/move", new() { ["category"] = "next-steps" }),
            Only(Facilitator), ChangesMeeting: true),
        new("POST /m/{id}/items/{participant's}/remove", (s, v, _) => PostAsync(v, $"/m/{s.MeetingId}/items/{s.ParticipantItemId}/remove", new()),
            Only(Facilitator, Participant), ChangesMeeting: true),

        // Running the meeting.
        new("POST /m/{id}/people/{waiting}/admit", (s, v, _) => PostAsync(v, $"/m/{s.MeetingId}/people/{s.WaitingId}/admit", new()),
            Only(Facilitator), ChangesMeeting: true),
        new("POST /m/{id}/people/{waiting}/decline", (s, v, _) => PostAsync(v, $"/m/{s.MeetingId}/people/{s.WaitingId}/decline", new()),
            Only(Facilitator), ChangesMeeting: true),
        new("POST /m/{id}/people/{admitted}/remove", (s, v, _) => PostAsync(v, $"/m/{s.MeetingId}/people/{s.TargetId}/remove", new()),
            Only(Facilitator), ChangesMeeting: true),
        new("POST /m/{id}/lock", (s, v, _) => PostAsync(v, $"/m/{s.MeetingId}/lock", new()), Only(Facilitator), ChangesMeeting: true),
        new("POST /m/{id}/unlock", (s, v, _) => PostAsync(v, $"/m/{s.MeetingId}/unlock", new()), Only(Facilitator)),
        new("POST /m/{id}/close", (s, v, _) => PostAsync(v, $"/m/{s.MeetingId}/close", new()), Only(Facilitator), ChangesMeeting: true),

        // The live connection.
        new("hub Watch(meeting)", WatchAsync, new(Only(Facilitator, Participant, RoomScreen)) { [InTheLobby] = Expect.Wait }),

        // Facilitators' own pages: any signed-in facilitator, nobody else.
        new("GET /meetings", (_, v, _) => GetAsync(v, "/meetings"), Only(FacilitatorsOnly)),
        new("POST /meetings", (_, v, _) => PostAsync(v, "/meetings", new() { ["meetingId"] = MeetingHosts.NewId(), ["type"] = "GroupSupervision", ["title"] = "Supervision" }),
            Only(FacilitatorsOnly)),
        new("POST /meetings/demo", (_, v, _) => PostAsync(v, "/meetings/demo", new() { ["meetingId"] = MeetingHosts.NewId() }), Only(FacilitatorsOnly)),
        new("GET /facilitators/new", (_, v, _) => GetAsync(v, "/facilitators/new"), Only(FacilitatorsOnly)),
        new("POST /facilitators/new", (_, v, _) => PostAsync(v, "/facilitators/new", new()
        {
            ["name"] = "New Colleague", ["email"] = $"{Guid.NewGuid():N}@example.org", ["password"] = "tangerine river blanket song",
        }), Only(FacilitatorsOnly)),
        new("GET /account/sessions", (_, v, _) => GetAsync(v, "/account/sessions"), Only(FacilitatorsOnly)),
        new("POST /account/sessions/end-others", (_, v, _) => PostAsync(v, "/account/sessions/end-others", new()), Only(FacilitatorsOnly)),

        // Public pages.
        new("GET /join", (_, v, _) => GetAsync(v, "/join"), Everyone()),
        new("GET /sign-in", (_, v, _) => GetAsync(v, "/sign-in"), Everyone()),
        new("GET /healthz", (_, v, _) => GetAsync(v, "/healthz"), Everyone()),
    ];

    public static TheoryData<string, Role> Cells()
    {
        var data = new TheoryData<string, Role>();
        foreach (var row in Rows)
            foreach (var role in Enum.GetValues<Role>())
                data.Add(row.Name, role);
        return data;
    }

    public static int CellCount => Rows.Length * Enum.GetValues<Role>().Length;

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Cell(string endpoint, Role role)
    {
        var row = Rows.Single(r => r.Name == endpoint);
        var expected = row.Expected[role];
        var scene = await world.NewSceneAsync();
        var visitor = await scene.AsAsync(role);
        var before = await world.VersionAsync(scene.MeetingId);

        var outcome = await row.Run(scene, visitor, role);
        var after = await world.VersionAsync(scene.MeetingId);

        switch (expected)
        {
            case Expect.Allow:
                Assert.True((int)outcome.Status is >= 200 and < 400 && !outcome.SentToSignIn,
                    $"{endpoint} as {role}: expected to be allowed, got {(int)outcome.Status} {outcome.Body}");
                if (endpoint == "GET /m/{id}" || endpoint.StartsWith("GET /m/{id}/screen", StringComparison.Ordinal) || endpoint.StartsWith("hub", StringComparison.Ordinal))
                    Assert.True(outcome.SawSecret, $"{endpoint} as {role}: allowed, so the board must show");
                if (row.ChangesMeeting) Assert.True(after > before, $"{endpoint} as {role}: allowed, so the meeting must have changed");
                break;
            case Expect.Deny:
                Assert.True(outcome.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Unauthorized || outcome.SentToSignIn,
                    $"{endpoint} as {role}: expected to be refused, got {(int)outcome.Status}");
                Assert.False(outcome.SawSecret, $"{endpoint} as {role}: refused, yet the meeting's text was sent");
                Assert.Equal(before, after);
                break;
            case Expect.Wait:
                Assert.True((int)outcome.Status is >= 200 and < 300, $"{endpoint} as {role}: expected the lobby, got {(int)outcome.Status}");
                Assert.False(outcome.SawSecret, $"{endpoint} as {role}: in the lobby, yet the meeting's text was sent");
                Assert.Equal(before, after);
                break;
        }
    }

    [Fact]
    public void EveryCellHasAnExpectation()
    {
        foreach (var row in Rows) Assert.Equal(Enum.GetValues<Role>().Length, row.Expected.Count);
        Assert.Equal(Rows.Length, Rows.Select(r => r.Name).Distinct().Count());
    }

    static async Task<Outcome> GetAsync(Visitor v, string path)
    {
        var (status, _, response) = await v.GetAsync(path);
        return await OutcomeOf(status, response);
    }

    static async Task<Outcome> PostAsync(Visitor v, string path, Dictionary<string, string> fields)
    {
        fields["commandId"] = Visitor.NewCommandId();
        var response = await v.PostAsync(path, fields, fetch: true);
        return await OutcomeOf(response.StatusCode, response);
    }

    static async Task<Outcome> OutcomeOf(HttpStatusCode status, HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var toSignIn = status == HttpStatusCode.Redirect && response.Headers.Location?.OriginalString.StartsWith("/sign-in", StringComparison.Ordinal) == true
            || response.Headers.Location?.AbsolutePath() == "/sign-in";
        return new Outcome(status, body.Contains(Secret, StringComparison.Ordinal), toSignIn, body.Length > 300 ? body[..300] : body);
    }

    static async Task<Outcome> WatchAsync(Scene s, Visitor v, Role role)
    {
        await using var hub = await HubClient.ConnectAsync(s.App, v.CookieHeader(s.App), null);
        var result = await hub.WatchAsync(s.MeetingId, 0, role switch { RoomScreen => "screen", InTheLobby => "lobby", _ => "board" },
            role == RoomScreen ? s.ScreenKey : null);
        var sent = string.Join("\n", result.Received.Select(m => m.ToJsonString()));
        return new Outcome(result.Error is null ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
            sent.Contains(Secret, StringComparison.Ordinal),
            false, result.Error ?? "");
    }

    /// <summary>One fresh meeting with someone in each role.</summary>
    public sealed class Scene
    {
        public required TestApp App { get; init; }
        public required World World { get; init; }
        public required string MeetingId { get; init; }
        public required string JoinCode { get; init; }
        public required string ScreenKey { get; init; }
        public required Visitor Lobby { get; init; }
        public required Visitor Participant { get; init; }
        public required Visitor Removed { get; init; }
        public required string WaitingId { get; init; }
        public required string TargetId { get; init; }
        public required string FacilitatorItemId { get; init; }
        public required string ParticipantItemId { get; init; }

        public async Task<Visitor> AsAsync(Role role)
        {
            var visitor = role switch
            {
                Anonymous or RoomScreen => new Visitor(App),
                InTheLobby => Lobby,
                Role.Participant => Participant,
                ParticipantOfAnotherMeeting => World.OtherParticipant,
                RemovedParticipant => Removed,
                FacilitatorOfAnotherMeeting => World.OtherFacilitator,
                _ => World.Facilitator,
            };
            await visitor.GetAsync("/join"); // a page, for a current antiforgery token
            return visitor;
        }
    }

    public sealed class World : IAsyncLifetime
    {
        public TestApp App { get; } = TestApp.Start(new Dictionary<string, string?> { ["MeetingBoard:JoinsPerCodeAllowed"] = "1000" });
        MeetingScenario other = default!;
        public Visitor Facilitator { get; } = default!;
        public Visitor OtherFacilitator => other.Facilitator;
        public Visitor OtherParticipant { get; private set; } = default!;

        public World() => Facilitator = new Visitor(App);

        public async Task InitializeAsync()
        {
            var (email, password) = await App.AddFacilitatorAsync();
            await Facilitator.SignInAsync(email, password);
            other = await MeetingScenario.StartAsync(App, "Another meeting");
            (OtherParticipant, _) = await other.AdmitAsync("Outsider", "Other meeting");
        }

        public async Task<long> VersionAsync(string meetingId) =>
            (await (await App.Services.GetRequiredService<MeetingHosts>().FindAsync(meetingId))!.CatchUpAsync()).Version;

        public async Task<Scene> NewSceneAsync()
        {
            var (meetingId, code) = await Facilitator.CreateMeetingAsync();
            var scenario = new MeetingScenario { App = App, Facilitator = Facilitator, MeetingId = meetingId, JoinCode = code };
            (await scenario.AddItemAsync(Facilitator, "harm", Secret)).EnsureSuccessStatusCode();
            var (lobby, _) = await scenario.AskToJoinAsync("Lee", "Waiting");
            var (_, waitingId) = await scenario.AskToJoinAsync("Jordan", "Waiting too");
            var (participant, _) = await scenario.AdmitAsync("Sam", "Mum");
            var (_, targetId) = await scenario.AdmitAsync("Pat", "Grandmother");
            (await scenario.AddItemAsync(participant, "existing-safety", "Sam's own item")).EnsureSuccessStatusCode();
            var (removed, removedId) = await scenario.AdmitAsync("Alex", "Removed");
            (await Facilitator.PostAsync($"/m/{meetingId}/people/{removedId}/remove",
                new Dictionary<string, string> { ["commandId"] = Visitor.NewCommandId() }, fetch: true)).EnsureSuccessStatusCode();

            var state = await (await App.Services.GetRequiredService<MeetingHosts>().FindAsync(meetingId))!.CatchUpAsync();
            return new Scene
            {
                App = App,
                World = this,
                MeetingId = meetingId,
                JoinCode = code,
                ScreenKey = state.ScreenKey,
                Lobby = lobby,
                Participant = participant,
                Removed = removed,
                WaitingId = waitingId,
                TargetId = targetId,
                FacilitatorItemId = state.Items.Single(i => i.Author.Kind == MeetingBoard.Meetings.ActorKind.Facilitator).Id,
                ParticipantItemId = state.Items.Single(i => i.Author.Kind == MeetingBoard.Meetings.ActorKind.Participant).Id,
            };
        }

        public async Task DisposeAsync()
        {
            Facilitator.Dispose();
            OtherParticipant.Dispose();
            await other.DisposeAsync(); // disposes the app too
        }
    }
}

static class UriExtensions
{
    public static string AbsolutePath(this Uri uri) => uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
}
