using System.Text.RegularExpressions;
using MeetingBoard.Meetings;
using MeetingBoard.Practice;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests.MeetingParts;

/// <summary>
/// Issue 17, parts 5 to 8, as people use them: a group supervision with the presenter's question and
/// the last stage's reflections and appreciations; a family network meeting building its safety plan;
/// the child's words shown and hidden on the room screen; items in the family's words. Each page state
/// is checked with axe, at a phone's 320px, a laptop's 1280px and a room screen's 1920px.
/// </summary>
public sealed class InTheMeeting(BrowserFixture browsers) : BrowserTest
{
    static Task ShotAsync(IPage page, string name) => Screenshots.TakeAsync(page, name);

    [Fact]
    public async Task AGroupSupervisionKeepsThePresentersQuestionAndTheGroupsReflectionsAndAppreciations()
    {
        var (email, password) = await app.AddFacilitatorAsync("Alex Morgan");
        var chair = await browsers.SignedInAsync(app, email, password);
        await chair.GetByLabel("Group supervision").CheckAsync();
        await chair.GetByLabel("Title").FillAsync("Team supervision");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start meeting" }).ClickAsync();
        await Expect(chair.Locator("#mb-stages-title")).ToContainTextAsync("Stages not started yet");
        var meetingId = new Uri(chair.Url).AbsolutePath.Split('/')[2];

        var screen = await browsers.NewPageAsync(app, 1920, 1080);
        await screen.GotoAsync((await chair.Locator("a[href*='/screen/']").GetAttributeAsync("href"))!);
        var ravi = await JoinAsync(chair, "Ravi", "Social worker", 320);
        var jo = await JoinAsync(chair, "Jo", "Social worker", 1280);

        await chair.GetByLabel("Role of Ravi").SelectOptionAsync("Presenter");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Set role of Ravi" }).ClickAsync();
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start: Agree confidentiality and the presenter's question" }).ClickAsync();

        // The presenter states the question they bring, from their own phone; everyone sees it, nobody else may change it.
        await Expect(ravi.Locator("#presenter-question-form")).ToBeVisibleAsync();
        await Expect(jo.Locator("#presenter-question-form")).ToHaveCountAsync(0);
        await Axe.AssertNoViolationsAsync(ravi, "the presenter's phone asking for their question");
        await ravi.GetByLabel("The question I bring").FillAsync("How do I help Sam say what she needs when Jordan is there?");
        await ravi.GetByRole(AriaRole.Button, new() { Name = "Save the question" }).ClickAsync();
        foreach (var page in new[] { chair, jo, screen })
            await Expect(page.Locator("#mb-presenter-question-text")).ToHaveTextAsync("How do I help Sam say what she needs when Jordan is there?");
        await Axe.AssertNoViolationsAsync(screen, "the room screen with the presenter's question");
        await Axe.AssertNoViolationsAsync(jo, "a member of the group seeing the presenter's question");

        // The last stage: each person adds their own appreciations and reflections.
        await ChairAsync(email, meetingId, (a, t) => new MeetingBoard.Facilitation.GoToStage("reflection", a, t));
        await Expect(jo.Locator("#appreciation-form")).ToBeVisibleAsync();
        await Expect(ravi.Locator("#appreciation-form")).ToHaveCountAsync(0); // the presenter is appreciated, not appreciating
        await jo.GetByLabel("Your appreciation for Ravi").FillAsync("You knew Maya so well, and it showed.");
        await jo.GetByRole(AriaRole.Button, new() { Name = "Add the appreciation" }).ClickAsync();
        await jo.GetByLabel("Your reflection on the process").FillAsync("Asking only questions slowed me down, in a good way.");
        await jo.GetByRole(AriaRole.Button, new() { Name = "Add the reflection" }).ClickAsync();
        await ravi.GetByLabel("Your reflection on the process").FillAsync("I see the family's strengths more clearly now.");
        await ravi.GetByRole(AriaRole.Button, new() { Name = "Add the reflection" }).ClickAsync();
        foreach (var page in new[] { chair, ravi, screen })
        {
            await Expect(page.Locator("#mb-appreciations li .mb-part__text")).ToHaveTextAsync("You knew Maya so well, and it showed.");
            await Expect(page.Locator("#mb-reflections li .mb-part__text")).ToHaveCountAsync(2);
        }
        await Expect(screen.Locator("#mb-reflection-stage-title")).ToHaveTextAsync("Reflections and appreciations");
        await Axe.AssertNoViolationsAsync(jo, "a member of the group adding reflections (1280px)");
        await Axe.AssertNoViolationsAsync(ravi, "the presenter's phone in the last stage (320px)");
        await Axe.AssertNoViolationsAsync(screen, "the room screen with reflections and appreciations (1920px)");
        await Axe.AssertNoViolationsAsync(chair, "the facilitator's board in the last stage");
        await ShotAsync(ravi, "supervision-reflections-320");
        await ShotAsync(jo, "supervision-reflections-1280");
        await ShotAsync(screen, "supervision-reflections-screen-1920");

        // The record keeps them.
        await chair.GotoAsync($"/m/{meetingId}/record");
        await Expect(chair.Locator("main")).ToContainTextAsync("The question the presenter brings");
        await Expect(chair.Locator("main")).ToContainTextAsync("You knew Maya so well, and it showed.");
        await Expect(chair.Locator("main")).ToContainTextAsync("I see the family's strengths more clearly now.");
        await chair.GotoAsync($"/m/{meetingId}/audit");
        await Expect(chair.Locator("main")).ToContainTextAsync("Added an appreciation for the presenter");
        await Expect(chair.Locator("main")).ToContainTextAsync("Wrote down the question the presenter brings");
    }

