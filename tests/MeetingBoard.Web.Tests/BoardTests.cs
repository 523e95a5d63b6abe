using System.Net;
using MeetingBoard.Web.Tests.Infrastructure;

namespace MeetingBoard.Web.Tests;

public sealed class HealthCheck
{
    [Fact]
    public async Task AnswersWhenTheStoreAnswers()
    {
        await using var app = TestApp.Start();
        using var client = new Visitor(app);
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/healthz"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        Assert.True(File.Exists(Path.Combine(app.DataDirectory, "meetingboard.db")));
    }

    [Fact]
    public async Task IsReadyOnOneNodeWithTheInProcessBus()
    {
        await using var app = TestApp.Start();
        using var client = new Visitor(app);
        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/readyz"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}

public sealed class AddingItems
{
    [Fact]
    public async Task ShowsTheTextWithTheAuthorsNameAndRole()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (teacher, _) = await meeting.AdmitAsync("Ms Okafor", "Class teacher");
        var response = await meeting.AddItemAsync(teacher, "harm", "Maya said she hides under the bed.");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var item = Assert.Single(page.QuerySelectorAll("#cat-harm .mb-item"));
        Assert.Equal("Maya said she hides under the bed.", item.QuerySelector(".mb-item__text")!.TextContent);
        Assert.Contains("Ms Okafor (Class teacher)", item.QuerySelector(".mb-item__author")!.TextContent);
    }

    [Fact]
    public async Task AnsweredWithAFreshFormSoTheTextBoxEmpties()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var response = await meeting.AddItemAsync(meeting.Facilitator, "existing-strengths", "Pat lives nearby.");
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<form", html.TrimStart());
        Assert.Contains("id=\"add-existing-strengths\"", html);
        Assert.DoesNotContain("Pat lives nearby.", html);
    }

    [Fact]
    public async Task KeepsMarkupAsLiteralText()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        const string attack = "<script>alert('x')</script><img src=x onerror=alert(1)> # heading [x](javascript:alert(1))";
        (await meeting.AddItemAsync(meeting.Facilitator, "harm", attack)).EnsureSuccessStatusCode();

        var (_, page, response) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var raw = await response.Content.ReadAsStringAsync();
        Assert.Equal(attack, page.QuerySelector("#cat-harm .mb-item__text")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("#cat-harm .mb-item__text script, #cat-harm .mb-item__text img"));
        Assert.DoesNotContain("<script>alert", raw);
    }

    [Fact]
    public async Task ADoubleSubmitAddsOnce()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var commandId = Visitor.NewCommandId();
        var first = meeting.AddItemAsync(meeting.Facilitator, "next-steps", "Jo will visit on Friday.", commandId);
        var second = meeting.AddItemAsync(meeting.Facilitator, "next-steps", "Jo will visit on Friday.", commandId);
        var responses = await Task.WhenAll(first, second);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(await meeting.ItemTextsAsync());
    }

    [Theory]
    [InlineData("", "Enter some text")]
    [InlineData("   \n  ", "Enter some text")]
    [InlineData("bell\u0007", "hidden control character")]
    [InlineData("abc\u202Eevil", "change the direction of text")]
    public async Task RefusesBadTextBesideTheField(string text, string message)
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var response = await meeting.AddItemAsync(meeting.Facilitator, "harm", text);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("govuk-error-message", html);
        Assert.Contains(message, html);
        Assert.Empty(await meeting.ItemTextsAsync());
    }

    [Fact]
    public async Task RefusesTextOverTheLimitAndKeepsWhatWasTyped()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var text = new string('a', 2001);
        var response = await meeting.AddItemAsync(meeting.Facilitator, "harm", text);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("2,000 characters or fewer", html);
        Assert.Contains(text, html);
        Assert.Empty(await meeting.ItemTextsAsync());
    }

    [Fact]
    public async Task RefusesAnUnknownCategoryInPlainWords()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var response = await meeting.AddItemAsync(meeting.Facilitator, "gossip", "Some text");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("Choose where this belongs on the map", await response.Content.ReadAsStringAsync());
        Assert.Empty(await meeting.ItemTextsAsync());
    }

    [Fact]
    public async Task RefusesAPostWithoutTheAntiforgeryToken()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var response = await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/items",
            new Dictionary<string, string> { ["category"] = "harm", ["text"] = "x" }, fetch: true, withToken: false);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync());
        Assert.Empty(await meeting.ItemTextsAsync());
    }
}

public sealed class ChangingItems
{
    [Fact]
    public async Task AParticipantCanEditAndRemoveTheirOwnButNotOthers()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        var (pat, _) = await meeting.AdmitAsync("Pat", "Grandmother");
        (await meeting.AddItemAsync(sam, "existing-safety", "I took the children to my mum's.")).EnsureSuccessStatusCode();
        var (_, page, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        var itemId = page.QuerySelector("#cat-existing-safety .mb-item")!.Id!["item-".Length..];

        var byPat = await pat.PostAsync($"/m/{meeting.MeetingId}/items/{itemId}/edit",
            new Dictionary<string, string> { ["commandId"] = Visitor.NewCommandId(), ["text"] = "changed by Pat" }, fetch: true);
        Assert.Equal(HttpStatusCode.Forbidden, byPat.StatusCode);
        var removeByPat = await pat.PostAsync($"/m/{meeting.MeetingId}/items/{itemId}/remove",
            new Dictionary<string, string> { ["commandId"] = Visitor.NewCommandId() }, fetch: true);
        Assert.Equal(HttpStatusCode.Forbidden, removeByPat.StatusCode);

        var bySam = await sam.PostAsync($"/m/{meeting.MeetingId}/items/{itemId}/edit",
            new Dictionary<string, string> { ["commandId"] = Visitor.NewCommandId(), ["text"] = "I took Maya and Leo to Pat's straight away." }, fetch: true);
        Assert.Equal(HttpStatusCode.NoContent, bySam.StatusCode);
        Assert.Equal(["I took Maya and Leo to Pat's straight away."], await meeting.ItemTextsAsync());

        var moveBySam = await sam.PostAsync($"/m/{meeting.MeetingId}/items/{itemId}/move",
            new Dictionary<string, string> { ["commandId"] = Visitor.NewCommandId(), ["category"] = "harm" }, fetch: true);
        Assert.Equal(HttpStatusCode.Forbidden, moveBySam.StatusCode);

        var removeBySam = await sam.PostAsync($"/m/{meeting.MeetingId}/items/{itemId}/remove",
            new Dictionary<string, string> { ["commandId"] = Visitor.NewCommandId() }, fetch: true);
        Assert.Equal(HttpStatusCode.NoContent, removeBySam.StatusCode);
        Assert.Empty(await meeting.ItemTextsAsync());
    }

    [Fact]
    public async Task TheFacilitatorCanMoveAnyItem()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        (await meeting.AddItemAsync(sam, "harm", "We live in a small flat.")).EnsureSuccessStatusCode();
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var itemId = page.QuerySelector("#cat-harm .mb-item")!.Id!["item-".Length..];

        var response = await meeting.Facilitator.PostAsync($"/m/{meeting.MeetingId}/items/{itemId}/move",
            new Dictionary<string, string> { ["commandId"] = Visitor.NewCommandId(), ["category"] = "complicating-factors" }, fetch: true);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Empty(page.QuerySelectorAll("#cat-harm .mb-item"));
        Assert.Single(page.QuerySelectorAll("#cat-complicating-factors .mb-item"));
    }
}
