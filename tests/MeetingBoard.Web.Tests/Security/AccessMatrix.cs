using System.Net;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
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
    CoFacilitator,
}

/// <summary>Allow: served or done. Deny: refused, nothing of the meeting shown, nothing changed. Wait: let through to the lobby, shown nothing of the meeting.</summary>
public enum Expect { Allow, Deny, Wait }

/// <summary>
/// Every page, endpoint and hub method × every role. A denied read must not contain the meeting's
/// secret text; a denied write must leave the meeting's event stream exactly as it was; an allowed
/// read must show the secret; an allowed write must have answered with success and changed the stream.
/// Reads and refusals share one meeting (they change nothing, and a wrong allow fails its own cell);
/// every allowed write, and every cell whose row needs the meeting in a particular state, gets a fresh one.
/// </summary>
public sealed class AccessMatrix(AccessMatrix.World world) : IClassFixture<AccessMatrix.World>
{
    const string Secret = "Secret of this meeting about Maya"; // no characters that HTML or JSON would escape

    enum Kind { Read, Write, Delete }

    /// <summary>One endpoint: its route as mapped (for the completeness check), how to call it, and who may.</summary>
    sealed record Row(string Name, string Method, string Route, Func<Scene, Visitor, Role, Task<Outcome>> Run, Dictionary<Role, Expect> Expected,
        Kind Kind = Kind.Write, Func<Scene, Task>? Prepare = null, string MeetingType = "ChildProtectionConference", Func<Scene, string>? Shows = null);

    /// <summary>What happened: the status, whether the meeting's secret showed, and whether the answer was "sign in first".</summary>
    public sealed record Outcome(HttpStatusCode Status, bool SawSecret, bool SentToSignIn, string Body);

    static Dictionary<Role, Expect> Only(params Role[] allowed) =>
        Enum.GetValues<Role>().ToDictionary(r => r, r => allowed.Contains(r) ? Expect.Allow : Expect.Deny);

    static Dictionary<Role, Expect> Everyone() => Only(Enum.GetValues<Role>());

    // A co-facilitator is a signed-in facilitator too, so the facilitators' own pages are theirs.
    static readonly Role[] FacilitatorsOnly = [Facilitator, FacilitatorOfAnotherMeeting, CoFacilitator];
    // Running this meeting: the facilitator who started it and anyone they made co-facilitator.
    static readonly Role[] Chairs = [Facilitator, CoFacilitator];
    // Taking part: admitted participants and the chairs.
    static readonly Role[] Contributors = [Facilitator, CoFacilitator, Participant];

    static Row Get(string route, Func<Scene, string> path, Dictionary<Role, Expect> expected, Func<Scene, string>? shows = null) =>
        new($"GET {route}", "GET", route, (s, v, _) => GetAsync(v, path(s)), expected, Kind.Read, Shows: shows);

    // Pages about the meeting that hold none of its items: its own forms, which post to its address, are what shows.
    static string OwnAddress(Scene s) => $"/m/{s.MeetingId}/";

    static Row Post(string route, Func<Scene, string> path, Func<Scene, Dictionary<string, string>> fields, Dictionary<Role, Expect> expected,
        Func<Scene, Task>? prepare = null, string name = "", string type = "ChildProtectionConference") =>
        new($"POST {route}{name}", "POST", route, (s, v, _) => PostAsync(v, path(s), fields(s)), expected, Kind.Write, prepare, type);

    static Dictionary<string, string> None(Scene _) => [];

