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
        await pat.AskToJoinAsync("Pat", "Grandmother");
        await chair.Locator("#mb-people").GetByRole(AriaRole.Button, new() { Name = "Let in Pat" }).ClickAsync();
        await Expect(pat.Locator("[data-mb-page=board]")).ToBeVisibleAsync();

        // Mapping: the worried and working-well columns are open; safety goals and next steps are not yet.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start: Mapping" }).ClickAsync();
        foreach (var page in new[] { chair, pat, screen })
            await Expect(page.Locator("#mb-stages-title")).ToContainTextAsync("Stage 1 of 4");
        await Expect(pat.Locator("#mb-stages-title")).ToContainTextAsync("Mapping");
        await Expect(pat.Locator("#cat-next-steps .mb-closed-tag")).ToHaveTextAsync("Closed");
        await Expect(pat.Locator("#cat-safety-goals .mb-closed-tag")).ToHaveTextAsync("Closed");
        await (await AddForms.OpenAsync(pat, "existing-strengths")).Locator("textarea").FillAsync("The children love staying with me, and I live five minutes away.");
        await pat.Locator("#add-existing-strengths").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Add") }).ClickAsync();
        foreach (var page in new[] { chair, screen })
            await Expect(page.Locator("#cat-existing-strengths .mb-item__text")).ToHaveTextAsync("The children love staying with me, and I live five minutes away.");
        // The danger statement builder is open to Pat while mapping (writing one is the practice journey's part).
        await Expect(pat.Locator("#builder-danger-details")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(chair, "the chair's board at the mapping stage");
        await Axe.AssertNoViolationsAsync(pat, "a phone at the mapping stage");
        await Axe.AssertNoViolationsAsync(screen, "the room screen at the mapping stage");

        // Safety goals: only goals are open on Pat's phone; the rest closes.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Next: Safety goals" }).ClickAsync();
        foreach (var page in new[] { chair, pat, screen })
            await Expect(page.Locator("#mb-stages-title")).ToContainTextAsync("Stage 2 of 4");
        await Expect(pat.Locator("#add-existing-strengths")).ToHaveCountAsync(0);
        await Expect(pat.Locator("#builder-danger-details")).ToHaveCountAsync(0);
        await Expect(pat.Locator("#cat-existing-strengths .mb-closed-tag")).ToHaveTextAsync("Closed");
        await Expect(pat.Locator("#cat-safety-goals .mb-closed-tag")).ToHaveCountAsync(0);
        // The chair still writes the map while the group's parts are closed.
        await Expect(chair.Locator("#add-existing-strengths")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(pat, "a phone at the safety goals stage");
        await Axe.AssertNoViolationsAsync(screen, "the room screen at the safety goals stage");

        // Plan rules and safety network: existing safety (the rules that already keep the children
        // safe) and next steps (who in the network does what) open together.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Next: Plan rules and safety network (who does what)" }).ClickAsync();
        foreach (var page in new[] { chair, pat, screen })
            await Expect(page.Locator("#mb-stages-title")).ToContainTextAsync("Plan rules and safety network (who does what)");
        await Expect(pat.Locator("#cat-safety-goals .mb-closed-tag")).ToHaveTextAsync("Closed");
        await (await AddForms.OpenAsync(pat, "existing-safety")).Locator("textarea").FillAsync("Rule: the children never stay at home when Jordan has been drinking.");
        await pat.Locator("#add-existing-safety").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Add") }).ClickAsync();
        await Expect(screen.Locator("#cat-existing-safety .mb-item__text")).ToHaveTextAsync("Rule: the children never stay at home when Jordan has been drinking.");
        await Expect(pat.Locator("#cat-next-steps #step-form-details")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(pat, "a phone with the plan rules and the safety network");
        await Axe.AssertNoViolationsAsync(screen, "the room screen with the safety network");

        // Back to the goals and on again: every device follows.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Back: Safety goals" }).ClickAsync();
        foreach (var page in new[] { pat, screen })
            await Expect(page.Locator("#mb-stages-title")).ToContainTextAsync("Stage 2 of 4");
        await Expect(pat.Locator("#add-existing-safety")).ToHaveCountAsync(0);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Next: Plan rules and safety network (who does what)" }).ClickAsync();
        await chair.GetByRole(AriaRole.Button, new() { Name = "Next: Next steps" }).ClickAsync();

        // Next steps: the last stage; only next steps are open, and there is no Next any more.
        foreach (var page in new[] { chair, pat, screen })
            await Expect(page.Locator("#mb-stages-title")).ToContainTextAsync("Stage 4 of 4");
        await Expect(pat.Locator("#add-existing-safety")).ToHaveCountAsync(0);
        await Expect(pat.Locator("#cat-next-steps #step-form-details")).ToBeVisibleAsync();
        await Expect(chair.Locator("#mb-stages .mb-stages__controls").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Next:") })).ToHaveCountAsync(0);
        await Axe.AssertNoViolationsAsync(chair, "the chair's board at the last stage");
        await Axe.AssertNoViolationsAsync(pat, "a phone at the last stage");
        await Axe.AssertNoViolationsAsync(screen, "the room screen at the last stage");
    }
}
