using System.Text.Json;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests.Accessibility;

/// <summary>
/// A facilitator and a participant run a meeting with the keyboard only: Tab and Shift+Tab, Enter,
/// Space and the arrow keys, never a click or a fill. Every element the journey tabs through must
/// show the yellow focus, focus must move through each page in reading order, and the first
/// Tab on each page must reach the skip link.
/// </summary>
public sealed class KeyboardOnlyJourney(BrowserFixture browsers) : BrowserTest
{
    [Fact]
    public async Task AFacilitatorAndAParticipantRunAMeetingWithTheKeyboardOnly()
    {
        var (email, password) = await app.AddFacilitatorAsync("Alex Morgan");
        var chair = new Keys(await browsers.NewPageAsync(app));

        // The facilitator signs in and starts a conference.
        await chair.Page.GotoAsync("/sign-in");
        await chair.FirstStopIsTheSkipLinkAsync();
        await chair.TabToAsync("#email");
        await chair.TypeAsync(email);
        await chair.TabToAsync("#password");
        await chair.TypeAsync(password);
        await chair.PressAsync("Enter");
        await Expect(chair.Page.GetByRole(AriaRole.Heading, new() { Name = "Your meetings" })).ToBeVisibleAsync();

        await chair.FirstStopIsTheSkipLinkAsync();
        await chair.TabToAsync("input[name=type]");
        await chair.ArrowToAsync("input[name=type][value=ChildProtectionConference]");
        await chair.TabToAsync("#title");
        await chair.TypeAsync("Review conference");
        await chair.TabToAsync("button:has-text('Start meeting')");
        await chair.PressAsync("Enter");
        await Expect(chair.Page.GetByRole(AriaRole.Heading, new() { Name = "Review conference" })).ToBeVisibleAsync();
        var joinLink = (await chair.Page.Locator("a[href*='/join/']").GetAttributeAsync("href"))!;

        // The participant asks to join from a phone.
        var sam = new Keys(await browsers.NewPageAsync(app, 360, 740));
        await sam.Page.GotoAsync(joinLink);
        await sam.FirstStopIsTheSkipLinkAsync();
        await sam.TabToAsync("#name");
        await sam.TypeAsync("Sam");
        await sam.TabToAsync("#role");
        await sam.TypeAsync("Mum");
        await sam.TabToAsync("button:has-text('Ask to join')");
        await sam.PressAsync("Enter");
        await Expect(sam.Page.GetByRole(AriaRole.Heading, new() { Name = "Waiting to be let in" })).ToBeVisibleAsync();
        await sam.FirstStopIsTheSkipLinkAsync();

        // The facilitator lets her in: the button arrives live while the facilitator's focus stays where it was.
        await chair.FirstStopIsTheSkipLinkAsync();
        await Expect(chair.Page.Locator("#mb-people .mb-person--waiting")).ToHaveCountAsync(1);
        await chair.TabToAsync("#mb-people button:has-text('Let in')");
        await chair.PressAsync("Enter");
        await Expect(sam.Page.Locator("[data-mb-page=board]")).ToBeVisibleAsync();

        // The participant skips to the content, adds a worry, then changes it.
        await sam.FirstStopIsTheSkipLinkAsync();
        await sam.PressAsync("Enter");
        Assert.Equal("main-content", await sam.Page.EvaluateAsync<string>("() => document.activeElement.id"));
        // A participant's add form folds until asked for: Enter on its summary unfolds it.
        await sam.TabToAsync("#add-harm summary");
        await sam.PressAsync("Enter");
        await Expect(sam.Page.Locator("#add-harm-text")).ToBeVisibleAsync();
        await sam.TabToAsync("#add-harm-text");
        await sam.TypeAsync("Police were called twice after shouting.");
        await sam.TabToAsync("#add-harm button");
        await sam.PressAsync("Enter");
        await Expect(chair.Page.Locator("#cat-harm .mb-item__text")).ToHaveTextAsync("Police were called twice after shouting.");
        await Expect(sam.Page.Locator("#add-harm-text")).ToBeFocusedAsync();

        await sam.ShiftTabToAsync("#cat-harm .mb-item .mb-item__change-toggle");
        await sam.PressAsync("Enter");
        await sam.TabToAsync("#cat-harm .mb-item textarea");
        await sam.PressAsync("Control+A");
        await sam.TypeAsync("Police were called twice in three months after shouting.");
        await sam.TabToAsync("#cat-harm .mb-item button:has-text('Save')");
        await sam.PressAsync("Enter");
        await Expect(chair.Page.Locator("#cat-harm .mb-item__text")).ToHaveTextAsync("Police were called twice in three months after shouting.");
        // Saved: the change controls fold away and focus goes back to where they opened.
        await Expect(sam.Page.Locator("#cat-harm .mb-item__meta")).ToContainTextAsync("edited");
        await Expect(sam.Page.Locator("#cat-harm .mb-item .mb-item__change-toggle")).ToHaveAttributeAsync("aria-expanded", "false");
        await Expect(sam.Page.Locator("#cat-harm .mb-item .mb-item__change-toggle")).ToBeFocusedAsync();

        // The facilitator starts the stages and moves on one.
        await chair.ShiftTabToAsync("#mb-stages button:has-text('Start:')");
        await chair.PressAsync("Enter");
        await Expect(sam.Page.Locator("#mb-stages .mb-stages__count")).ToContainTextAsync("Stage 1 of");
        await chair.TabToAsync("#mb-stages button:has-text('Next:')");
        await chair.PressAsync("Enter");
        await Expect(sam.Page.Locator("#mb-stages .mb-stages__count")).ToContainTextAsync("Stage 2 of");

        // A scaling round: the facilitator opens the form and starts it.
        await chair.TabToAsync("#scaling-start summary");
        await chair.PressAsync("Enter");
        await chair.TabToAsync("#mb-scaling-controls button:has-text('Start scaling')");
        await chair.PressAsync("Enter");
        await Expect(sam.Page.Locator("#my-score-form")).ToBeVisibleAsync();

        // The participant picks 4 with the arrow keys, gives a reason and saves.
        await sam.ShiftTabToAsync("#my-score-form input[type=radio]");
        await sam.ArrowToAsync("#my-score-form input[type=radio][value='4']", "ArrowRight");
        await sam.TabToAsync("#my-score-form textarea");
        await sam.TypeAsync("Jordan still shouts when he has been drinking.");
        await sam.TabToAsync("#my-score-form button:has-text('Save my score')");
        await sam.PressAsync("Enter");
        await Expect(sam.Page.Locator("#mb-my-score")).ToContainTextAsync("You scaled 4");
        await Expect(chair.Page.Locator("#mb-scaling .mb-scaling__count")).ToHaveTextAsync("1 of 2 have scaled");

        // The facilitator reveals.
        await chair.TabToAsync("button:has-text('Reveal the scores')");
        await chair.PressAsync("Enter");
        await Expect(sam.Page.Locator("#mb-scaling .mb-results")).ToContainTextAsync("Jordan still shouts when he has been drinking.");

        Assert.True(chair.Stops > 10 && sam.Stops > 10, $"the journey tabbed through {chair.Stops} and {sam.Stops} stops");
        await Axe.AssertNoViolationsAsync(sam.Page, "the participant's board after a keyboard-only journey");
    }

