using System.Net;
using MeetingBoard.Web.Tests.Infrastructure;

namespace MeetingBoard.Web.Tests.Facilitation;

public sealed class TheConferenceDecision
{
    const string Plan = "The children will be subject to a child protection plan under the category of emotional abuse";

    [Fact]
    public async Task TheChairRecordsTheDecisionAndEveryoneSeesWhoDisagreesAndWhy()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var (sam, _) = await meeting.AdmitAsync("Sam", "Mum");
        var (teacher, teacherId) = await meeting.AdmitAsync("Ms Okafor", "Class teacher");
        using var nan = (await meeting.AdmitAsync("Nan", "Grandmother")).Item1;
        var url = $"/m/{meeting.MeetingId}";

        // A view before there is a decision to have one on is refused, and so is a participant deciding.
        Assert.Equal(HttpStatusCode.Conflict, (await Post.Fetch(sam, $"{url}/decision/view", new() { ["view"] = "agree" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post.Fetch(sam, $"{url}/decision", new() { ["text"] = Plan })).StatusCode);

        var empty = await Post.Fetch(meeting.Facilitator, $"{url}/decision", new() { ["text"] = "  " });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Contains("Enter the decision", await empty.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await Post.Fetch(meeting.Facilitator, $"{url}/decision", new() { ["text"] = Plan })).StatusCode);

        var noChoice = await Post.Fetch(sam, $"{url}/decision/view", new() { ["why"] = "Hmm" });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noChoice.StatusCode);
        Assert.Contains("Choose whether you agree or disagree with the decision", await noChoice.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NoContent, (await Post.Fetch(sam, $"{url}/decision/view", new() { ["view"] = "disagree", ["why"] = "Things are better since March" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await Post.Fetch(teacher, $"{url}/decision/view", new() { ["view"] = "agree" })).StatusCode);
        // Speaking for someone else is the chair's alone.
        Assert.Equal(HttpStatusCode.Forbidden, (await Post.Fetch(sam, $"{url}/decision/view", new() { ["view"] = "agree", ["onBehalfOf"] = teacherId })).StatusCode);

        var (_, chair, _) = await meeting.Facilitator.GetAsync(url);
        var nanId = chair.QuerySelectorAll("#view-person option").Single(o => o.TextContent == "Nan").GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.NoContent, (await Post.Fetch(meeting.Facilitator, $"{url}/decision/view", new() { ["view"] = "disagree", ["onBehalfOf"] = nanId })).StatusCode);

        var (_, page, _) = await sam.GetAsync(url);
        Assert.Equal(Plan, page.QuerySelector("#mb-decision-text")!.TextContent);
        Assert.Contains("1 person agrees, 2 people disagree", page.QuerySelector("#mb-decision-count")!.TextContent);
        var dissent = page.QuerySelector("#mb-decision-dissent")!.TextContent;
        Assert.Contains("Sam", dissent);
        Assert.Contains("Things are better since March", dissent);
        Assert.Contains("Nan", dissent);
        Assert.Contains("recorded by the facilitator", dissent);
        // Participants give only their own view: no list of people to speak for.
        Assert.Null(page.QuerySelector("#view-person"));
        Assert.NotNull(page.QuerySelector("#view-on-decision"));
        Assert.Null(page.QuerySelector("#record-decision"));

        var screenUrl = new Uri(chair.QuerySelector("a[href*='/screen/']")!.GetAttribute("href")!).AbsolutePath;
        using var screen = new Visitor(meeting.App);
        var (_, room, _) = await screen.GetAsync(screenUrl);
        Assert.Equal(Plan, room.QuerySelector("#mb-decision-text")!.TextContent);
        Assert.Contains("1 person agrees, 2 people disagree", room.QuerySelector("#mb-decision-count")!.TextContent);
        Assert.Contains("Sam", room.QuerySelector("#mb-decision-dissent")!.TextContent);
        Assert.Null(room.QuerySelector("#view-on-decision"));
    }

    [Fact]
    public async Task TheRoomScreenCannotPostAndAClosedMeetingTakesNoDecision()
    {
        await using var meeting = await MeetingScenario.StartAsync();
        var url = $"/m/{meeting.MeetingId}";
        var (_, chair, _) = await meeting.Facilitator.GetAsync(url);
        var screenUrl = new Uri(chair.QuerySelector("a[href*='/screen/']")!.GetAttribute("href")!).AbsolutePath;
        using var screen = new Visitor(meeting.App);
        await screen.GetAsync(screenUrl);
        Assert.Equal(HttpStatusCode.Forbidden, (await Post.Fetch(screen, $"{url}/decision", new() { ["text"] = Plan })).StatusCode);

        await Post.Fetch(meeting.Facilitator, $"{url}/close");
        var closed = await Post.Fetch(meeting.Facilitator, $"{url}/decision", new() { ["text"] = Plan });
        Assert.Equal(HttpStatusCode.Conflict, closed.StatusCode);
    }
}
