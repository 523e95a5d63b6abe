using System.Net;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests.Meetings;

/// <summary>
/// "Let people in without waiting" is offered with group supervision only, the one type that
/// accepts it: shown while that type is chosen, and its hint says so for a browser that shows it always.
/// </summary>
public sealed class LettingPeopleInWithoutWaiting(BrowserFixture browsers) : BrowserTest
{
    [Fact]
    public async Task Is_offered_only_while_group_supervision_is_chosen_and_then_accepted()
    {
        var (email, password) = await app.AddFacilitatorAsync();
        var page = await browsers.SignedInAsync(app, email, password);
        await page.GotoAsync("/meetings");
        var option = page.GetByLabel("Let people in without waiting");

        await Expect(option).ToBeHiddenAsync();
        await page.GetByLabel("Child protection conference").CheckAsync();
        await Expect(option).ToBeHiddenAsync();
        await page.GetByLabel("Family network meeting").CheckAsync();
        await Expect(option).ToBeHiddenAsync();
        await page.GetByLabel("Group supervision").CheckAsync();
        await Expect(option).ToBeVisibleAsync();
        await Expect(page.Locator("#admitAutomatically-hint")).ToContainTextAsync("For group supervision only");
        await Axe.AssertNoViolationsAsync(page, "Your meetings with group supervision chosen");

        await option.CheckAsync();
        await page.GetByLabel("Title").FillAsync("Supervision – 3 March");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start meeting" }).ClickAsync();
        await Expect(page.Locator("[data-mb-page=board]")).ToBeVisibleAsync();
        var meetingId = new Uri(page.Url).AbsolutePath.Split('/')[2];
        var host = await app.Services.GetRequiredService<MeetingHosts>().FindAsync(meetingId);
        Assert.True(host!.State.AdmitsAutomatically);
    }

    [Fact]
    public async Task Ticked_then_left_behind_by_another_type_is_refused_beside_the_option_and_shown()
    {
        var (email, password) = await app.AddFacilitatorAsync();
        var page = await browsers.SignedInAsync(app, email, password);
        await page.GotoAsync("/meetings");
        await page.GetByLabel("Group supervision").CheckAsync();
        await page.GetByLabel("Let people in without waiting").CheckAsync();
        await page.GetByLabel("Family network meeting").CheckAsync();
        await page.GetByLabel("Title").FillAsync("Family network");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start meeting" }).ClickAsync();

        // Not silent: the summary and the option itself say why, and the option is shown to untick.
        await Expect(page.Locator(".mb-error-summary")).ToContainTextAsync("Only group supervision can let people in automatically");
        await Expect(page.Locator(".mb-error-summary")).ToBeFocusedAsync();
        await Expect(page.Locator("#admitAutomatically-error")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Let people in without waiting")).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Family network meeting")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("Title")).ToHaveValueAsync("Family network");
        await Axe.AssertNoViolationsAsync(page, "Your meetings with an error");
    }

    [Fact]
    public async Task The_page_without_styles_still_says_the_option_is_for_group_supervision_only()
    {
        var (email, password) = await app.AddFacilitatorAsync();
        using var facilitator = new Visitor(app);
        await facilitator.SignInAsync(email, password);
        var (status, page, _) = await facilitator.GetAsync("/meetings");
        Assert.Equal(HttpStatusCode.OK, status);
        // The option sits with the group supervision choice, and its hint says where it applies.
        var conditional = page.QuerySelector("input[value=GroupSupervision]")!.ParentElement!.NextElementSibling!;
        Assert.NotNull(conditional.QuerySelector("input#admitAutomatically[type=checkbox]"));
        Assert.Contains("For group supervision only", page.QuerySelector("#admitAutomatically-hint")!.TextContent);
        Assert.Equal("admitAutomatically-hint", page.QuerySelector("#admitAutomatically")!.GetAttribute("aria-describedby"));
    }
}