    /// <summary>One person's keyboard. Every Tab is checked: visible focus, and in reading order.</summary>
    sealed class Keys(IPage page)
    {
        const int MostStops = 200;
        public IPage Page => page;
        public int Stops { get; private set; }
        readonly List<string> path = [];

        // What is focused, whether the focus colour (#ffdd00) shows on it, and whether it comes after
        // (or, going back, before) the element focused last, in document order.
        const string Check = """
            (back) => {
              const el = document.activeElement;
              if (!el || el === document.body) { window.mbLastFocus = null; return { where: 'body', visible: true, inOrder: true }; }
              const yellow = v => /255,\s*221,\s*0/.test(v || '');
              const styles = [getComputedStyle(el)];
              // Radios and checkboxes may draw their focus ring on their label.
              if (el.matches('input[type=radio], input[type=checkbox]') && el.labels && el.labels[0])
                styles.push(getComputedStyle(el.labels[0]), getComputedStyle(el.labels[0], '::before'));
              const visible = styles.some(s => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && yellow(s.outlineColor))
                || yellow(s.boxShadow) || yellow(s.backgroundColor));
              const last = window.mbLastFocus;
              const inOrder = !last || !last.isConnected || last === el
                || (last.compareDocumentPosition(el) & (back ? Node.DOCUMENT_POSITION_PRECEDING : Node.DOCUMENT_POSITION_FOLLOWING)) !== 0;
              window.mbLastFocus = el;
              const text = (el.getAttribute('aria-label') || (el.labels && el.labels[0] && el.labels[0].textContent) || el.textContent || el.name || '')
                .replace(/\s+/g, ' ').trim().slice(0, 50);
              return { where: `${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''} "${text}"`, visible, inOrder };
            }
            """;

