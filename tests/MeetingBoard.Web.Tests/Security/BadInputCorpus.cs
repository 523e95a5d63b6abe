using System.Net;
using System.Text;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Storage;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingBoard.Web.Tests.Security;

/// <summary>
/// Hostile and odd input against every write endpoint, sent by someone allowed to write there so that
/// validation, not access control, is what answers. Never a 5xx. Refused input: a 4xx with a message,
/// and nothing stored. Acceptable input (emoji, markup as text, other scripts): stored exactly as typed
/// (after Unicode NFC normalisation) and shown escaped.
/// </summary>
public sealed class BadInputCorpus(BadInputCorpus.World world) : IClassFixture<BadInputCorpus.World>
{
    /// <summary>Typed values. Acceptable ones must be kept in free-text fields; every value is refused in the other fields.</summary>
    public static readonly (string Label, string Value, bool Acceptable)[] Values =
    [
        ("empty", "", false),
        ("only spaces", "   \t  ", false),
        ("oversized (20,000 characters)", new string('x', 20_000), false),
        ("NUL", "a\u0000b", false),
        ("bell and escape", "bell\u0007 \u001b[31mred", false),
        ("right-to-left override", "invoice\u202Egnp.exe", false),
        ("isolate controls", "\u2066hidden\u2069", false),
        ("only zero-width", "\u200B\u200B\u200B", false),
        ("Zalgo", "Z" + new string('\u0336', 12) + "algo", false),
        ("emoji", "Sam said 👩‍👧‍👦 ❤️ 🏳️‍🌈", true),
        ("zero-width inside a word", "Pat\u200Bsy", true),
        ("combining accent", "Cafe\u0301 with Zoe\u0308", true),
        ("other scripts", "Мария 玛丽亚 مريم", true),
        ("script tag", "<script>alert(1)</script>", true),
        ("image onerror", "<img src=x onerror=alert(1)>", true),
        ("Markdown link", "[click](javascript:alert(1)) **bold** # heading", true),
        ("SQL", "'; DROP TABLE events; --", true),
        ("template", "{{7*7}} ${7*7} @(7*7)", true),
    ];

    /// <summary>Fields that may be left empty: blank there is acceptable, and stored as nothing.</summary>
    static readonly string[] Optional = ["caseReference", "safetyInPlace", "howLong", "howOften", "first", "worst", "last", "otherName", "oneHigher", "why"];

    /// <summary>Whole requests that are wrong whatever the fields say.</summary>
    public static readonly string[] Bodies =
    [
        "no antiforgery token", "wrong antiforgery token", "JSON", "text/plain", "no body", "over 64 KB",
        "malformed encoding", "broken multipart", "the same field twice", "5,000 fields",
    ];

    sealed record Endpoint(string Name, Func<World, string> Path, Func<World, Visitor> Who, Func<Dictionary<string, string>> Valid,
        string[] TextFields, Func<World, string, Dictionary<string, string>, Task<bool>>? Stored = null, Func<World, Task>? Before = null);

    static string Kept(Dictionary<string, string> f, string field) => f[field].Normalize().Trim();

    static Dictionary<string, string> Statement() => new()
    {
        ["who"] = "The school", ["behaviour"] = "Jordan shouted", ["impact"] = "Maya hides", ["ifNothingChanges"] = "Maya could be hurt",
    };

    /// <summary>The world of the running test, for the valid form that names one of its statements.</summary>
    static World? Current;

    static Dictionary<string, string> Goal(World? w) => new()
    {
        ["statementId"] = w?.StatementId ?? "", ["carersWillDo"] = "Sam will call", ["childWillExperience"] = "Maya calm",
        ["professionalsWillSee"] = "School sees it", ["howLong"] = "six months",
    };