    [Fact]
    public async Task AFamilyNetworkMeetingBuildsItsSafetyPlanWithRulesNetworkBottomLinesAndATestingPeriod()
    {
        var (email, password) = await app.AddFacilitatorAsync("Jess Taylor");
        var chair = await browsers.SignedInAsync(app, email, password);
        await chair.GetByLabel("Family network meeting").CheckAsync();
        await chair.GetByLabel("Title").FillAsync("Safety planning with Sam's family");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start meeting" }).ClickAsync();
        await Expect(chair.Locator("#mb-stages-title")).ToContainTextAsync("Stages not started yet");
        var meetingId = new Uri(chair.Url).AbsolutePath.Split('/')[2];
        var screen = await browsers.NewPageAsync(app, 1920, 1080);
        await screen.GotoAsync((await chair.Locator("a[href*='/screen/']").GetAttributeAsync("href"))!);
        var pat = await JoinAsync(chair, "Pat", "Grandmother", 320);
        var patId = (await pat.Locator("[data-mb-page=board]").GetAttributeAsync("data-mb-viewer"))![2..];
        await ChairAsync(email, meetingId, (a, t) => new MeetingBoard.Scaling.SetScalingGroup(patId, "family", a, t));

        // The plan, from the family's phone: a rule in their words and who is in the network.
        await Expect(pat.Locator("#mb-safety-plan-title")).ToHaveTextAsync("Safety plan");
        await OpenAsync(pat.Locator("#plan-rule-details"));
        await Axe.AssertNoViolationsAsync(pat, "a phone adding a plan rule (320px)");
        await pat.GetByLabel("The rule, in the family's words").FillAsync("If Jordan has been drinking, he doesn't come to the house.");
        await pat.GetByLabel("Who makes sure it happens?").FillAsync("Sam, and Pat checks in every evening");
        await pat.GetByLabel("What happens if it is broken?").FillAsync("Pat takes the children home with her and calls the social worker.");
        await pat.GetByRole(AriaRole.Button, new() { Name = "Add the rule" }).ClickAsync();
        await OpenAsync(pat.Locator("#network-details"));
        await pat.GetByLabel("Their name").FillAsync("Pat");
        await pat.GetByLabel("Who are they to the child?").FillAsync("Grandmother");
        await pat.GetByLabel("What will they do?").FillAsync("Has the children to stay when things get heated.");
        await pat.GetByRole(AriaRole.Button, new() { Name = "Add to the network" }).ClickAsync();
        foreach (var page in new[] { chair, screen })
        {
            await Expect(page.Locator("#mb-plan-rules li").First).ToContainTextAsync("If Jordan has been drinking, he doesn't come to the house.");
            await Expect(page.Locator("#mb-network li").First).ToContainTextAsync("Pat (Grandmother)");
        }

        // The professionals' part: a bottom line, shown as theirs, and the testing period. Not on the family's phone to set.
        await Expect(pat.Locator("#bottom-line-details")).ToHaveCountAsync(0);
        await Expect(pat.Locator("#testing-period-details")).ToHaveCountAsync(0);
        await OpenAsync(chair.Locator("#bottom-line-details"));
        await chair.GetByLabel("The bottom line, in plain words").FillAsync("The children are never alone with Jordan when he has been drinking.");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Add the bottom line" }).ClickAsync();
        await OpenAsync(chair.Locator("#testing-period-details"));
        await chair.Locator("#testing-day").FillAsync("10");
        await chair.Locator("#testing-month").FillAsync("9");
        await chair.Locator("#testing-year").FillAsync("2030");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Set the end date" }).ClickAsync();
        foreach (var page in new[] { pat, screen })
        {
            await Expect(page.Locator("#mb-bottom-lines li")).ToContainTextAsync("Bottom line set by the professionals");
            await Expect(page.Locator("#mb-testing-period")).ToContainTextAsync("10 September 2030");
        }
        await Axe.AssertNoViolationsAsync(chair, "the chair's board with the safety plan (1280px)");
        await Axe.AssertNoViolationsAsync(pat, "a phone with the safety plan (320px)");
        await Axe.AssertNoViolationsAsync(screen, "the room screen with the safety plan (1920px)");
        foreach (var page in new[] { chair, pat, screen }) await NoSidewaysScrollAsync(page);
        await ShotAsync(pat, "safety-plan-320");
        await ShotAsync(chair, "safety-plan-1280");
        await ShotAsync(screen, "safety-plan-screen-1920");

        // Family's own words: what Pat adds is marked; so is what the chair typed for Sam, once marked.
        await (await AddForms.OpenAsync(pat, "existing-strengths")).Locator("textarea").FillAsync("The children love staying with me.");
        await pat.Locator("#add-existing-strengths").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Add") }).ClickAsync();
        await Expect(screen.Locator("#cat-existing-strengths .mb-item", new() { HasText = "The children love staying with me." }).Locator(".mb-familys-words"))
            .ToHaveTextAsync("In the family's words");
        await chair.Locator("#add-existing-safety textarea").FillAsync("Sam says: I took them to my mum's straight away.");
        await chair.Locator("#add-existing-safety").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Add") }).ClickAsync();
        var typed = chair.Locator("#cat-existing-safety .mb-item", new() { HasText = "Sam says" });
        await typed.Locator(".mb-item__change-toggle").ClickAsync();
        await typed.GetByRole(AriaRole.Button, new() { Name = "Mark as in the family's words this item" }).ClickAsync();
        await Expect(screen.Locator("#cat-existing-safety .mb-item", new() { HasText = "Sam says" }).Locator(".mb-familys-words")).ToHaveTextAsync("In the family's words");
        await Axe.AssertNoViolationsAsync(screen, "the room screen with items in the family's words");

        // Once the stages start, the family proposes plan rules only while the plan is open.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start: Mapping" }).ClickAsync();
        await Expect(pat.Locator("#mb-stages-title")).ToContainTextAsync("Mapping");
        await Expect(pat.Locator("#plan-rule-details")).ToHaveCountAsync(0);
        await Expect(pat.Locator("#mb-plan-rules li")).ToHaveCountAsync(1);

        // The family's version presents the plan as theirs.
        await chair.GotoAsync($"/m/{meetingId}/record/family");
        await Expect(chair.Locator("main")).ToContainTextAsync("Our safety plan");
        await Expect(chair.Locator("main")).ToContainTextAsync("What the professionals say must happen");
        await Expect(chair.Locator("main")).ToContainTextAsync("We will try this plan until 10 September 2030");
        await Axe.AssertNoViolationsAsync(chair, "the family version with the safety plan");
    }