    static readonly Row[] Rows =
    [
        // Pages of the meeting.
        Get("/m/{meetingId}", s => $"/m/{s.MeetingId}", new(Only(Contributors)) { [InTheLobby] = Expect.Wait }),
        // The room-screen key is the room screen's only credential; everyone else can but guess one.
        new("GET /m/{meetingId}/screen/{screenKey}", "GET", "/m/{meetingId}/screen/{screenKey}",
            (s, v, r) => GetAsync(v, $"/m/{s.MeetingId}/screen/{(r == RoomScreen ? s.ScreenKey : new string('0', 40))}"), Only(RoomScreen), Kind.Read),
        Get("/join/{code}", s => $"/join/{s.JoinCode}", Everyone()),
        Get("/m/{meetingId}/stages", s => $"/m/{s.MeetingId}/stages", Only(Chairs), OwnAddress),

        // Records and audit: this meeting's facilitators only, everyone else "not found".
        Get("/m/{meetingId}/record", s => $"/m/{s.MeetingId}/record", Only(Chairs)),
        Get("/m/{meetingId}/record/family", s => $"/m/{s.MeetingId}/record/family", Only(Chairs)),
        Get("/m/{meetingId}/record.md", s => $"/m/{s.MeetingId}/record.md", Only(Chairs)),
        Get("/m/{meetingId}/record.txt", s => $"/m/{s.MeetingId}/record.txt", Only(Chairs)),
        Get("/m/{meetingId}/record.json", s => $"/m/{s.MeetingId}/record.json", Only(Chairs)),
        Get("/m/{meetingId}/audit", s => $"/m/{s.MeetingId}/audit", Only(Chairs)),
        Get("/m/{meetingId}/delete", s => $"/m/{s.MeetingId}/delete", Only(Chairs), OwnAddress),
        new("POST /m/{meetingId}/delete", "POST", "/m/{meetingId}/delete", (s, v, _) => PostAsync(v, $"/m/{s.MeetingId}/delete", []), Only(Chairs), Kind.Delete),

        // Changes to the board.
        Post("/m/{meetingId}/items", s => $"/m/{s.MeetingId}/items", _ => new() { ["category"] = "harm", ["text"] = "Added" }, Only(Contributors)),
        Post("/m/{meetingId}/items/{itemId}/edit", s => $"/m/{s.MeetingId}/items/{s.FacilitatorItemId}/edit", _ => new() { ["text"] = "Changed" },
            Only(Chairs), name: " (facilitator's)"),
        Post("/m/{meetingId}/items/{itemId}/edit", s => $"/m/{s.MeetingId}/items/{s.ParticipantItemId}/edit", _ => new() { ["text"] = "Changed" },
            Only(Contributors), name: " (participant's)"),
        Post("/m/{meetingId}/items/{itemId}/move", s => $"/m/{s.MeetingId}/items/{s.ParticipantItemId}/move", _ => new() { ["category"] = "next-steps" }, Only(Chairs)),
        Post("/m/{meetingId}/items/{itemId}/remove", s => $"/m/{s.MeetingId}/items/{s.ParticipantItemId}/remove", None, Only(Contributors), name: " (participant's)"),
        Post("/m/{meetingId}/items/{itemId}/remove", s => $"/m/{s.MeetingId}/items/{s.FacilitatorItemId}/remove", None, Only(Chairs), name: " (facilitator's)"),

        // Running the meeting.
        Post("/m/{meetingId}/people/{participantId}/admit", s => $"/m/{s.MeetingId}/people/{s.WaitingId}/admit", None, Only(Chairs)),
        Post("/m/{meetingId}/people/{participantId}/decline", s => $"/m/{s.MeetingId}/people/{s.WaitingId}/decline", None, Only(Chairs)),
        Post("/m/{meetingId}/people/{participantId}/remove", s => $"/m/{s.MeetingId}/people/{s.TargetId}/remove", None, Only(Chairs)),
        Post("/m/{meetingId}/people/{participantId}/role", s => $"/m/{s.MeetingId}/people/{s.TargetId}/role", _ => new() { ["role"] = "Presenter" },
            Only(Chairs), type: "GroupSupervision"),
        Post("/m/{meetingId}/lock", s => $"/m/{s.MeetingId}/lock", None, Only(Chairs)),
        Post("/m/{meetingId}/unlock", s => $"/m/{s.MeetingId}/unlock", None, Only(Chairs), prepare: s => s.ChairPostAsync("lock")),
        Post("/m/{meetingId}/close", s => $"/m/{s.MeetingId}/close", None, Only(Chairs)),

        // Facilitation.
        Post("/m/{meetingId}/stage", s => $"/m/{s.MeetingId}/stage", _ => new() { ["stageId"] = "plan" }, Only(Chairs)),
        Post("/m/{meetingId}/board/lock", s => $"/m/{s.MeetingId}/board/lock", None, Only(Chairs)),
        Post("/m/{meetingId}/board/unlock", s => $"/m/{s.MeetingId}/board/unlock", None, Only(Chairs), prepare: s => s.ChairPostAsync("board/lock")),
        Post("/m/{meetingId}/categories/{slug}/open", s => $"/m/{s.MeetingId}/categories/harm/open", None, Only(Chairs),
            prepare: s => s.ChairPostAsync("stage", new() { ["stageId"] = "plan" })),
        Post("/m/{meetingId}/categories/{slug}/close", s => $"/m/{s.MeetingId}/categories/next-steps/close", None, Only(Chairs),
            prepare: s => s.ChairPostAsync("stage", new() { ["stageId"] = "plan" })),
        // Questions are the group's, during the stage that asks them (group supervision's information and mapping).
        Post("/m/{meetingId}/questions", s => $"/m/{s.MeetingId}/questions", _ => new() { ["text"] = "Who lives at home?" }, Only(Contributors),
            prepare: s => s.ChairPostAsync("stage", new() { ["stageId"] = "information" }), type: "GroupSupervision"),
        Post("/m/{meetingId}/co-facilitators", s => $"/m/{s.MeetingId}/co-facilitators", s => new() { ["email"] = s.World.SpareFacilitatorEmail }, Only(Chairs)),
        Post("/m/{meetingId}/spotlight", s => $"/m/{s.MeetingId}/spotlight", s => new() { ["itemId"] = s.ParticipantItemId }, Only(Chairs)),
        Post("/m/{meetingId}/timer", s => $"/m/{s.MeetingId}/timer", _ => new() { ["minutes"] = "5", ["seconds"] = "0" }, Only(Chairs)),
        Post("/m/{meetingId}/timer/pause", s => $"/m/{s.MeetingId}/timer/pause", None, Only(Chairs), prepare: StartTimerAsync),
        Post("/m/{meetingId}/timer/resume", s => $"/m/{s.MeetingId}/timer/resume", None, Only(Chairs),
            prepare: async s => { await StartTimerAsync(s); await s.ChairPostAsync("timer/pause"); }),
        Post("/m/{meetingId}/timer/clear", s => $"/m/{s.MeetingId}/timer/clear", None, Only(Chairs), prepare: StartTimerAsync),
        Post("/m/{meetingId}/anonymous/start", s => $"/m/{s.MeetingId}/anonymous/start", None, Only(Chairs)),
        Post("/m/{meetingId}/anonymous/end", s => $"/m/{s.MeetingId}/anonymous/end", None, Only(Chairs), prepare: s => s.ChairPostAsync("anonymous/start")),
        Post("/m/{meetingId}/turns/start", s => $"/m/{s.MeetingId}/turns/start", None, Only(Chairs)),
        Post("/m/{meetingId}/turns/next", s => $"/m/{s.MeetingId}/turns/next", s => new() { ["speaker"] = "p:" + s.ParticipantId }, Only(Chairs),
            prepare: s => s.ChairPostAsync("turns/start")),
        // The first turn is the participant's own (the first admitted), so passing it is theirs to do.
        Post("/m/{meetingId}/turns/pass", s => $"/m/{s.MeetingId}/turns/pass", s => new() { ["speaker"] = "p:" + s.ParticipantId }, Only(Contributors),
            prepare: s => s.ChairPostAsync("turns/start")),
        Post("/m/{meetingId}/turns/end", s => $"/m/{s.MeetingId}/turns/end", None, Only(Chairs), prepare: s => s.ChairPostAsync("turns/start")),
        Post("/m/{meetingId}/decision", s => $"/m/{s.MeetingId}/decision", _ => new() { ["text"] = "A child protection plan" }, Only(Chairs)),
        // Everyone taking part gives their own view on the decision; the room screen does not.
        Post("/m/{meetingId}/decision/view", s => $"/m/{s.MeetingId}/decision/view", _ => new() { ["view"] = "disagree", ["why"] = "Not yet" }, Only(Contributors),
            prepare: s => s.ChairPostAsync("decision", new() { ["text"] = "A child protection plan" })),
        Post("/m/{meetingId}/stages/{stageId}/rename", s => $"/m/{s.MeetingId}/stages/plan/rename", _ => new() { ["title"] = "Planning" }, Only(Chairs)),
        Post("/m/{meetingId}/stages/{stageId}/move", s => $"/m/{s.MeetingId}/stages/plan/move", _ => new() { ["direction"] = "up" }, Only(Chairs)),
        Post("/m/{meetingId}/stages/{stageId}/skip", s => $"/m/{s.MeetingId}/stages/plan/skip", None, Only(Chairs)),
        Post("/m/{meetingId}/stages/{stageId}/include", s => $"/m/{s.MeetingId}/stages/plan/include", None, Only(Chairs),
            prepare: s => s.ChairPostAsync("stages/plan/skip")),
        Post("/m/{meetingId}/stages/{stageId}/categories", s => $"/m/{s.MeetingId}/stages/plan/categories", _ => new() { ["categories"] = "harm" }, Only(Chairs)),

        // Practice structure.
        Post("/m/{meetingId}/wording", s => $"/m/{s.MeetingId}/wording", _ => new() { ["wording"] = "SignsOfWellbeing" }, Only(Chairs)),
        // Composing decides without storing: allowed for contributors, yet it never changes the meeting.
        new("POST /m/{meetingId}/danger-statements/compose", "POST", "/m/{meetingId}/danger-statements/compose",
            (s, v, _) => PostAsync(v, $"/m/{s.MeetingId}/danger-statements/compose", Statement()), Only(Contributors), Kind.Read, Shows: OwnAddress),
        Post("/m/{meetingId}/danger-statements", s => $"/m/{s.MeetingId}/danger-statements", _ => Statement(), Only(Contributors)),
        Post("/m/{meetingId}/danger-statements/{statementId}/edit", s => $"/m/{s.MeetingId}/danger-statements/{s.StatementId}/edit",
            _ => new() { ["sentence"] = "Plainer words about Maya." }, Only(Chairs), name: " (facilitator's)"),
        Post("/m/{meetingId}/danger-statements/{statementId}/remove", s => $"/m/{s.MeetingId}/danger-statements/{s.StatementId}/remove", None,
            Only(Chairs), name: " (facilitator's)"),
        // A disagreement is the family's and others' voice; the chair changes the statement instead.
        Post("/m/{meetingId}/danger-statements/{statementId}/disagree", s => $"/m/{s.MeetingId}/danger-statements/{s.StatementId}/disagree",
            _ => new() { ["view"] = "That is not what happened." }, Only(Participant)),
        new("POST /m/{meetingId}/safety-goals/compose", "POST", "/m/{meetingId}/safety-goals/compose",
            (s, v, _) => PostAsync(v, $"/m/{s.MeetingId}/safety-goals/compose", Goal(s)), Only(Contributors), Kind.Read, Shows: OwnAddress),
        Post("/m/{meetingId}/safety-goals", s => $"/m/{s.MeetingId}/safety-goals", Goal, Only(Contributors)),
        Post("/m/{meetingId}/safety-goals/{goalId}/edit", s => $"/m/{s.MeetingId}/safety-goals/{s.GoalId}/edit",
            _ => new() { ["sentence"] = "Maya will be safe at home." }, Only(Chairs), name: " (facilitator's)"),
        Post("/m/{meetingId}/safety-goals/{goalId}/remove", s => $"/m/{s.MeetingId}/safety-goals/{s.GoalId}/remove", None, Only(Chairs), name: " (facilitator's)"),
        Post("/m/{meetingId}/harm", s => $"/m/{s.MeetingId}/harm", _ => new() { ["behaviour"] = "Shouting", ["worst"] = "In March" }, Only(Contributors)),
        Post("/m/{meetingId}/harm/{harmId}/remove", s => $"/m/{s.MeetingId}/harm/{s.HarmId}/remove", None, Only(Chairs), name: " (facilitator's)"),
        Post("/m/{meetingId}/next-steps", s => $"/m/{s.MeetingId}/next-steps", Step, Only(Contributors)),
        Post("/m/{meetingId}/next-steps/{stepId}/status", s => $"/m/{s.MeetingId}/next-steps/{s.MyStepId}/status", _ => new() { ["status"] = "Done" },
            Only(Contributors), name: " (the participant's own)"),
        Post("/m/{meetingId}/next-steps/{stepId}/status", s => $"/m/{s.MeetingId}/next-steps/{s.OtherStepId}/status", _ => new() { ["status"] = "Done" },
            Only(Chairs), name: " (someone else's)"),
        Post("/m/{meetingId}/next-steps/{stepId}/remove", s => $"/m/{s.MeetingId}/next-steps/{s.OtherStepId}/remove", None, Only(Chairs), name: " (facilitator's)"),
        // Whether a step needs a manager's sign-off: the chairs, and in group supervision the presenter (here the participant).
        Post("/m/{meetingId}/next-steps/{stepId}/sign-off", s => $"/m/{s.MeetingId}/next-steps/{s.MyStepId}/sign-off", _ => new() { ["needsSignOff"] = "true" },
            Only(Chairs), name: " (conference: chairs only, even on the participant's own step)"),
        Post("/m/{meetingId}/next-steps/{stepId}/sign-off", s => $"/m/{s.MeetingId}/next-steps/{s.OtherStepId}/sign-off", _ => new() { ["needsSignOff"] = "true" },
            Only(Contributors), name: " (group supervision: the participant presents)", type: "GroupSupervision",
            prepare: s => s.ChairPostAsync($"people/{s.ParticipantId}/role", new() { ["role"] = "Presenter" })),

        // Scaling: scores from those taking part; the round itself is the chair's.
        Post("/m/{meetingId}/rounds", s => $"/m/{s.MeetingId}/rounds",
            _ => new() { ["question"] = "How safe is Maya?", ["tenMeans"] = "Safe", ["zeroMeans"] = "Not safe" }, Only(Chairs),
            prepare: s => s.ChairPostAsync($"rounds/{s.RoundId}/close")),
        Post("/m/{meetingId}/rounds/{roundId}/score", s => $"/m/{s.MeetingId}/rounds/{s.RoundId}/score",
            _ => new() { ["attempt"] = "1", ["score"] = "6", ["reason"] = "Pat is there" }, Only(Contributors)),
        Post("/m/{meetingId}/rounds/{roundId}/pass", s => $"/m/{s.MeetingId}/rounds/{s.RoundId}/pass", _ => new() { ["attempt"] = "1" }, Only(Contributors)),
        Post("/m/{meetingId}/rounds/{roundId}/record", s => $"/m/{s.MeetingId}/rounds/{s.RoundId}/record",
            _ => new() { ["attempt"] = "1", ["name"] = "Nan", ["role"] = "Grandmother", ["group"] = "family", ["score"] = "4", ["reason"] = "Worried" }, Only(Chairs)),
        Post("/m/{meetingId}/rounds/{roundId}/reveal", s => $"/m/{s.MeetingId}/rounds/{s.RoundId}/reveal", None, Only(Chairs)),
        Post("/m/{meetingId}/rounds/{roundId}/rerun", s => $"/m/{s.MeetingId}/rounds/{s.RoundId}/rerun", None, Only(Chairs),
            prepare: s => s.ChairPostAsync($"rounds/{s.RoundId}/reveal")),
        Post("/m/{meetingId}/rounds/{roundId}/close", s => $"/m/{s.MeetingId}/rounds/{s.RoundId}/close", None, Only(Chairs)),
        Post("/m/{meetingId}/scaling-groups/{participantId}", s => $"/m/{s.MeetingId}/scaling-groups/{s.TargetId}", _ => new() { ["group"] = "Family" }, Only(Chairs)),

        // The live connection.

        // Facilitators' own pages: any signed-in facilitator, nobody else.
        Get("/meetings", _ => "/meetings", Only(FacilitatorsOnly)),
        new("POST /meetings", "POST", "/meetings", (_, v, _) => PostAsync(v, "/meetings", new() { ["meetingId"] = MeetingHosts.NewId(), ["type"] = "GroupSupervision", ["title"] = "Supervision" }),
            Only(FacilitatorsOnly), Kind.Read),
        new("POST /meetings/demo", "POST", "/meetings/demo", (_, v, _) => PostAsync(v, "/meetings/demo", new() { ["meetingId"] = MeetingHosts.NewId() }), Only(FacilitatorsOnly), Kind.Read),
        Get("/facilitators/new", _ => "/facilitators/new", Only(FacilitatorsOnly)),
        new("POST /facilitators/new", "POST", "/facilitators/new", (_, v, _) => PostAsync(v, "/facilitators/new", new()
        {
            ["name"] = "New Colleague", ["email"] = $"{Guid.NewGuid():N}@example.org", ["password"] = "tangerine river blanket song",
        }), Only(FacilitatorsOnly), Kind.Read),
        Get("/account/sessions", _ => "/account/sessions", Only(FacilitatorsOnly)),
        new("POST /account/sessions/end-others", "POST", "/account/sessions/end-others", (_, v, _) => PostAsync(v, "/account/sessions/end-others", new()), Only(FacilitatorsOnly), Kind.Read),

        // Public pages.
        Get("/join", _ => "/join", Everyone()),
        Get("/sign-in", _ => "/sign-in", Everyone()),
        Get("/healthz", _ => "/healthz", Everyone()),
    ];

