using System.Text.RegularExpressions;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests.Facilitation;

/// <summary>
/// A family network meeting run through its four stages: the social worker chairs, Pat (the
/// children's grandmother) takes part from her phone, and the room screen shows the board. Each
/// stage opens only its own parts of the map, and every stage change is seen live on every device.
/// </summary>
public sealed class FamilyNetworkJourney(BrowserFixture browsers) : BrowserTest
{
    [Fact]
    public async Task AFamilyNetworkMeetingMovesFromMappingToNextStepsLiveOnEveryDevice()
    {
        var (email, password) = await app.AddFacilitatorAsync("Jess Taylor");
        var chair = await browsers.SignedInAsync(app, email, password);
        await chair.GetByLabel("Family network meeting").CheckAsync();
        await chair.GetByLabel("Title").FillAsync("Safety planning with Sam's family");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start meeting" }).ClickAsync();
        await Expect(chair.Locator("#mb-stages-title")).ToContainTextAsync("Stages not started yet");

        var screen = await browsers.NewPageAsync(app, 1920, 1080);
        await screen.GotoAsync((await chair.Locator("a[href*='/screen/']").GetAttributeAsync("href"))!);
        var pat = await browsers.NewPageAsync(app, 320, 740);
        await pat.GotoAsync((await chair.Locator("a[href*='/join/']").GetAttributeAsync("href"))!);
        await pat.GetByLabel("Your name").FillAsync("Pat");
        await pat.GetByLabel("Your role, or how you know the family").FillAsync("Grandmother");
        await pat.GetByRole(AriaRole.Button, new() { Name = "Ask to join" }).ClickAsync();
        await chair.Locator("#mb-people").GetByRole(AriaRole.Button, new() { Name = "Let in Pat" }).ClickAsync();
        await Expect(pat.Locator("[data-mb-page=board]")).ToBeVisibleAsync();

        // Mapping: the worried and working-well columns are open; safety goals and next steps are not yet.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start: Mapping" }).ClickAsync();
        foreach (var page in new[] { chair, pat, screen })
            await Expect(page.Locator("#mb-stages-title")).ToContainTextAsync("Stage 1 of 4");
        await Expect(pat.Locator("#mb-stages-title")).ToContainTextAsync("Mapping");
        await Expect(pat.Locator("#cat-next-steps .mb-closed-tag")).ToHaveTextAsync("Closed");
        await Expect(pat.Locator("#cat-safety-goals .mb-closed-tag")).ToHaveTextAsync("Closed");
        await pat.Locator("#add-existing-strengths textarea").FillAsync("The children love staying with me, and I live five minutes away.");
        await pat.Locator("#add-existing-strengths").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Add") }).ClickAsync();
        foreach (var page in new[] { chair, screen })
            await Expect(page.Locator("#cat-existing-strengths .mb-item__text")).ToHaveTextAsync("The children love staying with me, and I live five minutes away.");
        await chair.Locator("#cat-danger-statements").GetByText("Write a danger statement").ClickAsync();
        var danger = chair.Locator("#builder-danger");
        await danger.GetByLabel("Who is worried?").FillAsync("The social worker");
        await danger.GetByLabel("What behaviour are they worried about?").FillAsync("Jordan has shouted at and pushed Sam while the children were there");
        await danger.GetByLabel("What impact has it had, or could it have, on the child?").FillAsync("Maya hides under her bed when there is shouting");
        await danger.GetByLabel("What may happen if nothing changes?").FillAsync("Maya and Leo could be hurt");
        await danger.GetByRole(AriaRole.Button, new() { Name = "Save the danger statement" }).ClickAsync();
        foreach (var page in new[] { pat, screen })
            await Expect(page.Locator("#cat-danger-statements .mb-statement .mb-item__text")).ToContainTextAsync("Jordan has shouted at and pushed Sam");
        await Axe.AssertNoViolationsAsync(chair, "the chair's board at the mapping stage");
        await Axe.AssertNoViolationsAsync(pat, "a phone at the mapping stage");
        await Axe.AssertNoViolationsAsync(screen, "the room screen at the mapping stage");

        // Safety goals: only goals are open; Pat proposes one from her phone.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Next: Safety goals" }).ClickAsync();
        foreach (var page in new[] { chair, pat, screen })
            await Expect(page.Locator("#mb-stages-title")).ToContainTextAsync("Stage 2 of 4");
        await Expect(pat.Locator("#add-existing-strengths")).ToHaveCountAsync(0);
        await Expect(pat.Locator("#cat-existing-strengths .mb-closed-tag")).ToHaveTextAsync("Closed");
        await pat.Locator("#cat-safety-goals").GetByText("Write a safety goal").ClickAsync();
        var goal = pat.Locator("#builder-goal");
        await goal.GetByLabel("What will the parents or carers do?").FillAsync("If an argument starts, Sam will bring the children to Pat's straight away");
        await goal.GetByLabel("What will the child experience?").FillAsync("Maya and Leo will feel calm and safe");
        await goal.GetByLabel("What will professionals see?").FillAsync("The school will see Maya relaxed");
        await goal.GetByLabel("For how long?").FillAsync("six months");
        await Axe.AssertNoViolationsAsync(pat, "a phone writing a safety goal");
        await goal.GetByRole(AriaRole.Button, new() { Name = "Save the safety goal" }).ClickAsync();
        foreach (var page in new[] { chair, screen })
            await Expect(page.Locator("#cat-safety-goals .mb-goal .mb-item__text")).ToContainTextAsync("Maya and Leo will feel calm and safe");
        await Axe.AssertNoViolationsAsync(screen, "the room screen at the safety goals stage");

        // Plan rules and safety network: existing safety (the rules that already keep the children
        // safe) and next steps (who in the network does what) open together.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Next: Plan rules and safety network (who does what)" }).ClickAsync();
        foreach (var page in new[] { chair, pat, screen })
            await Expect(page.Locator("#mb-stages-title")).ToContainTextAsync("Plan rules and safety network (who does what)");
        await Expect(pat.Locator("#add-safety-goals")).ToHaveCountAsync(0);
        await pat.Locator("#add-existing-safety textarea").FillAsync("Rule: the children never stay at home when Jordan has been drinking.");
        await pat.Locator("#add-existing-safety").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Add") }).ClickAsync();
        var steps = chair.Locator("#cat-next-steps");
        await steps.Locator("#step-form-details summary").ClickAsync();
        await steps.GetByLabel("Who will do it?").SelectOptionAsync(new SelectOptionValue { Label = "Pat (Grandmother)" });
        await steps.GetByLabel("What will they do?").FillAsync("Have the children every Friday night and be the first person Sam calls");
        await steps.GetByLabel("Day").FillAsync("1");
        await steps.GetByLabel("Month").FillAsync("7");
        await steps.GetByLabel("Year").FillAsync("2030");
        await steps.GetByRole(AriaRole.Button, new() { Name = "Add the next step" }).ClickAsync();
        await Expect(pat.Locator("#plan tbody tr th")).ToHaveTextAsync("Pat");
        await Expect(screen.Locator("#cat-existing-safety .mb-item__text")).ToHaveTextAsync("Rule: the children never stay at home when Jordan has been drinking.");
        await Expect(screen.Locator("#cat-next-steps .mb-step .mb-item__text")).ToHaveTextAsync("Pat: Have the children every Friday night and be the first person Sam calls");
        await Axe.AssertNoViolationsAsync(pat, "a phone with the plan rules and the safety network");
        await Axe.AssertNoViolationsAsync(screen, "the room screen with the safety network");

        // Back to the goals and on again: every device follows.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Back: Safety goals" }).ClickAsync();
        foreach (var page in new[] { pat, screen })
            await Expect(page.Locator("#mb-stages-title")).ToContainTextAsync("Stage 2 of 4");
        await Expect(pat.Locator("#add-existing-safety")).ToHaveCountAsync(0);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Next: Plan rules and safety network (who does what)" }).ClickAsync();
        await chair.GetByRole(AriaRole.Button, new() { Name = "Next: Next steps" }).ClickAsync();

        // Next steps: the last stage; only next steps are open. Pat adds her own from the phone.
        foreach (var page in new[] { chair, pat, screen })
            await Expect(page.Locator("#mb-stages-title")).ToContainTextAsync("Stage 4 of 4");
        await Expect(pat.Locator("#add-existing-safety")).ToHaveCountAsync(0);
        var patSteps = pat.Locator("#cat-next-steps");
        await patSteps.Locator("#step-form-details summary").ClickAsync();
        await patSteps.GetByLabel("Who will do it?").SelectOptionAsync(new SelectOptionValue { Label = "Someone who is not here" });
        await patSteps.GetByLabel("Their name, if they are not here").FillAsync("Uncle Dev");
        await patSteps.GetByLabel("What will they do?").FillAsync("Take Maya to school on Mondays");
        await patSteps.GetByLabel("Day").FillAsync("8");
        await patSteps.GetByLabel("Month").FillAsync("7");
        await patSteps.GetByLabel("Year").FillAsync("2030");
        await patSteps.GetByRole(AriaRole.Button, new() { Name = "Add the next step" }).ClickAsync();
        await Expect(chair.Locator("#plan tbody tr")).ToHaveCountAsync(2);
        await Expect(chair.Locator("#plan tbody tr").Nth(1).Locator("th")).ToHaveTextAsync("Uncle Dev");
        await Expect(screen.Locator("#cat-next-steps .mb-step")).ToHaveCountAsync(2);
        await Axe.AssertNoViolationsAsync(chair, "the chair's board at the last stage");
        await Axe.AssertNoViolationsAsync(pat, "a phone at the last stage");
        await Axe.AssertNoViolationsAsync(screen, "the room screen at the last stage");
    }
}