        public async Task FirstStopIsTheSkipLinkAsync()
        {
            // As when the page has just opened: nothing focused, nothing to start from.
            await page.ReloadAsync();
            // A live page's circuit replaces the prerendered page when it starts: begin once it has.
            if (await page.Locator("[data-mb-page]").CountAsync() > 0) await LivePages.WaitUntilLiveAsync(page);
            await page.Keyboard.PressAsync("Tab");
            var where = await StepAsync(back: false);
            Assert.True(await IsFocusedAsync(".mb-skip-link"), $"The first Tab on {page.Url} reached {where}, not the skip link");
        }

        public Task TabToAsync(string selector) => MoveToAsync(selector, back: false);
        public Task ShiftTabToAsync(string selector) => MoveToAsync(selector, back: true);

        async Task MoveToAsync(string selector, bool back)
        {
            await page.EvaluateAsync("() => { window.mbLastFocus = document.activeElement === document.body ? null : document.activeElement; }");
            for (var i = 0; i < MostStops; i++)
            {
                await page.Keyboard.PressAsync(back ? "Shift+Tab" : "Tab");
                await StepAsync(back);
                if (await IsFocusedAsync(selector)) return;
            }
            Assert.Fail($"{(back ? "Shift+Tab" : "Tab")} did not reach {selector} on {page.Url} in {MostStops} stops; went through:\n{string.Join("\n", path.TakeLast(40))}");
        }

        /// <param name="inGroup">Arrows within a radio group: order is the group's, which wraps round.</param>
        async Task<string> StepAsync(bool back, bool inGroup = false)
        {
            var step = await page.EvaluateAsync<JsonElement>(Check, back);
            var where = step.GetProperty("where").GetString()!;
            path.Add(where);
            Stops++;
            Assert.True(step.GetProperty("visible").GetBoolean(), $"No visible focus on {where} at {page.Url}");
            Assert.True(inGroup || step.GetProperty("inOrder").GetBoolean(), $"Focus jumped out of reading order to {where} at {page.Url}; before it:\n{string.Join("\n", path.TakeLast(60))}");
            return where;
        }

        /// <summary>Arrow keys move the choice within a radio group (the focused radio is the chosen one).</summary>
        public async Task ArrowToAsync(string selector, string key = "ArrowDown")
        {
            for (var i = 0; i < 12 && !await IsFocusedAsync(selector); i++)
            {
                await page.Keyboard.PressAsync(key);
                await StepAsync(back: false, inGroup: true);
            }
            Assert.True(await IsFocusedAsync(selector), $"the arrow keys did not reach {selector}");
            Assert.True(await page.Locator(selector).IsCheckedAsync(), $"{selector} is focused but not chosen");
        }

        public Task TypeAsync(string text) => page.Keyboard.TypeAsync(text);
        public Task PressAsync(string key) => page.Keyboard.PressAsync(key);

        Task<bool> IsFocusedAsync(string selector) =>
            page.Locator(selector).EvaluateAllAsync<bool>("els => els.includes(document.activeElement)");
    }
}
