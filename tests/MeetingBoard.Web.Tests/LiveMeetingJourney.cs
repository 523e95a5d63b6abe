using System.Text.RegularExpressions;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests;

/// <summary>
/// A whole meeting in four browsers: the facilitator, two participants on phones and the room
/// screen, through a server restart, to the close.
/// </summary>
public sealed class LiveMeetingJourney(BrowserFixture browsers) : BrowserTest
{
    [Fact]
    public async Task EveryDeviceSeesEveryChangeLiveThroughARestartToTheClose()
    {
        var (email, password) = await app.AddFacilitatorAsync("Alex Morgan");

        // 3. The facilitator signs in and starts a meeting: code, link, QR and room-screen link.
        var chair = await browsers.NewPageAsync(app);
        await chair.GotoAsync("/sign-in");
        await Axe.AssertNoViolationsAsync(chair, "sign-in");
        await chair.GetByLabel("Email address").FillAsync(email);
        await chair.GetByLabel("Password").FillAsync(password);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Heading, new() { Name = "Your meetings" })).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(chair, "your meetings");
        await chair.GetByLabel("Child protection conference").CheckAsync();
        await chair.GetByLabel("Title").FillAsync("Review conference");
        await chair.GetByLabel("Name of a new case (optional)").FillAsync("Family A");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start meeting" }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Heading, new() { Name = "Review conference" })).ToBeVisibleAsync();
        var code = (await chair.Locator(".mb-code").TextContentAsync())!.Trim();
        Assert.Matches("^[A-Z0-9]{3}-[A-Z0-9]{3}-[A-Z0-9]{3}$", code);
        await Expect(chair.Locator(".mb-qr svg")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(chair, "an empty board");
        var joinLink = await chair.Locator("a[href*='/join/']").GetAttributeAsync("href");
        var screenLink = await chair.Locator("a[href*='/screen/']").GetAttributeAsync("href");

        // 7. The room screen: read-only, with the code and QR, live.
        var screen = await browsers.NewPageAsync(app, 1920, 1080);
        await screen.GotoAsync(screenLink!);
        await Expect(screen.Locator(".mb-code")).ToHaveTextAsync(code);
        await Expect(screen.Locator("form")).ToHaveCountAsync(0);
        await Axe.AssertNoViolationsAsync(screen, "the room screen");

        // 4. Two people join from phones, one by the link and one by typing the code, and wait in the lobby.
        var sam = await browsers.NewPageAsync(app, 360, 740);
        await sam.GotoAsync(joinLink!);
        await sam.AskToJoinAsync("Sam", "Mum");
        await Axe.AssertNoViolationsAsync(sam, "the lobby");
        var teacher = await browsers.NewPageAsync(app, 360, 740);
        await teacher.GotoAsync("/join");
        await teacher.GetByLabel("Join code").FillAsync(code.ToLowerInvariant().Replace("-", " "));
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await teacher.AskToJoinAsync("Ms Okafor", "Class teacher");

        // The facilitator sees them arrive without reloading, and lets them in.
        var people = chair.Locator("#mb-people");
        await Expect(people.Locator(".mb-person--waiting")).ToHaveCountAsync(2);
        await Axe.AssertNoViolationsAsync(chair, "people waiting in the lobby");
        await people.GetByRole(AriaRole.Button, new() { Name = "Let in Sam" }).ClickAsync();
        await people.GetByRole(AriaRole.Button, new() { Name = "Let in Ms Okafor" }).ClickAsync();
        await Expect(people.Locator(".mb-person--waiting")).ToHaveCountAsync(0);
        foreach (var phone in new[] { sam, teacher })
            await Expect(phone.Locator("[data-mb-page=board]")).ToBeVisibleAsync();

        // 6. The facilitator sees who is connected.
        await Expect(people.Locator(".mb-person", new() { HasText = "Sam" }).Locator(".mb-tag")).ToHaveTextAsync("Connected");
        await Expect(people.Locator(".mb-person", new() { HasText = "Ms Okafor" }).Locator(".mb-tag")).ToHaveTextAsync("Connected");

        // 5. Anyone admitted adds to a category; everyone sees it with who added it.
        await AddAsync(teacher, "harm", "Maya told me she hides under her bed when there is shouting.");
        await AddAsync(sam, "existing-safety", "Last time I took the children to my mum's straight away.");
        foreach (var page in new[] { chair, sam, teacher, screen })
        {
            await Expect(page.Locator("#cat-harm .mb-item__text")).ToHaveTextAsync("Maya told me she hides under her bed when there is shouting.");
            await Expect(page.Locator("#cat-harm .mb-item__author")).ToHaveTextAsync("Ms Okafor (Class teacher)");
            await Expect(page.Locator("#cat-existing-safety .mb-item__text")).ToHaveTextAsync("Last time I took the children to my mum's straight away.");
        }

        // A participant sees the change controls on their own items only.
        await Expect(sam.Locator("#cat-existing-safety .mb-item__actions")).ToBeVisibleAsync();
        await Expect(sam.Locator("#cat-harm .mb-item__actions")).ToBeHiddenAsync();
        await Axe.AssertNoViolationsAsync(sam, "a participant's board with items");
        await Axe.AssertNoViolationsAsync(chair, "the facilitator's board with items");
        await Axe.AssertNoViolationsAsync(screen, "the room screen with items");

        // The facilitator edits someone else's item and moves another; everyone sees both.
        var harm = chair.Locator("#cat-harm .mb-item").First;
        await harm.GetByRole(AriaRole.Button, new() { Name = "Change this item" }).ClickAsync();
        await harm.GetByLabel("Change the text").FillAsync("Maya told her teacher she hides under her bed when there is shouting.");
        await harm.GetByRole(AriaRole.Button, new() { Name = "Save the change" }).ClickAsync();
        var safety = chair.Locator("#cat-existing-safety .mb-item").First;
        await safety.GetByRole(AriaRole.Button, new() { Name = "Change this item" }).ClickAsync();
        await safety.GetByLabel("Move to").SelectOptionAsync("existing-strengths");
        await safety.GetByRole(AriaRole.Button, new() { Name = "Move this item", Exact = true }).ClickAsync();
        foreach (var page in new[] { chair, sam, teacher, screen })
        {
            await Expect(page.Locator("#cat-harm .mb-item__text")).ToHaveTextAsync("Maya told her teacher she hides under her bed when there is shouting.");
            await Expect(page.Locator("#cat-existing-safety .mb-item")).ToHaveCountAsync(0);
            await Expect(page.Locator("#cat-existing-strengths .mb-item__text")).ToHaveTextAsync("Last time I took the children to my mum's straight away.");
        }

        // The author removes their own item.
        await AddAsync(teacher, "next-steps", "A note I will take back.");
        await Expect(chair.Locator("#cat-next-steps .mb-item")).ToHaveCountAsync(1);
        var note = teacher.Locator("#cat-next-steps .mb-item").First;
        await note.GetByRole(AriaRole.Button, new() { Name = "Change this item" }).ClickAsync();
        await note.GetByRole(AriaRole.Button, new() { Name = "Remove this item", Exact = true }).ClickAsync();
        await Dialogs.ConfirmAsync(teacher, "Remove");
        foreach (var page in new[] { chair, sam, teacher, screen })
            await Expect(page.Locator("#cat-next-steps .mb-item")).ToHaveCountAsync(0);

        // 8. The server restarts mid-meeting. Every page notices, reconnects on its own and carries on.
        foreach (var page in new[] { chair, sam, teacher, screen }) await LivePages.MarkAsync(page);
        await app.RestartAsync();
        // The old circuits are gone with the old server: each page reloads itself into a new one.
        foreach (var page in new[] { chair, sam, teacher, screen }) await LivePages.WaitForReloadAsync(page);
        await AddAsync(sam, "next-steps", "Pat will keep a spare bed ready.");
        foreach (var page in new[] { chair, sam, teacher, screen })
        {
            await Expect(page.Locator("#cat-next-steps .mb-item__text")).ToHaveTextAsync("Pat will keep a spare bed ready.");
            await Expect(page.Locator("#mb-board .mb-item")).ToHaveCountAsync(3);
        }
        await Expect(people.Locator(".mb-person", new() { HasText = "Sam" }).Locator(".mb-tag")).ToHaveTextAsync("Connected");

        // 9. The facilitator closes the meeting: read-only everywhere, at once.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Close meeting" }).ClickAsync();
        await Dialogs.ConfirmAsync(chair, "Close meeting");
        foreach (var page in new[] { chair, sam, teacher, screen })
        {
            await Expect(page.Locator("#mb-status")).ToContainTextAsync("Meeting closed");
            await Expect(page.Locator("#mb-board form")).ToHaveCountAsync(0);
            await Expect(page.Locator("#mb-board .mb-item")).ToHaveCountAsync(3);
        }
        foreach (var page in new[] { chair, sam, screen })
            await Axe.AssertNoViolationsAsync(page, "a closed meeting");
    }

    static async Task AddAsync(IPage page, string category, string text)
    {
        var form = await AddForms.OpenAsync(page, category);
        await form.Locator("textarea").FillAsync(text);
        await form.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Add") }).ClickAsync();
        // The answer is a fresh form: the text box empties once the item is stored.
        await Expect(page.Locator($"#add-{category} textarea")).ToHaveValueAsync("");
    }
}