    /// <summary>
    /// Mapped routes with no row above, and why no role matrix fits them. Anything mapped that is in
    /// neither list fails <see cref="EveryMappedEndpointHasAnAccessDecision"/>.
    /// </summary>
    static readonly Dictionary<string, string> Public = new()
    {
        ["GET /"] = "redirects to /join or /meetings; shows nothing",
        ["GET /readyz"] = "health, as /healthz; shows nothing of any meeting",
        ["POST /join"] = "entering a code: public by design, rate limited (LobbyAndLocking)",
        ["POST /join/{code}"] = "asking to join: public by design, lands in the lobby (LobbyAndLocking)",
        ["POST /sign-in"] = "public by design, with back-off and lock-out (Sessions)",
        ["POST /sign-out"] = "ends only the caller's own session (Sessions)",
        ["GET /setup/{token}"] = "the first facilitator's one-time setup link; the token is the credential (Sessions)",
        ["POST /setup/{token}"] = "as above",
        ["POST /account/sessions/{sessionId}/end"] = "ends one of the caller's own sessions only (Sessions)",
    };

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
        var fresh = row.Kind != Kind.Read && (expected == Expect.Allow || row.Prepare is not null || row.MeetingType != "ChildProtectionConference");
        var scene = fresh ? await world.NewSceneAsync(row.MeetingType) : await world.SharedSceneAsync();
        if (fresh && row.Prepare is not null) await row.Prepare(scene);
        var visitor = await scene.AsAsync(role);
        var before = await world.VersionAsync(scene.MeetingId);