    [Fact]
    public async Task TheChildsWordsAreOnTheRoomScreenOnlyWhenTheFacilitatorShowsThem()
    {
        var (email, password) = await app.AddFacilitatorAsync("Alex Morgan");
        var chair = await browsers.SignedInAsync(app, email, password);
        await chair.GetByLabel("Child protection conference").CheckAsync();
        await chair.GetByLabel("Title").FillAsync("Initial conference: Maya and Leo");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start meeting" }).ClickAsync();
        await Expect(chair.Locator("#mb-stages-title")).ToContainTextAsync("Stages not started yet");
        var screen = await browsers.NewPageAsync(app, 1920, 1080);
        await screen.GotoAsync((await chair.Locator("a[href*='/screen/']").GetAttributeAsync("href"))!);
        var sam = await JoinAsync(chair, "Sam", "Mother", 320);

        await OpenAsync(chair.Locator("#three-houses-details"));
        await chair.GetByLabel("The child's first name").FillAsync("Maya");
        await chair.GetByLabel("Their age, in years").FillAsync("6");
        await chair.GetByLabel("House of worries, in the child's words").FillAsync("When Jordan shouts I hide under the bed.");
        await chair.GetByLabel("House of good things, in the child's words").FillAsync("Nanny Pat's house and my teacher.");
        await chair.GetByLabel("House of dreams, in the child's words").FillAsync("Everyone being kind at home.");
        await chair.GetByLabel("How and when was it gathered?").FillAsync("Drawn with her social worker at school, 3 June.");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Record what the child said" }).ClickAsync();
        await Expect(chair.Locator("#mb-three-houses .mb-house").First).ToContainTextAsync("When Jordan shouts I hide under the bed.");
        await Expect(chair.Locator("#mb-three-houses-status")).ToContainTextAsync("Hidden");
        await Axe.AssertNoViolationsAsync(chair, "the chair's board with the child's words, hidden from the room");

        // Hidden: not on the screen, not on the phone, not anywhere in their pages.
        await Expect(screen.Locator("#mb-three-houses")).ToHaveCountAsync(0);
        foreach (var page in new[] { screen, sam }) Assert.DoesNotContain("hide under the bed", await page.ContentAsync());

        await chair.GetByRole(AriaRole.Button, new() { Name = "Show to the room" }).ClickAsync();
        foreach (var page in new[] { screen, sam })
            await Expect(page.Locator("#mb-three-houses .mb-house").First).ToContainTextAsync("When Jordan shouts I hide under the bed.");
        await Expect(screen.Locator("#mb-three-houses")).ToContainTextAsync("Maya, 6 years old");
        await Axe.AssertNoViolationsAsync(screen, "the room screen showing the child's words (1920px)");
        await Axe.AssertNoViolationsAsync(sam, "a phone showing the child's words (320px)");
        await NoSidewaysScrollAsync(sam);
        await ShotAsync(screen, "three-houses-screen-1920");
        await ShotAsync(sam, "three-houses-320");

        await chair.GetByRole(AriaRole.Button, new() { Name = "Hide from the room" }).ClickAsync();
        await Expect(screen.Locator("#mb-three-houses")).ToHaveCountAsync(0);
        await Expect(sam.Locator("#mb-three-houses")).ToHaveCountAsync(0);
        foreach (var page in new[] { screen, sam }) Assert.DoesNotContain("hide under the bed", await page.ContentAsync());
    }

