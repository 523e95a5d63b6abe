using System.Text.RegularExpressions;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests.Facilitation;

/// <summary>
/// A group supervision run through its stages in five browsers: the facilitator, a co-facilitator,
/// an advisor on a phone and the room screen. Every stage change is seen live everywhere.
/// </summary>
public sealed class FacilitationJourney(BrowserFixture browsers) : BrowserTest
{
    [Fact]
    public async Task AGroupSupervisionMovesThroughItsStagesLiveOnEveryDevice()
    {
        var (email, password) = await app.AddFacilitatorAsync("Alex Morgan");
        var (coEmail, coPassword) = await app.AddFacilitatorAsync("Robin Reid");

        var chair = await browsers.SignedInAsync(app, email, password);
        await chair.GetByLabel("Group supervision").CheckAsync();
        await chair.GetByLabel("Title").FillAsync("Team supervision");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start meeting" }).ClickAsync();
        await Expect(chair.Locator("#mb-stages-title")).ToContainTextAsync("Stages not started yet");
        var screenLink = await chair.Locator("a[href*='/screen/']").GetAttributeAsync("href");
        var joinLink = await chair.Locator("a[href*='/join/']").GetAttributeAsync("href");

        var screen = await browsers.NewPageAsync(app, 1920, 1080);
        await screen.GotoAsync(screenLink!);
        var advisor = await browsers.NewPageAsync(app, 360, 740);
        await advisor.GotoAsync(joinLink!);
        await advisor.AskToJoinAsync("Priya", "Advisor");
        await chair.Locator("#mb-people").GetByRole(AriaRole.Button, new() { Name = "Let in Priya" }).ClickAsync();
        await Expect(advisor.Locator("[data-mb-page=board]")).ToBeVisibleAsync();

        // Roles: Priya presents today; everyone sees who presents.
        await chair.GetByLabel("Role of Priya").SelectOptionAsync("Presenter");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Set role of Priya" }).ClickAsync();
        foreach (var page in new[] { advisor, screen })
            await Expect(page.Locator("#mb-roles")).ToContainTextAsync("Presenter: Priya");

        // Start: the first stage, on every device at once. Nothing is open to add to while confidentiality is agreed.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start: Agree confidentiality and the presenter's question" }).ClickAsync();
        foreach (var page in new[] { chair, advisor, screen })
            await Expect(page.Locator("#mb-stages-title")).ToContainTextAsync("Stage 1 of 6");
        await Expect(advisor.Locator("#mb-stages-title")).ToContainTextAsync("Agree confidentiality and the presenter's question");
        await Expect(advisor.Locator("#mb-board .mb-add")).ToHaveCountAsync(0);
        await Expect(advisor.Locator("#cat-harm .mb-closed-tag")).ToHaveTextAsync("Closed");
        await Axe.AssertNoViolationsAsync(chair, "the facilitator's board at the first stage");
        await Axe.AssertNoViolationsAsync(advisor, "a participant's board with everything closed");
        await Axe.AssertNoViolationsAsync(screen, "the room screen showing a stage");

        // Next: information and mapping. The group asks questions only; the facilitator maps.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Next: Information and mapping" }).ClickAsync();
        foreach (var page in new[] { chair, advisor, screen })
            await Expect(page.Locator("#mb-stages-title")).ToContainTextAsync("Information and mapping");
        await advisor.GetByLabel("Ask the presenter a question").FillAsync("When did Maya last stay at Pat's?");
        await advisor.GetByRole(AriaRole.Button, new() { Name = "Ask the question" }).ClickAsync();
        await Expect(advisor.GetByLabel("Ask the presenter a question")).ToHaveValueAsync("");
        foreach (var page in new[] { chair, advisor, screen })
            await Expect(page.Locator(".mb-question__text")).ToHaveTextAsync("When did Maya last stay at Pat's?");
        await Axe.AssertNoViolationsAsync(advisor, "a participant asking questions");
        await Axe.AssertNoViolationsAsync(screen, "the room screen with questions");
        await chair.Locator("#add-harm textarea").FillAsync("Police were called twice after Jordan pushed Sam.");
        await chair.Locator("#add-harm").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Add") }).ClickAsync();
        await Expect(advisor.Locator("#cat-harm .mb-item__text")).ToHaveTextAsync("Police were called twice after Jordan pushed Sam.");

        // Next: danger statements and goals open for everyone; the question form goes.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Next: Danger statements and safety goals" }).ClickAsync();
        await Expect(advisor.Locator("#builder-danger-details")).ToBeVisibleAsync();
        await Expect(advisor.Locator("#add-harm")).ToHaveCountAsync(0);
        await Expect(advisor.Locator("#ask-question")).ToHaveCountAsync(0);
        await Expect(screen.Locator("#mb-stages-title")).ToContainTextAsync("Stage 3 of 6");

        // Back, explicitly named, and everyone follows.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Back: Information and mapping" }).ClickAsync();
        foreach (var page in new[] { advisor, screen })
            await Expect(page.Locator("#mb-stages-title")).ToContainTextAsync("Stage 2 of 6");

        // Straight to any stage from the list of all stages.
        await chair.Locator(".mb-stages__all summary").ClickAsync();
        await chair.GetByRole(AriaRole.Button, new() { Name = "Go to this stage: The presenter's next steps" }).ClickAsync();
        foreach (var page in new[] { advisor, screen })
            await Expect(page.Locator("#mb-stages-title")).ToContainTextAsync("The presenter's next steps");
        await Expect(advisor.Locator("#add-next-steps")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(chair, "the facilitator's list of all stages");

        // Close and open one category for the running stage; the participant's form follows live.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Close Next steps for this stage" }).ClickAsync();
        await Expect(advisor.Locator("#add-next-steps")).ToHaveCountAsync(0);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Open Next steps for this stage" }).ClickAsync();
        await Expect(advisor.Locator("#add-next-steps")).ToBeVisibleAsync();

        // Lock the board: nothing to add or change for the group, said on every screen.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Lock the board" }).ClickAsync();
        await Expect(advisor.Locator(".mb-stages__locked")).ToContainTextAsync("The facilitator has locked the board");
        await Expect(screen.Locator(".mb-stages__locked")).ToContainTextAsync("Board locked");
        await Expect(advisor.Locator("#mb-board .mb-add")).ToHaveCountAsync(0);
        await Axe.AssertNoViolationsAsync(advisor, "a locked board");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Unlock the board" }).ClickAsync();
        await Expect(advisor.Locator("#add-next-steps")).ToBeVisibleAsync();

        // A co-facilitator is added by email and gets full control.
        await chair.GetByLabel("Add a co-facilitator by email").FillAsync(coEmail);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Add co-facilitator" }).ClickAsync();
        await Expect(chair.Locator("#mb-people")).ToContainTextAsync("Robin Reid");
        var robin = await browsers.SignedInAsync(app, coEmail, coPassword);
        await robin.GotoAsync($"/m/{MeetingId(chair)}");
        await Expect(chair.Locator("#mb-people .mb-person", new() { HasText = "Robin Reid" }).Locator(".mb-tag")).ToHaveTextAsync("Connected");
        await robin.GetByRole(AriaRole.Button, new() { Name = "Next: Appreciation and reflection on the process" }).ClickAsync();
        foreach (var page in new[] { chair, advisor, screen })
            await Expect(page.Locator("#mb-stages-title")).ToContainTextAsync("Appreciation and reflection on the process");

        // Robin's connection drops: the meeting carries on, and Robin comes back with full control.
        // (Closing the page ends its connection as a crash or a dropped network would; the sign-in cookie stays.)
        var robinContext = robin.Context;
        await robin.CloseAsync();
        await Expect(chair.Locator("#mb-people .mb-person", new() { HasText = "Robin Reid" }).Locator(".mb-tag")).ToHaveTextAsync("Not connected");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Back: The presenter's next steps" }).ClickAsync();
        await Expect(advisor.Locator("#mb-stages-title")).ToContainTextAsync("The presenter's next steps");
        robin = await robinContext.NewPageAsync();
        await robin.GotoAsync($"/m/{MeetingId(chair)}");
        await Expect(robin.Locator("#mb-stages-title")).ToContainTextAsync("The presenter's next steps");
        await Expect(chair.Locator("#mb-people .mb-person", new() { HasText = "Robin Reid" }).Locator(".mb-tag")).ToHaveTextAsync("Connected");


        await robin.GetByRole(AriaRole.Button, new() { Name = "Next: Appreciation and reflection on the process" }).ClickAsync();
        await Expect(chair.Locator("#mb-stages-title")).ToContainTextAsync("Appreciation and reflection on the process");

        // The stage editor: rename a stage; the new name is live on every device.
        await chair.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Change the stages") }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Heading, new() { Name = "Change the stages" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(chair, "the stage editor");
        var reflection = chair.Locator("#stage-reflection");
        await reflection.GetByLabel("Name of this stage").FillAsync("Appreciation and reflection");
        await reflection.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Save name") }).ClickAsync();
        await Expect(chair.Locator("#stage-reflection .mb-stage-card__title")).ToHaveTextAsync("6. Appreciation and reflection");
        foreach (var page in new[] { advisor, screen, robin })
            await Expect(page.Locator("#mb-stages-title")).ToContainTextAsync("Appreciation and reflection");
        // An empty name is refused beside its field, and what was typed stays.
        await reflection.GetByLabel("Name of this stage").FillAsync("");
        await reflection.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Save name") }).ClickAsync();
        await Expect(reflection).ToContainTextAsync("Enter a name for the stage");
        await Axe.AssertNoViolationsAsync(chair, "the stage editor with a refused name");
        // A co-facilitator's change reaches the open editor live: Robin skips the scaling stage.
        await robin.GotoAsync($"/m/{MeetingId(chair)}/stages");
        await robin.Locator("#stage-scaling").GetByRole(AriaRole.Button, new() { Name = "Skip this stage: Scaling" }).ClickAsync();
        await Expect(chair.Locator("#stage-scaling .mb-stage-card__actions")).ToHaveTextAsync("Skipped");
        await Expect(chair.Locator("#stage-scaling").GetByRole(AriaRole.Button, new() { Name = "Include this stage again: Scaling" })).ToBeVisibleAsync();
        // Moving a stage later, and choosing what it opens.
        await chair.Locator("#stage-confidentiality").GetByRole(AriaRole.Button, new() { Name = "Move later: Agree confidentiality and the presenter's question" }).ClickAsync();
        await Expect(chair.Locator(".mb-stage-card__title").First).ToHaveTextAsync("1. Information and mapping");
        var confidentiality = chair.Locator("#stage-confidentiality");
        await confidentiality.GetByLabel("Harm").CheckAsync();
        await confidentiality.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Save what stage 2 opens") }).ClickAsync();
        await robin.GotoAsync($"/m/{MeetingId(chair)}");
        await robin.Locator(".mb-stages__all summary").ClickAsync();
        await Expect(robin.Locator("#stage-confidentiality")).ToContainTextAsync("Open: harm");

        // The facilitator's meetings page keeps the rota: who facilitated and presented last time.
        await chair.GotoAsync("/meetings");
        await Expect(chair.Locator("#mb-rota")).ToContainTextAsync("Alex Morgan facilitated and Priya presented.");
        await Axe.AssertNoViolationsAsync(chair, "your meetings with the supervision rota");
    }

    [Fact]
    public async Task TheChairsControlsAreLiveOnEveryDevice()
    {
        var (email, password) = await app.AddFacilitatorAsync("Alex Morgan");
        var chair = await browsers.SignedInAsync(app, email, password);
        await chair.GetByLabel("Child protection conference").CheckAsync();
        await chair.GetByLabel("Title").FillAsync("Review conference");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start meeting" }).ClickAsync();
        var screen = await browsers.NewPageAsync(app, 1920, 1080);
        await screen.GotoAsync((await chair.Locator("a[href*='/screen/']").GetAttributeAsync("href"))!);
        var sam = await browsers.NewPageAsync(app, 360, 740);
        await sam.GotoAsync((await chair.Locator("a[href*='/join/']").GetAttributeAsync("href"))!);
        await sam.AskToJoinAsync("Sam", "Mum");
        await chair.Locator("#mb-people").GetByRole(AriaRole.Button, new() { Name = "Let in Sam" }).ClickAsync();
        await Expect(sam.Locator("[data-mb-page=board]")).ToBeVisibleAsync();

        // Spotlight: every view shows the item on its own, the room screen large.
        await (await AddForms.OpenAsync(sam, "existing-safety")).Locator("textarea").FillAsync("I took the children to my mum's straight away.");
        await sam.Locator("#add-existing-safety").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Add") }).ClickAsync();
        await chair.Locator("#cat-existing-safety").GetByRole(AriaRole.Button, new() { Name = "Spotlight this item" }).ClickAsync();
        foreach (var page in new[] { chair, sam, screen })
            await Expect(page.Locator("#mb-spotlight .mb-spotlight__text")).ToHaveTextAsync("I took the children to my mum's straight away.");
        await Expect(screen.Locator("#cat-existing-safety .mb-item--spotlight")).ToHaveCountAsync(1);
        await Axe.AssertNoViolationsAsync(screen, "the room screen with a spotlight");
        await Axe.AssertNoViolationsAsync(sam, "a participant's board with a spotlight and an add form unfolded");
        await chair.Locator("#mb-spotlight").GetByRole(AriaRole.Button, new() { Name = "Clear spotlight this item" }).ClickAsync();
        await Expect(screen.Locator("#mb-spotlight")).ToHaveCountAsync(0);

        // The stage timer counts down on each device from the server's end time, then says so at zero.
        await chair.Locator(".mb-room-controls summary").ClickAsync();
        await Axe.AssertNoViolationsAsync(chair, "the facilitator's timer and round controls");
        await chair.GetByLabel("Seconds").FillAsync("3");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start the timer" }).ClickAsync();
        await Expect(sam.Locator(".mb-timer__time")).ToHaveTextAsync(new Regex(@"^0:0[0-3]$"));
        await sam.GetByRole(AriaRole.Button, new() { Name = "Play a sound at zero" }).ClickAsync();
        await Expect(sam.Locator("button[data-mb-sound]")).ToHaveAttributeAsync("aria-pressed", "true");
        foreach (var page in new[] { chair, sam, screen })
            await Expect(page.Locator(".mb-timer__time")).ToHaveTextAsync("Time is up");
        await Expect(sam.Locator(".mb-timer")).ToHaveClassAsync(new Regex("mb-timer--done"));
        await Axe.AssertNoViolationsAsync(sam, "a timer at zero");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Clear the timer" }).ClickAsync();
        await Expect(sam.Locator(".mb-timer")).ToHaveCountAsync(0);
        await chair.GetByLabel("Minutes").FillAsync("10");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start the timer" }).ClickAsync();
        await Expect(screen.Locator(".mb-timer__time")).ToHaveTextAsync(new Regex(@"^(10:00|9:5\d)$"));
        await chair.GetByRole(AriaRole.Button, new() { Name = "Pause the timer" }).ClickAsync();
        await Expect(sam.Locator(".mb-timer__time")).ToContainTextAsync("(paused)");

        // An anonymous round: names hidden from the group and the wall, still known to the chair.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start an anonymous round" }).ClickAsync();
        await Expect(sam.Locator("#mb-anonymous")).ToContainTextAsync("Names are hidden from everyone except the facilitators");
        await (await AddForms.OpenAsync(sam, "complicating-factors")).Locator("textarea").FillAsync("Money is very tight this winter.");
        await sam.Locator("#add-complicating-factors").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Add") }).ClickAsync();
        foreach (var page in new[] { sam, screen })
            await Expect(page.Locator("#cat-complicating-factors .mb-item__author")).ToHaveTextAsync("Anonymous");
        await Expect(chair.Locator("#cat-complicating-factors .mb-item__author")).ToHaveTextAsync("Sam (Mum)");
        await Axe.AssertNoViolationsAsync(sam, "an anonymous round");
        await Axe.AssertNoViolationsAsync(screen, "the room screen in an anonymous round");

        // Going round the room: the speaker is highlighted everywhere and may pass from their own phone.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Go round the room" }).ClickAsync();
        foreach (var page in new[] { chair, sam, screen })
            await Expect(page.Locator("#mb-turns .mb-turn--now")).ToContainTextAsync("Sam");
        await Expect(sam.Locator("#mb-turns")).ToContainTextAsync("It is your turn");
        await Axe.AssertNoViolationsAsync(sam, "a participant's turn to speak");
        await Axe.AssertNoViolationsAsync(chair, "the facilitator going round the room");
        await sam.Locator("#mb-turns").GetByRole(AriaRole.Button, new() { Name = "Pass", Exact = true }).ClickAsync();
        foreach (var page in new[] { chair, screen })
        {
            await Expect(page.Locator("#mb-turns")).ToContainTextAsync("Everyone has had their turn");
            await Expect(page.Locator("#mb-turns .mb-turn")).ToContainTextAsync("Passed");
        }
        await chair.GetByRole(AriaRole.Button, new() { Name = "End going round the room" }).ClickAsync();
        await Expect(screen.Locator("#mb-turns")).ToHaveCountAsync(0);

        // The chair sees how much each person has added.
        await Expect(chair.Locator("#mb-people .mb-person", new() { HasText = "Sam" }).Locator(".mb-person__count")).ToHaveTextAsync("· 2 contributions");

        // A finished timer goes with its stage: "Time is up" does not follow the meeting on.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Clear the timer" }).ClickAsync();
        await chair.GetByLabel("Seconds").FillAsync("1");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start the timer" }).ClickAsync();
        await Expect(screen.Locator(".mb-timer__time")).ToHaveTextAsync("Time is up");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start: Purpose, agenda and confidentiality" }).ClickAsync();
        foreach (var page in new[] { chair, sam, screen })
        {
            await Expect(page.Locator("#mb-stages-title")).ToContainTextAsync("Purpose, agenda and confidentiality");
            await Expect(page.Locator("#mb-timer")).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task TheStageEditorFitsAPhoneAndIsTheFacilitatorsAlone()
    {
        var (email, password) = await app.AddFacilitatorAsync("Alex Morgan");
        var chair = await browsers.SignedInAsync(app, email, password, 320, 740);
        await chair.GetByLabel("Child protection conference").CheckAsync();
        await chair.GetByLabel("Title").FillAsync("Review conference");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start meeting" }).ClickAsync();
        await Expect(chair.Locator("#mb-stages-title")).ToContainTextAsync("Stages not started yet");
        var meeting = new Uri(chair.Url).AbsolutePath;
        var joinLink = await chair.Locator("a[href*='/join/']").GetAttributeAsync("href");

        // Someone let in who opens the editor's link is told it is the facilitators', and shown nothing of it.
        var sam = await browsers.NewPageAsync(app, 320, 740);
        await sam.GotoAsync(joinLink!);
        await sam.AskToJoinAsync("Sam", "Mum");
        await chair.Locator("#mb-people").GetByRole(AriaRole.Button, new() { Name = "Let in Sam" }).ClickAsync();
        await Expect(sam.Locator("[data-mb-page=board]")).ToBeVisibleAsync();

        var editor = await chair.Context.NewPageAsync();
        await editor.GotoAsync($"{meeting}/stages");
        await Expect(editor.GetByRole(AriaRole.Heading, new() { Name = "Change the stages" })).ToBeVisibleAsync();
        await Expect(editor.Locator(".mb-stage-card")).ToHaveCountAsync(7);
        Assert.True(await editor.EvaluateAsync<int>("() => document.documentElement.scrollWidth") <= 320, "The stage editor scrolls sideways at 320px");
        await Axe.AssertNoViolationsAsync(editor, "the stage editor at 320px");

        await sam.GotoAsync($"{meeting}/stages");
        await Expect(sam.GetByRole(AriaRole.Heading, new() { Name = "Only the facilitators can change the stages" })).ToBeVisibleAsync();
        await Expect(sam.Locator(".mb-stage-card")).ToHaveCountAsync(0);
        await Axe.AssertNoViolationsAsync(sam, "the stage editor's link opened by a participant");
    }

    static string MeetingId(IPage page) => new Uri(page.Url).AbsolutePath.Split('/')[2];
}