        var outcome = await row.Run(scene, visitor, role);
        var after = await world.VersionAsync(scene.MeetingId);
        var showedMeeting = row.Shows is { } shows ? outcome.Body.Contains(shows(scene), StringComparison.Ordinal) : outcome.SawSecret;
        var body = outcome.Body.Length > 300 ? outcome.Body[..300] : outcome.Body;

        switch (expected)
        {
            case Expect.Allow:
                Assert.True((int)outcome.Status is >= 200 and < 400 && !outcome.SentToSignIn,
                    $"{endpoint} as {role}: expected to be allowed, got {(int)outcome.Status} {body}");
                if (row.Kind == Kind.Read && row.Route.StartsWith("/m/", StringComparison.Ordinal) || row.Method == "HUB")
                    Assert.True(showedMeeting, $"{endpoint} as {role}: allowed, so the meeting must show");
                if (row.Kind == Kind.Write) Assert.True(after > before, $"{endpoint} as {role}: allowed, so the meeting must have changed");
                if (row.Kind == Kind.Delete) Assert.Equal(-1, after);
                break;
            case Expect.Deny:
                Assert.True(outcome.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound or HttpStatusCode.Unauthorized || outcome.SentToSignIn,
                    $"{endpoint} as {role}: expected to be refused, got {(int)outcome.Status} {body}");
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

    /// <summary>An endpoint mapped later without a decision about who may use it fails here.</summary>
    [Fact]
    public void EveryMappedEndpointHasAnAccessDecision()
    {
        var mapped = world.App.Services.GetServices<EndpointDataSource>()
            .SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && !raw.StartsWith(HubOrigins.Path, StringComparison.Ordinal))
            // Health checks are mapped for any method; GET is how they are asked.
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Where(e => !e.Contains("{**", StringComparison.Ordinal)) // static files: public by nature
            .ToHashSet();
        var decided = Rows.Where(r => r.Method != "HUB").Select(r => $"{r.Method} {r.Route}").Concat(Public.Keys).ToHashSet();
        Assert.Empty(mapped.Except(decided).Order());
        Assert.Empty(decided.Except(mapped).Order()); // no stale rows either
        Assert.True(mapped.Count > 60, $"only {mapped.Count} endpoints found: is the data source the app's?");
    }

