using System.Text.Json;
using System.Text.RegularExpressions;
using MeetingBoard.Board;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Storage;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests.Cases;

/// <summary>
/// What "a case across its meetings" comes to for a chair: an initial conference for Family A, then a
/// review conference of the same case that starts from it, reviews each next step, scales the same
/// danger statement again with a prepared question, and shows the trajectory on the room screen.
/// </summary>
public sealed class AReviewConference(BrowserFixture browsers) : BrowserTest
{
    [Fact]
    public async Task StartsFromTheInitialConferenceReviewsItsStepsAndShowsTheTrajectory()
    {
        var (email, password) = await app.AddFacilitatorAsync("Alex Morgan");
        var chair = await browsers.SignedInAsync(app, email, password);

        // The initial conference, in a new case.
        await StartMeetingAsync(chair, "Initial conference", caseName: "Family A");
        var first = MeetingId(chair);
        var (statementId, stepId) = await FillTheInitialConferenceAsync(first);
        var sam = await JoinAsync(chair, "Sam", "Mum");
        await CountAsFamilyAsync(chair, "Sam");

        // A prepared scaling question about the danger statement, asked in the meeting with one press.
        await chair.GotoAsync($"/m/{first}/prepare");
        // A best question can be for one of the meeting's stages or parts of the map, offered as one types.
        Assert.Contains("What's working well?", await chair.Locator("#best-for-suggestions option").EvaluateAllAsync<string[]>("os => os.map(o => o.value)"));
        await chair.GetByLabel("Question").Nth(1).FillAsync("How safe are Maya and Leo from Jordan's shouting?");
        await chair.GetByLabel("What 10 means").FillAsync("The children are always safe when Jordan is angry");
        await chair.GetByLabel("What 0 means").FillAsync("The children are hurt again");
        await chair.Locator("#scaling-statementId").SelectOptionAsync(statementId);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Add scaling question" }).ClickAsync();
        await Expect(chair.Locator(".mb-prepared-list")).ToContainTextAsync("How safe are Maya and Leo from Jordan's shouting?");
        await Axe.AssertNoViolationsAsync(chair, "the preparation page");
        await chair.GotoAsync($"/m/{first}");
        await ScaleOnceAsync(chair, sam, 3, "Jordan shouted last week");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Close this round" }).ClickAsync();
        await CloseMeetingAsync(chair);

        // The review conference of the same case starts from it.
        await chair.GotoAsync("/meetings");
        await Expect(chair.Locator("#mb-meeting-list h3", new() { HasText = "Family A" })).ToBeVisibleAsync();
        await StartMeetingAsync(chair, "Review conference", existingCase: "Family A");
        var review = MeetingId(chair);
        var carried = chair.Locator(".mb-statement", new() { HasText = "Jordan shouts at Sam" });
        await Expect(carried.Locator(".mb-carried")).ToHaveTextAsync(new Regex("^From \\d{1,2} [A-Z][a-z]+"));
        await Expect(chair.Locator("#cat-existing-safety .mb-carried")).ToHaveCountAsync(1);
        await Expect(chair.Locator("#cat-complicating-factors .mb-item")).ToHaveCountAsync(0); // only what the issue carries
        await Expect(chair.Locator("#steps-to-review")).ToContainTextAsync("Sam: Go to the domestic abuse course");
        await Expect(chair.Locator("#steps-to-review")).ToContainTextAsync("Not reviewed yet");

        // Its questions come from the last meeting's.
        await chair.GotoAsync($"/m/{review}/prepare");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start from the last meeting's questions" }).ClickAsync();
        await Expect(chair.Locator(".mb-prepared-list")).ToContainTextAsync("How safe are Maya and Leo from Jordan's shouting?");
        await chair.GotoAsync($"/m/{review}");

        // Sam, in the review, says how his step went; a grandmother cannot.
        var screen = await browsers.NewPageAsync(app, 1920, 1080);
        await screen.GotoAsync((await chair.Locator("a[href*='/screen/']").GetAttributeAsync("href"))!);
        var samAgain = await JoinAsync(chair, "Sam", "Mum");
        var pat = await JoinAsync(chair, "Pat", "Grandmother");
        await CountAsFamilyAsync(chair, "Sam");
        await CountAsFamilyAsync(chair, "Pat");
        await Expect(pat.Locator($"#review-{stepId}")).ToHaveCountAsync(0);
        var form = samAgain.Locator($"#review-{stepId}");
        await form.GetByLabel("Not done").CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Save") }).ClickAsync();
        await Expect(form.Locator("[role=alert]")).ToContainTextAsync("why it was not done");
        await form.GetByLabel("Done", new() { Exact = true }).CheckAsync();
        await form.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Save") }).ClickAsync();
        await Expect(chair.Locator($"#review-step-{stepId}")).ToContainTextAsync("Done");
        await Expect(pat.Locator($"#review-step-{stepId}")).ToContainTextAsync("Done");
        await Axe.AssertNoViolationsAsync(samAgain, "a phone reviewing a carried next step");

        // The same danger statement scaled again, and the trajectory on the room screen.
        await chair.Locator("#prepared-questions").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Start this scaling round") }).ClickAsync();
        await Expect(samAgain.Locator("#mb-scaling .mb-scale-question__question")).ToHaveTextAsync("How safe are Maya and Leo from Jordan's shouting?");
        await ScoreAsync(samAgain, 7, "Jordan went to the course and has not shouted since");
        await ScoreAsync(pat, 6, "The children stay with me when he drinks");
        await chair.Locator("#my-score-form").GetByRole(AriaRole.Button, new() { Name = "Pass on this round" }).ClickAsync();
        await chair.GetByRole(AriaRole.Button, new() { Name = "Reveal the scores" }).ClickAsync();
        await chair.GetByRole(AriaRole.Button, new() { Name = "Close this round" }).ClickAsync();
        var overTime = chair.Locator("#scaling-over-time");
        await overTime.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Show on the room screen") }).ClickAsync();
        var figure = screen.Locator(".mb-case-panel--room .mb-trajectory");
        await Expect(figure.Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(figure.Locator("tbody tr").Nth(0)).ToContainTextAsync("Initial conference");
        await Expect(figure.Locator("tbody tr").Nth(0).Locator("td").Nth(1)).ToHaveTextAsync("3 (1 person)");
        await Expect(figure.Locator("tbody tr").Nth(1).Locator("td").Nth(1)).ToHaveTextAsync("6.5 (from 6 to 7, 2 people)");
        // No one's own line or name on the room screen's chart (Sam is named by the statement itself; Pat only scored).
        Assert.DoesNotContain("Pat", await figure.InnerTextAsync());
        await Expect(figure.Locator(".mb-trajectory__person")).ToHaveCountAsync(0);
        await Axe.AssertNoViolationsAsync(screen, "the room screen showing the trajectory");
        await Axe.AssertNoViolationsAsync(chair, "the facilitator's board in a review conference");
        await ShotAsync(screen, "case-trajectory-room-1920");
        await ShotAsync(chair, "case-review-board-1280");
        await ShotAsync(samAgain, "case-review-phone-320");

        // The review's record and the case's JSON say all of it; the first meeting's record is unchanged.
        var record = await chair.GotoAsync($"/m/{review}/record.md");
        var md = await record!.TextAsync();
        Assert.Contains("## Following the case", md);
        Assert.Contains("### Carried from earlier meetings", md);
        Assert.Contains("| Sam | Go to the domestic abuse course |", md);
        Assert.Contains("| Done", md);
        Assert.Contains("### Prepared questions asked", md);
        Assert.Contains("### Scaling over time", md);
        Assert.Contains("6.5 (from 6 to 7, 2 people)", md);
        var firstRecord = await (await chair.GotoAsync($"/m/{first}/record.md"))!.TextAsync();
        Assert.DoesNotContain("Carried from earlier meetings", firstRecord);
        Assert.DoesNotContain("Next steps from the last meeting", firstRecord);
        Assert.Contains("| Sam | Go to the domestic abuse course |", firstRecord); // its own plan, as it was
        var caseId = (await app.Services.GetRequiredService<ICaseStore>().CaseOfMeetingAsync(review))!;
        var json = JsonDocument.Parse(await (await chair.GotoAsync($"/cases/{caseId}/record.json"))!.TextAsync()).RootElement;
        Assert.Equal(2, json.GetProperty("meetings").GetArrayLength());
        var series = json.GetProperty("series")[0];
        Assert.Equal(2, series.GetProperty("points").GetArrayLength());
        Assert.Contains(series.GetProperty("people").EnumerateArray(), p => p.GetProperty("name").GetString() == "Sam");

        // The case page: both meetings, the series with each person's line, for its facilitator.
        await chair.GotoAsync($"/cases/{caseId}");
        await Expect(chair.Locator(".mb-case-meetings li")).ToHaveCountAsync(2);
        await Expect(chair.Locator(".mb-trajectory__people-caption")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(chair, "the case page");

        // Every new page state at a small phone, a laptop and a room-sized screen: no sideways scrolling, no axe violation.
        foreach (var width in new[] { 320, 1280, 1920 })
        {
            await chair.SetViewportSizeAsync(width, 900);
            foreach (var (path, what) in new[]
            {
                ($"/cases/{caseId}", "the case page"), ($"/cases/{caseId}/delete", "deleting a case"), ($"/m/{review}/prepare", "the preparation page"),
                ($"/m/{review}", "the review's board"), ($"/m/{review}/record", "the review's record"), ($"/m/{review}/record/family", "the review's family version"),
                ("/meetings", "your meetings, grouped by case"),
            })
            {
                await chair.GotoAsync(path);
                if (path == $"/m/{review}") await Expect(chair.Locator("[data-mb-circuit=live]")).ToBeVisibleAsync();
                await FitsAsync(chair, width, $"{what} at {width}px");
                await ShotAsync(chair, $"case-{what.Replace(' ', '-').Replace("'", "").Replace(",", "")}-{width}");
            }
        }
    }

    static async Task FitsAsync(IPage page, int width, string state)
    {
        var scrollWidth = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= width, $"{state}: the page is {scrollWidth}px wide");
        await Axe.AssertNoViolationsAsync(page, state);
    }

    async Task<(string StatementId, string StepId)> FillTheInitialConferenceAsync(string meetingId)
    {
        var host = (await app.Services.GetRequiredService<MeetingHosts>().FindAsync(meetingId))!;
        var by = Actor.Facilitator(host.State.FacilitatorId);
        var now = DateTimeOffset.UtcNow;
        var (statement, goal, step) = (MeetingHosts.NewId(), MeetingHosts.NewId(), MeetingHosts.NewId());
        foreach (MeetingCommand command in new MeetingCommand[]
        {
            new AddDangerStatement(statement, null, "Social workers", "Jordan shouts at Sam and pushes her", "Maya and Leo are frightened",
                "they could be hurt", null, by, now),
            new AddSafetyGoal(goal, statement, null, "Sam and Jordan will keep the children away from arguments", "calm at home",
                "what the children say at school", "six months", by, now),
            new AddItem(MeetingHosts.NewId(), "existing-safety", "Sam took the children to Pat's straight away", by, now),
            new AddItem(MeetingHosts.NewId(), "existing-strengths", "Maya is doing well at school", by, now),
            new AddItem(MeetingHosts.NewId(), "complicating-factors", "Jordan drinks at weekends", by, now),
            new AddNextStep(step, "someone-else", "Sam", "Go to the domestic abuse course", "1", "12", (now.Year + 1).ToString(), by, now),
        })
            Assert.Null((await host.ExecuteAsync(command, null)).Refusal);
        return (statement, step);
    }

    static async Task StartMeetingAsync(IPage chair, string title, string? caseName = null, string? existingCase = null)
    {
        await chair.GotoAsync("/meetings");
        await chair.GetByLabel("Child protection conference").CheckAsync();
        await chair.GetByLabel("Title").FillAsync(title);
        if (caseName is not null) await chair.Locator("#caseReference").FillAsync(caseName);
        if (existingCase is not null)
        {
            await chair.Locator("#caseId").SelectOptionAsync(new SelectOptionValue { Label = existingCase });
            await Expect(chair.GetByLabel("Start from the case's latest meeting")).ToBeCheckedAsync();
        }
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start meeting" }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Heading, new() { Name = title })).ToBeVisibleAsync();
        await Expect(chair.Locator("[data-mb-circuit=live]")).ToBeVisibleAsync();
    }

    static string MeetingId(IPage chair) => new Uri(chair.Url).AbsolutePath.Split('/')[2];

    async Task<IPage> JoinAsync(IPage chair, string name, string role)
    {
        var joinLink = (await chair.Locator("a[href*='/join/']").GetAttributeAsync("href"))!;
        var phone = await browsers.NewPageAsync(app, 320, 740);
        await phone.GotoAsync(joinLink);
        await phone.AskToJoinAsync(name, role);
        await chair.Locator("#mb-people").GetByRole(AriaRole.Button, new() { Name = $"Let in {name}" }).ClickAsync();
        await Expect(phone.Locator("[data-mb-page=board][data-mb-circuit=live]")).ToBeVisibleAsync();
        return phone;
    }

    static async Task CountAsFamilyAsync(IPage chair, string name)
    {
        var groups = chair.Locator(".mb-scaling-controls__groups");
        if (await groups.GetAttributeAsync("open") is null) await groups.Locator("summary").ClickAsync();
        await groups.GetByRole(AriaRole.Button, new() { Name = $"Count as family and network: {name}" }).ClickAsync();
        await Expect(groups.GetByRole(AriaRole.Button, new() { Name = $"Count as professional: {name}" })).ToBeVisibleAsync();
    }

    static async Task ScaleOnceAsync(IPage chair, IPage phone, int score, string reason)
    {
        await chair.Locator("#prepared-questions").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Start this scaling round") }).ClickAsync();
        await ScoreAsync(phone, score, reason);
        await chair.Locator("#my-score-form").GetByRole(AriaRole.Button, new() { Name = "Pass on this round" }).ClickAsync();
        await chair.GetByRole(AriaRole.Button, new() { Name = "Reveal the scores" }).ClickAsync();
        await Expect(phone.Locator("#mb-scaling .mb-results")).ToBeVisibleAsync();
    }

    static async Task ScoreAsync(IPage phone, int score, string reason)
    {
        var form = phone.Locator("#my-score-form");
        await form.GetByLabel(score.ToString(), new() { Exact = true }).CheckAsync();
        await form.GetByLabel("Why this number?").FillAsync(reason);
        await form.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("my score$") }).ClickAsync();
        await Expect(phone.Locator("#mb-my-score .mb-score-form__status")).ToContainTextAsync($"You scaled {score}");
    }

    static async Task CloseMeetingAsync(IPage chair)
    {
        await chair.GetByRole(AriaRole.Button, new() { Name = "Close meeting" }).ClickAsync();
        await chair.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "Close meeting" }).ClickAsync();
        await Expect(chair.Locator(".mb-closed-banner")).ToContainTextAsync("Meeting closed");
    }

    static Task ShotAsync(IPage page, string name) => Screenshots.TakeAsync(page, name);
}
