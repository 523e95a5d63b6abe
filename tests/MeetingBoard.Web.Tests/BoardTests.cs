using System.Net;
using MeetingBoard.Meetings;
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
        await meeting.AddItemAsync(teacher, "harm", "Maya said she hides under the bed.");

        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var item = Assert.Single(page.QuerySelectorAll("#cat-harm .mb-item"));
        Assert.Equal("Maya said she hides under the bed.", item.QuerySelector(".mb-item__text")!.TextContent);
        Assert.Contains("Ms Okafor (Class teacher)", item.QuerySelector(".mb-item__author")!.TextContent);
    }

    [Fact]
    public async Task KeepsMarkupAsLiteralText()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        const string attack = "<script>alert('x')</script><img src=x onerror=alert(1)> # heading [x](javascript:alert(1))";
        await meeting.AddItemAsync(meeting.Facilitator, "harm", attack);

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
        var id = MeetingBoard.Web.Live.MeetingHosts.NewId();
        await Task.WhenAll(
            meeting.AddItemAsync(meeting.Facilitator, "next-steps", "Jo will visit on Friday.", id),
            meeting.AddItemAsync(meeting.Facilitator, "next-steps", "Jo will visit on Friday.", id));
        Assert.Single(await meeting.ItemTextsAsync());
    }

    [Theory]
    [InlineData("", "Enter some text")]
    [InlineData("   \n  ", "Enter some text")]
    [InlineData("bell\u0007", "hidden control character")]
    [InlineData("abc\u202Eevil", "change the direction of text")]
    [InlineData("\u3164\u3164", "Enter some text")]
    [InlineData("\u2800\u2800 \u115F", "Enter some text")]
    public async Task RefusesBadTextBesideTheField(string text, string message)
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var refusal = await meeting.RunAsync(meeting.Facilitator, (a, t) => new AddItem(MeetingBoard.Web.Live.MeetingHosts.NewId(), "harm", text, a, t));
        Assert.NotNull(refusal);
        Assert.Equal("text", refusal.Field);
        Assert.Contains(message, refusal.Message);
        Assert.Empty(await meeting.ItemTextsAsync());
    }

    [Fact]
    public async Task StripsHiddenTagCharactersFromText()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        await meeting.AddItemAsync(meeting.Facilitator, "harm", "Visible\U000E0041\U000E0042 words");
        Assert.Equal(["Visible words"], await meeting.ItemTextsAsync());
    }

    [Fact]
    public async Task RefusesTextOverTheLimit()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var refusal = await meeting.RunAsync(meeting.Facilitator, (a, t) => new AddItem(MeetingBoard.Web.Live.MeetingHosts.NewId(), "harm", new string('a', 2001), a, t));
        Assert.Contains("2,000 characters or fewer", refusal?.Message);
        Assert.Empty(await meeting.ItemTextsAsync());
    }

    [Fact]
    public async Task RefusesAnUnknownCategoryInPlainWords()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var refusal = await meeting.RunAsync(meeting.Facilitator, (a, t) => new AddItem(MeetingBoard.Web.Live.MeetingHosts.NewId(), "gossip", "Some text", a, t));
        Assert.Equal("Choose where this belongs on the map", refusal?.Message);
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
        await meeting.AddItemAsync(sam, "existing-safety", "I took the children to my mum's.");
        var (_, page, _) = await sam.GetAsync($"/m/{meeting.MeetingId}");
        var itemId = page.QuerySelector("#cat-existing-safety .mb-item")!.Id!["item-".Length..];

        Assert.Equal(RefusalKind.Forbidden, (await meeting.RunAsync(pat, (a, t) => new EditItem(itemId, "changed by Pat", a, t)))?.Kind);
        Assert.Equal(RefusalKind.Forbidden, (await meeting.RunAsync(pat, (a, t) => new RemoveItem(itemId, a, t)))?.Kind);

        Assert.Null(await meeting.RunAsync(sam, (a, t) => new EditItem(itemId, "I took Maya and Leo to Pat's straight away.", a, t)));
        Assert.Equal(["I took Maya and Leo to Pat's straight away."], await meeting.ItemTextsAsync());

        Assert.Equal(RefusalKind.Forbidden, (await meeting.RunAsync(sam, (a, t) => new MoveItem(itemId, "harm", a, t)))?.Kind);

        Assert.Null(await meeting.RunAsync(sam, (a, t) => new RemoveItem(itemId, a, t)));
        Assert.Empty(await meeting.ItemTextsAsync());
    }

    [Fact]
    public async Task TheFacilitatorCanMoveAnyItem()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        await meeting.AddItemAsync(sam, "harm", "We live in a small flat.");
        var (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        var itemId = page.QuerySelector("#cat-harm .mb-item")!.Id!["item-".Length..];

        Assert.Null(await meeting.RunAsync(meeting.Facilitator, (a, t) => new MoveItem(itemId, "complicating-factors", a, t)));
        (_, page, _) = await meeting.Facilitator.GetAsync($"/m/{meeting.MeetingId}");
        Assert.Empty(page.QuerySelectorAll("#cat-harm .mb-item"));
        Assert.Single(page.QuerySelectorAll("#cat-complicating-factors .mb-item"));
    }
}