    static Task StartTimerAsync(Scene s) => s.ChairPostAsync("timer", new() { ["minutes"] = "5", ["seconds"] = "0" });

    static Dictionary<string, string> Statement() => new()
    {
        ["who"] = "The school", ["behaviour"] = "Jordan shouted at Sam", ["impact"] = "Maya hides under her bed", ["ifNothingChanges"] = "Maya could be hurt",
    };

    static Dictionary<string, string> Goal(Scene s) => GoalFor(s.StatementId);

    static Dictionary<string, string> GoalFor(string statementId) => new()
    {
        ["statementId"] = statementId, ["carersWillDo"] = "Sam will call Pat", ["childWillExperience"] = "Maya feels calm",
        ["professionalsWillSee"] = "School sees Maya settled", ["howLong"] = "six months",
    };

    static Dictionary<string, string> Step(Scene s) => new()
    {
        ["who"] = s.ParticipantId, ["what"] = "Call Pat", ["dueDay"] = "1", ["dueMonth"] = "6", ["dueYear"] = "2030",
    };

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
        return new Outcome(status, body.Contains(Secret, StringComparison.Ordinal), toSignIn, body);
    }

    /// <summary>One meeting with someone in each role, and one of each thing the endpoints act on.</summary>
    public sealed class Scene
    {
        public required TestApp App { get; init; }
        public required World World { get; init; }
        public required string MeetingId { get; init; }
        public required string JoinCode { get; init; }
        public required string ScreenKey { get; init; }
        public required Visitor Lobby { get; init; }
        public required Visitor Participant { get; init; }
        public required string ParticipantId { get; init; }
        public required Visitor Removed { get; init; }
        public required string WaitingId { get; init; }
        public required string TargetId { get; init; }
        public required string FacilitatorItemId { get; init; }
        public required string ParticipantItemId { get; init; }
        public required string StatementId { get; init; }
        public required string GoalId { get; init; }
        public required string HarmId { get; init; }
        public required string MyStepId { get; init; }
        public required string OtherStepId { get; init; }
        public required string RoundId { get; init; }

        public async Task ChairPostAsync(string path, Dictionary<string, string>? fields = null)
        {
            fields ??= [];
            fields["commandId"] = Visitor.NewCommandId();
            var response = await World.Facilitator.PostAsync($"/m/{MeetingId}/{path}", fields, fetch: true);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"Preparing {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

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
                CoFacilitator => World.CoFacilitator,
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
        Scene? shared;
        public Visitor Facilitator { get; }
        public Visitor CoFacilitator { get; }
        string coFacilitatorEmail = "";
        /// <summary>A facilitator account made co-facilitator of no scene, for the cell that adds one.</summary>
        public string SpareFacilitatorEmail { get; private set; } = "";
        public Visitor OtherFacilitator => other.Facilitator;
        public Visitor OtherParticipant { get; private set; } = default!;

        public World()
        {
            Facilitator = new Visitor(App);
            CoFacilitator = new Visitor(App);
        }

        public async Task InitializeAsync()
        {
            var (email, password) = await App.AddFacilitatorAsync();
            await Facilitator.SignInAsync(email, password);
            (coFacilitatorEmail, password) = await App.AddFacilitatorAsync("Robin Co");
            await CoFacilitator.SignInAsync(coFacilitatorEmail, password);
            (SpareFacilitatorEmail, _) = await App.AddFacilitatorAsync("Sasha Spare");
            other = await MeetingScenario.StartAsync(App, "Another meeting");
            (OtherParticipant, _) = await other.AdmitAsync("Outsider", "Other meeting");
        }

        /// <summary>The meeting's event count, or -1 once it has been deleted.</summary>
        public async Task<long> VersionAsync(string meetingId) =>
            await App.Services.GetRequiredService<MeetingHosts>().FindAsync(meetingId) is { } host ? (await host.CatchUpAsync()).Version : -1;

        public async Task<Scene> SharedSceneAsync() => shared ??= await NewSceneAsync("ChildProtectionConference");

        public async Task<Scene> NewSceneAsync(string type)
        {
            var (meetingId, code) = await Facilitator.CreateMeetingAsync(type: type);
            var scenario = new MeetingScenario { App = App, Facilitator = Facilitator, MeetingId = meetingId, JoinCode = code };
            async Task Chair(string path, Dictionary<string, string> fields)
            {
                fields["commandId"] = Visitor.NewCommandId();
                var response = await Facilitator.PostAsync($"/m/{meetingId}/{path}", fields, fetch: true);
                if (!response.IsSuccessStatusCode)
                    throw new InvalidOperationException($"Setting up {path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            (await scenario.AddItemAsync(Facilitator, "harm", Secret)).EnsureSuccessStatusCode();
            var (lobby, _) = await scenario.AskToJoinAsync("Lee", "Waiting");
            var (_, waitingId) = await scenario.AskToJoinAsync("Jordan", "Waiting too");
            var (participant, participantId) = await scenario.AdmitAsync("Sam", "Mum");
            var (target, targetId) = await scenario.AdmitAsync("Pat", "Grandmother");
            (await scenario.AddItemAsync(participant, "existing-safety", "Sam's own item")).EnsureSuccessStatusCode();
            var (removed, removedId) = await scenario.AdmitAsync("Alex", "Removed");
            await Chair($"people/{removedId}/remove", []);
            await Chair("co-facilitators", new() { ["email"] = coFacilitatorEmail });
            await Chair("danger-statements", Statement());
            var mid = await (await App.Services.GetRequiredService<MeetingHosts>().FindAsync(meetingId))!.CatchUpAsync();
            var statementId = mid.Practice.Statements.Single().Id;
            await Chair("safety-goals", GoalFor(statementId));
            await Chair("harm", new() { ["behaviour"] = "Shouting", ["worst"] = "In March" });
            await Chair("next-steps", new() { ["who"] = participantId, ["what"] = "Call Pat", ["dueDay"] = "1", ["dueMonth"] = "6", ["dueYear"] = "2030" });
            await Chair("next-steps", new() { ["who"] = targetId, ["what"] = "Visit school", ["dueDay"] = "2", ["dueMonth"] = "6", ["dueYear"] = "2030" });
            await Chair("rounds", new() { ["question"] = "How safe is Maya?", ["tenMeans"] = "Safe", ["zeroMeans"] = "Not safe" });
            mid = await (await App.Services.GetRequiredService<MeetingHosts>().FindAsync(meetingId))!.CatchUpAsync();
            var roundId = mid.Scaling.Rounds.Single().Id;
            (await target.PostAsync($"/m/{meetingId}/rounds/{roundId}/score", new Dictionary<string, string>
            {
                ["commandId"] = Visitor.NewCommandId(), ["attempt"] = "1", ["score"] = "5", ["reason"] = "Pat is there",
            }, fetch: true)).EnsureSuccessStatusCode();
            target.Dispose();

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
                ParticipantId = participantId,
                Removed = removed,
                WaitingId = waitingId,
                TargetId = targetId,
                FacilitatorItemId = state.Items.Single(i => i.Author.Kind == MeetingBoard.Meetings.ActorKind.Facilitator).Id,
                ParticipantItemId = state.Items.Single(i => i.Author.Kind == MeetingBoard.Meetings.ActorKind.Participant).Id,
                StatementId = statementId,
                GoalId = state.Practice.Goals.Single().Id,
                HarmId = state.Practice.Harm.Single().Id,
                MyStepId = state.Practice.Steps.Single(s => s.Action == "Call Pat").Id,
                OtherStepId = state.Practice.Steps.Single(s => s.Action == "Visit school").Id,
                RoundId = roundId,
            };
        }

        public async Task DisposeAsync()
        {
            Facilitator.Dispose();
            CoFacilitator.Dispose();
            OtherParticipant.Dispose();
            await other.DisposeAsync(); // disposes the app too
        }
    }
}

static class UriExtensions
{
    public static string AbsolutePath(this Uri uri) => uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString.Split('?')[0];
}