    static readonly Endpoint[] Endpoints =
    [
        new("POST /m/{id}/items", w => $"/m/{w.MeetingId}/items", w => w.Participant, () => new() { ["category"] = "harm", ["text"] = "Fine" }, ["text"],
            async (w, field, f) => (await w.StateAsync()).Items.Any(i => i.Text == f["text"].Normalize())),
        new("POST /m/{id}/items/{item}/edit", w => $"/m/{w.MeetingId}/items/{w.ItemId}/edit", w => w.Participant, () => new() { ["text"] = "Fine" }, ["text"],
            async (w, field, f) => (await w.StateAsync()).FindItem(w.ItemId)!.Text == f["text"].Normalize()),
        new("POST /m/{id}/items/{item}/move", w => $"/m/{w.MeetingId}/items/{w.ItemId}/move", w => w.Facilitator, () => new() { ["category"] = "next-steps" }, []),
        new("POST /m/{id}/items/{item}/remove", w => $"/m/{w.MeetingId}/items/{w.OtherItemId}/remove", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/people/{p}/admit", w => $"/m/{w.MeetingId}/people/{w.WaitingId}/admit", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/people/{p}/decline", w => $"/m/{w.MeetingId}/people/{w.WaitingId}/decline", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/people/{p}/remove", w => $"/m/{w.MeetingId}/people/{w.WaitingId}/remove", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/lock", w => $"/m/{w.MeetingId}/lock", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/unlock", w => $"/m/{w.MeetingId}/unlock", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/close", w => $"/m/{w.MeetingId}/close", w => w.Facilitator, () => new(), []),
        // Facilitation.
        new("POST /m/{id}/stage", w => $"/m/{w.MeetingId}/stage", w => w.Facilitator, () => new() { ["stageId"] = "plan" }, []),
        new("POST /m/{id}/board/lock", w => $"/m/{w.MeetingId}/board/lock", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/board/unlock", w => $"/m/{w.MeetingId}/board/unlock", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/categories/{slug}/open", w => $"/m/{w.MeetingId}/categories/harm/open", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/categories/{slug}/close", w => $"/m/{w.MeetingId}/categories/harm/close", w => w.Facilitator, () => new(), []),
        // Questions open only in group supervision's information stage; here their text is refused for the stage first.
        new("POST /m/{id}/questions", w => $"/m/{w.MeetingId}/questions", w => w.Participant, () => new() { ["text"] = "Who lives at home?" }, []),
        new("POST /m/{id}/co-facilitators", w => $"/m/{w.MeetingId}/co-facilitators", w => w.Facilitator, () => new() { ["email"] = "nobody@example.org" }, []),
        new("POST /m/{id}/spotlight", w => $"/m/{w.MeetingId}/spotlight", w => w.Facilitator, () => new() { ["itemId"] = "" }, []),
        new("POST /m/{id}/timer", w => $"/m/{w.MeetingId}/timer", w => w.Facilitator, () => new() { ["minutes"] = "5", ["seconds"] = "0" }, []),
        new("POST /m/{id}/timer/pause", w => $"/m/{w.MeetingId}/timer/pause", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/timer/resume", w => $"/m/{w.MeetingId}/timer/resume", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/timer/clear", w => $"/m/{w.MeetingId}/timer/clear", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/anonymous/start", w => $"/m/{w.MeetingId}/anonymous/start", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/anonymous/end", w => $"/m/{w.MeetingId}/anonymous/end", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/turns/start", w => $"/m/{w.MeetingId}/turns/start", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/turns/next", w => $"/m/{w.MeetingId}/turns/next", w => w.Facilitator, () => new() { ["speaker"] = "p:x" }, []),
        new("POST /m/{id}/turns/pass", w => $"/m/{w.MeetingId}/turns/pass", w => w.Participant, () => new() { ["speaker"] = "p:x" }, []),
        new("POST /m/{id}/turns/end", w => $"/m/{w.MeetingId}/turns/end", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/decision", w => $"/m/{w.MeetingId}/decision", w => w.Facilitator, () => new() { ["text"] = "Fine decision" }, ["text"],
            async (w, field, f) => (await w.StateAsync()).Facilitation.Decision?.Text == Kept(f, field)),
        new("POST /m/{id}/decision/view", w => $"/m/{w.MeetingId}/decision/view", w => w.Participant, () => new() { ["view"] = "disagree", ["why"] = "Fine" }, ["why"],
            async (w, field, f) => (await w.StateAsync()).Facilitation.Decision!.Views.Any(v => (v.Reason ?? "") == Kept(f, field)),
            Before: w => w.DecideAsync()),
        new("POST /m/{id}/people/{p}/role", w => $"/m/{w.MeetingId}/people/{w.ParticipantId}/role", w => w.Facilitator, () => new() { ["role"] = "Presenter" }, []),
        new("POST /m/{id}/stages/{stage}/rename", w => $"/m/{w.MeetingId}/stages/plan/rename", w => w.Facilitator, () => new() { ["title"] = "Fine" }, ["title"],
            async (w, field, f) => MeetingBoard.Facilitation.Facilitating.FindStage(await w.StateAsync(), "plan")!.Title == Kept(f, field)),
        new("POST /m/{id}/stages/{stage}/move", w => $"/m/{w.MeetingId}/stages/plan/move", w => w.Facilitator, () => new() { ["direction"] = "up" }, []),
        new("POST /m/{id}/stages/{stage}/skip", w => $"/m/{w.MeetingId}/stages/plan/skip", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/stages/{stage}/include", w => $"/m/{w.MeetingId}/stages/plan/include", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/stages/{stage}/categories", w => $"/m/{w.MeetingId}/stages/plan/categories", w => w.Facilitator, () => new() { ["categories"] = "harm" }, []),

        // Practice structure.
        new("POST /m/{id}/wording", w => $"/m/{w.MeetingId}/wording", w => w.Facilitator, () => new() { ["wording"] = "SignsOfWellbeing" }, []),
        new("POST /m/{id}/danger-statements/compose", w => $"/m/{w.MeetingId}/danger-statements/compose", w => w.Participant, Statement, []),
        new("POST /m/{id}/danger-statements", w => $"/m/{w.MeetingId}/danger-statements", w => w.Participant, Statement,
            ["who", "behaviour", "impact", "ifNothingChanges", "safetyInPlace"]),
        new("POST /m/{id}/danger-statements/{s}/edit", w => $"/m/{w.MeetingId}/danger-statements/{w.StatementId}/edit", w => w.Facilitator,
            () => new() { ["sentence"] = "Fine" }, ["sentence"],
            async (w, field, f) => (await w.StateAsync()).Practice.FindStatement(w.StatementId)!.Sentence == Kept(f, field)),
        new("POST /m/{id}/danger-statements/{s}/remove", w => $"/m/{w.MeetingId}/danger-statements/{w.StatementId}/remove", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/danger-statements/{s}/disagree", w => $"/m/{w.MeetingId}/danger-statements/{w.StatementId}/disagree", w => w.Participant,
            () => new() { ["view"] = "Fine" }, ["view"],
            async (w, field, f) => (await w.StateAsync()).Practice.FindStatement(w.StatementId)!.Disagreements.Any(d => d.View == Kept(f, field))),
        new("POST /m/{id}/safety-goals/compose", w => $"/m/{w.MeetingId}/safety-goals/compose", w => w.Participant, () => Goal(Current), []),
        new("POST /m/{id}/safety-goals", w => $"/m/{w.MeetingId}/safety-goals", w => w.Participant, () => Goal(Current),
            ["carersWillDo", "childWillExperience", "professionalsWillSee"]),
        new("POST /m/{id}/safety-goals/{g}/edit", w => $"/m/{w.MeetingId}/safety-goals/{w.GoalId}/edit", w => w.Facilitator,
            () => new() { ["sentence"] = "Fine" }, ["sentence"],
            async (w, field, f) => (await w.StateAsync()).Practice.FindGoal(w.GoalId)!.Sentence == Kept(f, field)),
        new("POST /m/{id}/safety-goals/{g}/remove", w => $"/m/{w.MeetingId}/safety-goals/{w.GoalId}/remove", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/harm", w => $"/m/{w.MeetingId}/harm", w => w.Participant, () => new() { ["behaviour"] = "Shouting", ["worst"] = "In March" }, ["behaviour", "worst"],
            async (w, field, f) => (await w.StateAsync()).Practice.Harm.Any(h => (field == "behaviour" ? h.Behaviour : h.Worst) == Kept(f, field))),
        new("POST /m/{id}/harm/{h}/remove", w => $"/m/{w.MeetingId}/harm/{w.HarmId}/remove", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/next-steps", w => $"/m/{w.MeetingId}/next-steps", w => w.Participant,
            () => new() { ["who"] = "someone-else", ["otherName"] = "Nan", ["what"] = "Call Pat", ["dueDay"] = "1", ["dueMonth"] = "6", ["dueYear"] = "2030" }, ["what"],
            async (w, field, f) => (await w.StateAsync()).Practice.Steps.Any(s => s.Action == Kept(f, field))),
        new("POST /m/{id}/next-steps/{s}/status", w => $"/m/{w.MeetingId}/next-steps/{w.StepId}/status", w => w.Participant, () => new() { ["status"] = "Done" }, []),
        new("POST /m/{id}/next-steps/{s}/sign-off", w => $"/m/{w.MeetingId}/next-steps/{w.StepId}/sign-off", w => w.Facilitator, () => new() { ["needsSignOff"] = "true" }, []),
        new("POST /m/{id}/next-steps/{s}/remove", w => $"/m/{w.MeetingId}/next-steps/{w.StepId}/remove", w => w.Facilitator, () => new(), []),

        // Scaling. Starting a round needs the last one closed, so each request comes after closing it.
        new("POST /m/{id}/rounds", w => $"/m/{w.MeetingId}/rounds", w => w.Facilitator,
            () => new() { ["question"] = "How safe?", ["tenMeans"] = "Safe", ["zeroMeans"] = "Not safe" }, ["question", "tenMeans", "zeroMeans"],
            async (w, field, f) => (await w.StateAsync()).Scaling.Rounds.Any(r => (field == "question" ? r.Question : field == "tenMeans" ? r.TenMeans : r.ZeroMeans) == Kept(f, field)),
            Before: w => w.CloseOpenRoundAsync()),
        new("POST /m/{id}/rounds/{r}/score", w => $"/m/{w.MeetingId}/rounds/{w.RoundId}/score", w => w.Participant,
            () => new() { ["attempt"] = "1", ["score"] = "6", ["reason"] = "Fine" }, ["reason"]),
        new("POST /m/{id}/rounds/{r}/pass", w => $"/m/{w.MeetingId}/rounds/{w.RoundId}/pass", w => w.Participant, () => new() { ["attempt"] = "1" }, []),
        new("POST /m/{id}/rounds/{r}/record", w => $"/m/{w.MeetingId}/rounds/{w.RoundId}/record", w => w.Facilitator,
            () => new() { ["attempt"] = "1", ["name"] = "Nan", ["role"] = "Gran", ["group"] = "family", ["score"] = "4", ["reason"] = "Fine" }, ["name", "role", "reason"]),
        new("POST /m/{id}/rounds/{r}/reveal", w => $"/m/{w.MeetingId}/rounds/{w.RoundId}/reveal", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/rounds/{r}/rerun", w => $"/m/{w.MeetingId}/rounds/{w.RoundId}/rerun", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/rounds/{r}/close", w => $"/m/{w.MeetingId}/rounds/{w.RoundId}/close", w => w.Facilitator, () => new(), []),
        new("POST /m/{id}/scaling-groups/{p}", w => $"/m/{w.MeetingId}/scaling-groups/{w.ParticipantId}", w => w.Facilitator, () => new() { ["group"] = "family" }, []),

        // Records.
        new("POST /m/{id}/delete", w => $"/m/{w.MeetingId}/delete", w => w.Facilitator, () => new(), []),

        new("POST /join", _ => "/join", w => w.Stranger, () => new() { ["code"] = "" }, []),
        new("POST /join/{code}", w => $"/join/{w.JoinCode}", w => w.Stranger,
            () => new() { ["participantId"] = MeetingHosts.NewId(), ["secret"] = NewSecret(), ["name"] = "Fine", ["role"] = "Fine" }, ["name", "role"],
            async (w, field, f) => (await w.StateAsync()).Participants.Any(p => (field == "name" ? p.Name : p.Role) == f[field].Normalize())),
        new("POST /meetings", _ => "/meetings", w => w.Facilitator,
            () => new() { ["meetingId"] = MeetingHosts.NewId(), ["type"] = "GroupSupervision", ["title"] = "Fine", ["caseReference"] = "Fine" }, ["title", "caseReference"],
            async (w, field, f) => await w.App.Services.GetRequiredService<MeetingHosts>().FindAsync(f["meetingId"]) is { } h
                && (field == "title" ? h.State.Title : h.State.CaseReference ?? "") == f[field].Normalize().Trim()),
        new("POST /meetings/demo", _ => "/meetings/demo", w => w.Facilitator, () => new() { ["meetingId"] = MeetingHosts.NewId() }, []),
        new("POST /facilitators/new", _ => "/facilitators/new", w => w.Facilitator,
            () => new() { ["name"] = "Fine", ["email"] = $"{Guid.NewGuid():N}@example.org", ["password"] = "tangerine river blanket song" }, ["name"],
            async (w, field, f) => (await w.App.Services.GetRequiredService<IAccountStore>().FindByEmailAsync(f["email"]))?.Name == f["name"].Normalize()),
        new("POST /sign-in", _ => "/sign-in", w => w.Stranger, () => new() { ["email"] = "nobody@example.org", ["password"] = "not a password at all" }, []),
        new("POST /account/sessions/{id}/end", _ => $"/account/sessions/{new string('0', 64)}/end", w => w.Facilitator, () => new(), []),
        new("POST /account/sessions/end-others", _ => "/account/sessions/end-others", w => w.Facilitator, () => new(), []),
    ];

    /// <summary>The free-text fields, which must keep acceptable values, are checked; every other field must refuse all of them.</summary>
    public static TheoryData<string> EndpointNames() => [.. Endpoints.Select(e => e.Name)];

    public static int RequestCount => Endpoints.Sum(e => Bodies.Length + e.Valid().Count * Values.Length);

    static string NewSecret() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    [Theory]
    [MemberData(nameof(EndpointNames))]
    public async Task NeverFailsAndStoresOnlyWhatIsAcceptable(string name)
    {
        var endpoint = Endpoints.Single(e => e.Name == name);
        Current = world;
        await world.ResetAsync();
        var failures = new List<string>();

        foreach (var body in Bodies)
        {
            var who = endpoint.Who(world);
            await who.GetAsync("/join");
            var before = await world.FingerprintAsync();
            var response = await who.SendAsync(BadRequest(body, endpoint.Path(world), endpoint.Valid(), who.Token));
            var status = (int)response.StatusCode;
            if (status is < 400 or >= 500) failures.Add($"{body}: expected a 4xx, got {status}");
            else if (await world.FingerprintAsync() != before) failures.Add($"{body}: refused, yet something was stored");
            else if ((await response.Content.ReadAsStringAsync()).Length == 0) failures.Add($"{body}: refused without a message");
        }

        foreach (var field in endpoint.Valid().Keys)
        {
            foreach (var (label, value, acceptable) in Values)
            {
                if (endpoint.Before is { } prepare) await prepare(world);
                var who = endpoint.Who(world);
                await who.GetAsync("/join");
                var fields = endpoint.Valid();
                fields[field] = value;
                fields["commandId"] = Visitor.NewCommandId();
                var before = await world.FingerprintAsync();
                var response = await who.PostAsync(endpoint.Path(world), fields, fetch: true);
                var status = (int)response.StatusCode;
                var html = await response.Content.ReadAsStringAsync();
                var keeps = endpoint.TextFields.Contains(field) && (acceptable || (Optional.Contains(field) && string.IsNullOrWhiteSpace(value)));
                if (status >= 500) failures.Add($"{field} = {label}: {status}");
                else if (keeps && status >= 400) failures.Add($"{field} = {label}: acceptable text refused with {status}: {html[..Math.Min(200, html.Length)]}");
                else if (keeps && endpoint.Stored is { } stored && !await stored(world, field, fields)) failures.Add($"{field} = {label}: not stored exactly");
                else if (!keeps && endpoint.TextFields.Contains(field) && status < 400) failures.Add($"{field} = {label}: accepted with {status}");
                else if (status >= 400 && await world.FingerprintAsync() != before) failures.Add($"{field} = {label}: refused with {status}, yet something was stored");
                else if (status >= 400 && html.Length == 0) failures.Add($"{field} = {label}: refused without a message");
                if (html.Contains("<script>alert(1)</script>", StringComparison.Ordinal) || html.Contains("<img src=x", StringComparison.Ordinal))
                    failures.Add($"{field} = {label}: markup sent back unescaped");
                if (endpoint.Name.StartsWith("POST /m/", StringComparison.Ordinal) && status < 400) await world.ResetAsync(keepMeeting: true);
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Posts with nothing typed to go wrong, or covered by their own tests.</summary>
    static readonly Dictionary<string, string> NotInCorpus = new()
    {
        ["POST /sign-out"] = "no fields; ends the caller's own session (Sessions)",
        ["POST /setup/{}"] = "the one-time first-facilitator setup; its form is AccountForm's, as /facilitators/new above (Sessions)",
    };

    /// <summary>A write endpoint mapped later fails here until it is in the corpus (or explained above).</summary>
    [Fact]
    public void EveryWriteEndpointIsInTheCorpus()
    {
        static string Shape(string route) => System.Text.RegularExpressions.Regex.Replace(route, "{[^}]*}", "{}");
        var mapped = world.App.Services.GetServices<Microsoft.AspNetCore.Routing.EndpointDataSource>()
            .SelectMany(s => s.Endpoints).OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Where(e => !e.RoutePattern.RawText!.StartsWith(HubOrigins.Path, StringComparison.Ordinal))
            .Select(e => Shape($"POST {e.RoutePattern.RawText}"))
            .ToHashSet();
        var covered = Endpoints.Select(e => Shape(e.Name)).Concat(NotInCorpus.Keys).ToHashSet();
        Assert.Empty(mapped.Except(covered).Order());
        Assert.Empty(covered.Except(mapped).Order());
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example")]
    [InlineData("/\\evil.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("/meetings\r\nSet-Cookie: x=1")]
    public async Task SigningInNeverRedirectsOffTheSite(string returnUrl)
    {
        var (email, password) = await world.App.AddFacilitatorAsync("Redirect Test");
        using var visitor = new Visitor(world.App);
        await visitor.GetAsync("/sign-in");
        var response = await visitor.PostAsync("/sign-in", new Dictionary<string, string> { ["email"] = email, ["password"] = password, ["returnUrl"] = returnUrl });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/", location);
        Assert.False(location.StartsWith("//", StringComparison.Ordinal) || location.StartsWith("/\\", StringComparison.Ordinal), location);
        Assert.DoesNotContain("\n", location);
    }

    static HttpRequestMessage BadRequest(string kind, string path, Dictionary<string, string> valid, string token)
    {
        valid["commandId"] = Visitor.NewCommandId();
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("X-MeetingBoard-Fetch", "1");
        if (kind != "no antiforgery token") request.Headers.Add("RequestVerificationToken", kind == "wrong antiforgery token" ? "CfDJ8" + new string('A', 100) : token);
        request.Content = kind switch
        {
            "no antiforgery token" or "wrong antiforgery token" => new FormUrlEncodedContent(valid),
            "JSON" => new StringContent(System.Text.Json.JsonSerializer.Serialize(valid), Encoding.UTF8, "application/json"),
            "text/plain" => new StringContent(string.Join("&", valid.Select(kv => $"{kv.Key}={kv.Value}")), Encoding.UTF8, "text/plain"),
            "no body" => null,
            "over 64 KB" => new FormUrlEncodedContent(valid.Append(new("padding", new string('x', 70_000)))),
            "malformed encoding" => new StringContent("%%%&&==%E0%A4%A&text=%ZZ&category=%", Encoding.UTF8, "application/x-www-form-urlencoded"),
            "broken multipart" => new StringContent("--nope\r\nContent-Disposition: form-data; name=\"text\"\r\n\r\nunterminated", Encoding.UTF8, "multipart/form-data"),
            "the same field twice" => new FormUrlEncodedContent(valid.SelectMany(kv => new[] { kv, new KeyValuePair<string, string>(kv.Key, kv.Value + "2") })),
            "5,000 fields" => new FormUrlEncodedContent(valid.Concat(Enumerable.Range(0, 5000).Select(i => new KeyValuePair<string, string>($"f{i}", "1")))),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        if (kind == "broken multipart") request.Content!.Headers.ContentType = new("multipart/form-data") { Parameters = { new("boundary", "elsewhere") } };
        return request;
    }

    public sealed class World : IAsyncLifetime
    {
        public TestApp App { get; } = TestApp.Start(new Dictionary<string, string?>
        {
            ["MeetingBoard:JoinFailuresAllowed"] = "100000",
            ["MeetingBoard:JoinsPerCodeAllowed"] = "100000",
            ["MeetingBoard:SignInFailuresBeforeLockout"] = "100000",
            ["MeetingBoard:SignInBackOffAfter"] = "0",
        });
        public Visitor Facilitator { get; private set; } = default!;
        public Visitor Participant { get; private set; } = default!;
        public Visitor Stranger { get; private set; } = default!;
        public string MeetingId { get; private set; } = "";
        public string JoinCode { get; private set; } = "";
        public string ItemId { get; private set; } = "";
        public string OtherItemId { get; private set; } = "";
        public string WaitingId { get; private set; } = "";
        public string ParticipantId { get; private set; } = "";
        public string StatementId { get; private set; } = "";
        public string GoalId { get; private set; } = "";
        public string HarmId { get; private set; } = "";
        public string StepId { get; private set; } = "";
        public string RoundId { get; private set; } = "";

        async Task ChairAsync(string path, Dictionary<string, string> fields)
        {
            fields["commandId"] = Visitor.NewCommandId();
            var response = await Facilitator.PostAsync($"/m/{MeetingId}/{path}", fields, fetch: true);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Setting up {path}: {(int)response.StatusCode}");
        }

        /// <summary>A view needs a decision to be on; recording the same one again changes nothing.</summary>
        public Task DecideAsync() => ChairAsync("decision", new() { ["text"] = "Fine decision" });

        public async Task CloseOpenRoundAsync()
        {
            if ((await StateAsync()).Scaling.Rounds.Find(r => !r.IsClosed) is { } open) await ChairAsync($"rounds/{open.Id}/close", []);
        }

        public async Task InitializeAsync()
        {
            var (email, password) = await App.AddFacilitatorAsync();
            Facilitator = new Visitor(App);
            await Facilitator.SignInAsync(email, password);
        }

        /// <summary>A fresh meeting with a participant's item, another item and someone waiting.</summary>
        public async Task ResetAsync(bool keepMeeting = false)
        {
            if (!keepMeeting || (await StateAsync()).IsClosed)
            {
                (MeetingId, JoinCode) = await Facilitator.CreateMeetingAsync();
            }
            var scenario = new MeetingScenario { App = App, Facilitator = Facilitator, MeetingId = MeetingId, JoinCode = JoinCode };
            Participant?.Dispose();
            (Participant, ParticipantId) = await scenario.AdmitAsync("Sam", "Mum");
            (await scenario.AddItemAsync(Participant, "harm", "Sam's item")).EnsureSuccessStatusCode();
            (await scenario.AddItemAsync(Facilitator, "harm", "Another item")).EnsureSuccessStatusCode();
            (_, WaitingId) = await scenario.AskToJoinAsync("Jordan", "Waiting");
            var state = await StateAsync();
            if (state.Practice.Statements.Count == 0) await ChairAsync("danger-statements", Statement());
            StatementId = (await StateAsync()).Practice.Statements.Last().Id;
            if (state.Practice.Goals.Count == 0) await ChairAsync("safety-goals", Goal(this));
            if (state.Practice.Harm.Count == 0) await ChairAsync("harm", new() { ["behaviour"] = "Shouting", ["worst"] = "In March" });
            await ChairAsync("next-steps", new() { ["who"] = ParticipantId, ["what"] = "Sam's step", ["dueDay"] = "1", ["dueMonth"] = "6", ["dueYear"] = "2030" });
            if (state.Scaling.Rounds.Find(r => !r.IsClosed) is null)
                await ChairAsync("rounds", new() { ["question"] = "How safe?", ["tenMeans"] = "Safe", ["zeroMeans"] = "Not safe" });
            state = await StateAsync();
            GoalId = state.Practice.Goals.Last().Id;
            HarmId = state.Practice.Harm.Last().Id;
            StepId = state.Practice.Steps.Last(s => s.Action == "Sam's step").Id;
            RoundId = state.Scaling.Rounds.Last(r => !r.IsClosed).Id;
            ItemId = state.Items.Last(i => i.Text == "Sam's item").Id;
            OtherItemId = state.Items.Last(i => i.Text == "Another item").Id;
            Stranger?.Dispose();
            Stranger = new Visitor(App);
        }

        public async Task<MeetingBoard.Meetings.MeetingState> StateAsync() =>
            await (await App.Services.GetRequiredService<MeetingHosts>().FindAsync(MeetingId))!.CatchUpAsync();

        /// <summary>What "nothing stored" is measured against: this meeting's version, the facilitator's meetings, and the number of accounts.</summary>
        public async Task<string> FingerprintAsync()
        {
            var store = App.Services.GetRequiredService<IEventStore>();
            var db = App.Services.GetRequiredService<SqliteDatabase>();
            await using var c = await db.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT (SELECT COUNT(*) FROM facilitators) || '/' || (SELECT COUNT(*) FROM facilitator_sessions WHERE ended_at IS NULL)";
            var counts = (string)(await cmd.ExecuteScalarAsync())!;
            var facilitatorId = (await App.Services.GetRequiredService<IAccountStore>().FindByEmailAsync(FacilitatorEmail ??= await EmailAsync()))!.Id;
            return $"{(await StateAsync()).Version}/{(await store.ListForFacilitatorAsync(facilitatorId)).Count}/{counts}";
        }

        string? FacilitatorEmail;

        async Task<string> EmailAsync()
        {
            var db = App.Services.GetRequiredService<SqliteDatabase>();
            await using var c = await db.OpenAsync();
            await using var cmd = c.CreateCommand();
            cmd.CommandText = "SELECT email FROM facilitators ORDER BY created_at LIMIT 1";
            return (string)(await cmd.ExecuteScalarAsync())!;
        }

        public async Task DisposeAsync()
        {
            Facilitator.Dispose();
            Participant?.Dispose();
            Stranger?.Dispose();
            await App.DisposeAsync();
        }
    }
}
