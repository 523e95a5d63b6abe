using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests.Facilitation;

/// <summary>A conference reaches its decision: the chair records it, a parent on a phone disagrees and says why, the room screen shows it live.</summary>
public sealed class DecisionJourney(BrowserFixture browsers) : BrowserTest
{
    const string Plan = "The children will be subject to a child protection plan under the category of emotional abuse";

    [Fact]
    public async Task TheChairRecordsTheDecisionAndADissentReachesTheRoomScreenLive()
    {
        var (email, password) = await app.AddFacilitatorAsync("Alex Morgan");
        var chair = await browsers.SignedInAsync(app, email, password);
        await chair.GetByLabel("Child protection conference").CheckAsync();
        await chair.GetByLabel("Title").FillAsync("Initial conference");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start meeting" }).ClickAsync();
        var screenLink = await chair.Locator("a[href*='/screen/']").GetAttributeAsync("href");
        var joinLink = await chair.Locator("a[href*='/join/']").GetAttributeAsync("href");

        var screen = await browsers.NewPageAsync(app, 1920, 1080);
        await screen.GotoAsync(screenLink!);
        var phone = await browsers.NewPageAsync(app, 320, 740);
        await phone.GotoAsync(joinLink!);
        await phone.AskToJoinAsync("Sam", "Mum");
        await chair.Locator("#mb-people").GetByRole(AriaRole.Button, new() { Name = "Let in Sam" }).ClickAsync();
        await Expect(phone.Locator("[data-mb-page=board]")).ToBeVisibleAsync();

        // The chair goes straight to the decision stage, where the form to record it appears.
        await chair.Locator("#mb-stages .mb-stages__all summary").ClickAsync();
        await chair.GetByRole(AriaRole.Button, new() { Name = "Go to this stage: Decision" }).ClickAsync();
        await Expect(screen.Locator("#mb-stages-title")).ToContainTextAsync("Decision");
        await Expect(phone.Locator("#mb-decision")).ToHaveCountAsync(0);
        await chair.GetByLabel("Record the decision").FillAsync(Plan);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Record the decision" }).ClickAsync();
        foreach (var page in new[] { chair, phone, screen })
            await Expect(page.Locator("#mb-decision-text")).ToHaveTextAsync(Plan);
        await Expect(screen.Locator("#mb-decision-count")).ToContainTextAsync("0 people agree, 0 people disagree");

        await phone.GetByLabel("Disagree").CheckAsync();
        await phone.GetByLabel("Why (optional)").FillAsync("Things have been better since March");
        await phone.GetByRole(AriaRole.Button, new() { Name = "Record the view" }).ClickAsync();
        await Expect(screen.Locator("#mb-decision-count")).ToContainTextAsync("0 people agree, 1 person disagrees");
        await Expect(screen.Locator("#mb-decision-dissent")).ToContainTextAsync("Sam");
        await Expect(chair.Locator("#mb-decision-dissent")).ToContainTextAsync("Things have been better since March");

        await Axe.AssertNoViolationsAsync(chair, "the facilitator's board with the decision");
        await Axe.AssertNoViolationsAsync(phone, "a phone giving a view on the decision");
        await Axe.AssertNoViolationsAsync(screen, "the room screen showing the decision");
    }
}