    async Task<IPage> JoinAsync(IPage chair, string name, string role, int width)
    {
        var page = await browsers.NewPageAsync(app, width, 900);
        await page.GotoAsync((await chair.Locator("a[href*='/join/']").GetAttributeAsync("href"))!);
        await page.AskToJoinAsync(name, role);
        // None of these meetings lets people in automatically: the chair does (the click waits for the button).
        await chair.Locator("#mb-people").GetByRole(AriaRole.Button, new() { Name = $"Let in {name}" }).ClickAsync();
        await Expect(page.Locator("[data-mb-page=board][data-mb-circuit=live]")).ToBeVisibleAsync();
        return page;
    }

    async Task ChairAsync(string email, string meetingId, Func<Actor, DateTimeOffset, MeetingCommand> command)
    {
        await using var circuit = await Circuit.OpenAsync(app, await Circuit.FacilitatorAsync(app, email), meetingId);
        Assert.Null(await circuit.RunAsync(command));
    }

    static async Task OpenAsync(ILocator details)
    {
        await LivePages.WaitUntilLiveAsync(details.Page);
        if (await details.GetAttributeAsync("open") is null) await details.Locator("summary").First.ClickAsync();
        await Expect(details).ToHaveAttributeAsync("open", "");
        await Expect(details.Locator(".mb-details__text > *").First).ToBeVisibleAsync();
    }

    static async Task NoSidewaysScrollAsync(IPage page)
    {
        var (scroll, width) = (await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"), page.ViewportSize!.Width);
        Assert.True(scroll <= width, $"{page.Url} at {width}px is {scroll}px wide");
    }
}

/// <summary>What each audience's view holds of the child's words: nothing outside the facilitators' until shown.</summary>
public sealed class TheChildsWordsInEachView
{
    static readonly Actor Chair = Actor.Facilitator("acc");

    static MeetingState With(params IMeetingEvent[] events) => Meeting.Fold(
    [
        new MeetingCreated("m", MeetingType.ChildProtectionConference, "Conference", null, "acc", "Alex", "KPW7RTC4H", "key", DateTimeOffset.UnixEpoch),
        new ThreeHousesRecorded("c", "Maya", 6, "I hide under the bed", "", "", "At school", Chair, DateTimeOffset.UnixEpoch),
        .. events,
    ]);

    [Fact]
    public void HiddenTheyAreOnlyInTheFacilitatorsView()
    {
        var state = With();
        Assert.Single(AudienceViews.For(state, Audience.Facilitator).ThreeHouses.Children);
        Assert.Empty(AudienceViews.For(state, Audience.RoomScreen).ThreeHouses.Children);
        Assert.Empty(AudienceViews.For(state, Audience.Participant).ThreeHouses.Children);
    }

    [Fact]
    public void ShownTheyAreInEveryView()
    {
        var state = With(new ThreeHousesShown(Chair, DateTimeOffset.UnixEpoch));
        Assert.Single(AudienceViews.For(state, Audience.RoomScreen).ThreeHouses.Children);
        Assert.Single(AudienceViews.For(state, Audience.Participant).ThreeHouses.Children);
    }
}
