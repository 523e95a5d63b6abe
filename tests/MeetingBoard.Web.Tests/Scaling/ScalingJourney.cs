using System.Text.RegularExpressions;
using MeetingBoard.Scaling;
using MeetingBoard.Web.Features.Scaling;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests.Scaling;

/// <summary>
/// A scaling round in seven browsers: the facilitator, four participants on phones scaling at the
/// same time, and the room screen; one changes their mind, the reveal reaches everyone at once,
/// and the round is run again.
/// </summary>
public sealed class ScalingJourney(BrowserFixture browsers) : BrowserTest
{
    [Fact]
    public async Task EveryoneScalesHiddenThenSeesEveryScoreAtOnceAndTheRoundRunsAgain()
    {
        var live = await ScalingMeeting.StartAsync(browsers, app, ("Sam", "Mum"), ("Pat", "Grandmother"), ("Ms Okafor", "Class teacher"), ("Jo Smith", "Health visitor"));
        var (chair, screen) = (live.Chair, live.Screen);
        var phones = live.Phones;
        var everyone = phones.Append(chair).Append(screen).ToList();

        // Sam and Pat are family; the others stay professionals (the default).
        await live.CountAsFamilyAsync("Sam");
        await live.CountAsFamilyAsync("Pat");

        // The facilitator starts a round with the common safety scale as offered.
        await live.StartRoundAsync();
        foreach (var page in everyone)
        {
            await Expect(page.Locator("#mb-scaling .mb-scale-question__question")).ToHaveTextAsync("On a scale of 0 to 10, how safe are the children?");
            await Expect(page.Locator("#mb-scaling dt").First).ToHaveTextAsync("10 means");
            await Expect(page.Locator("#mb-scaling .mb-scaling__count")).ToHaveTextAsync("0 of 5 have scaled");
            await Expect(page.Locator("#mb-scaling [role=progressbar]")).ToHaveAttributeAsync("aria-valuenow", "0");
        }
        // Ten, what we are working towards, is the first number offered too.
        await Expect(phones[0].Locator("#my-score-form input[type=radio]").First).ToHaveAttributeAsync("value", "10");
        await Expect(phones[0].Locator("#my-score-form input[type=radio]")).ToHaveCountAsync(11);
        // While a round runs the room screen shows the scale in place of the map.
        await Expect(screen.Locator("#mb-board")).ToBeHiddenAsync();

        // Four people scale at the same time.
        var answers = new[] { (3, "Jordan still shouts when he has been drinking"), (6, "I am five minutes away and have the children most weekends"), (5, "Maya is calmer at school this month"), (4, "Leo is gaining weight again") };
        await Task.WhenAll(phones.Select((phone, i) => ScaleAsync(phone, answers[i].Item1, answers[i].Item2)));
        await Expect(chair.Locator("#mb-scaling .mb-scaling__count")).ToHaveTextAsync("4 of 5 have scaled");
        await Expect(chair.Locator("#mb-scaling [role=progressbar]")).ToHaveAttributeAsync("aria-valuenow", "4");
        await Expect(chair.Locator("#mb-scaling .mb-scaling__thinking")).ToHaveTextAsync("Still thinking: Alex Morgan");
        await Expect(screen.Locator("#mb-scaling .mb-scaling__count")).ToHaveTextAsync("4 of 5 have scaled");
        // Nobody sees anyone else's answer yet, the facilitator included.
        foreach (var page in everyone)
            await Expect(page.Locator(".mb-results")).ToHaveCountAsync(0);
        await Expect(phones[0].Locator("#mb-my-score")).ToContainTextAsync("You scaled 3");
        await ShotAsync(phones[0], "scaling-scored-phone-360");
        await ShotAsync(screen, "scaling-progress-room-1920");
        await Axe.AssertNoViolationsAsync(phones[0], "a phone that has scaled");
        await Axe.AssertNoViolationsAsync(chair, "the facilitator's scaling progress");
        await Axe.AssertNoViolationsAsync(screen, "the room screen during scaling");

        // Pat changes her mind before the reveal.
        await ScaleAsync(phones[1], 7, "I am five minutes away and the children stay with me every weekend");
        await Expect(phones[1].Locator("#mb-my-score")).ToContainTextAsync("You scaled 7");
        await Expect(chair.Locator("#mb-scaling .mb-scaling__count")).ToHaveTextAsync("4 of 5 have scaled");

        // The facilitator passes, and reveals.
        await chair.Locator("#my-score-form").GetByRole(AriaRole.Button, new() { Name = "Pass on this round" }).ClickAsync();
        await Expect(chair.Locator("#mb-scaling .mb-scaling__count")).ToHaveTextAsync("5 of 5 have scaled");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Reveal the scores" }).ClickAsync();
        await Expect(chair.Locator("#mb-scaling-controls")).ToBeFocusedAsync();
        foreach (var page in everyone)
        {
            var results = page.Locator("#mb-scaling .mb-results");
            await Expect(results.Locator(".mb-results__summary")).ToContainTextAsync("Median 4.5");
            await Expect(results.Locator(".mb-results__summary")).ToContainTextAsync("range 3 to 7");
            await Expect(results.Locator(".mb-results__end--low")).ToContainTextAsync("Jordan still shouts when he has been drinking");
            await Expect(results.Locator(".mb-results__end--low")).ToContainTextAsync("What makes it a 3 and not a 0?");
            await Expect(results.Locator(".mb-results__end--high")).ToContainTextAsync("the children stay with me every weekend");
            var family = results.Locator("table", new() { Has = page.Locator("caption", new() { HasText = "Family and network" }) });
            await Expect(family.Locator("tbody tr")).ToHaveCountAsync(2);
            await Expect(family).ToContainTextAsync("Sam (Mum)");
            await Expect(family).ToContainTextAsync("Pat (Grandmother)");
            var professionals = results.Locator("table", new() { Has = page.Locator("caption", new() { HasText = "Professionals" }) });
            await Expect(professionals.Locator("tbody tr")).ToHaveCountAsync(3);
            await Expect(professionals.Locator("tr", new() { HasText = "Alex Morgan" }).Locator(".mb-results__score")).ToHaveTextAsync("Passed");
            await Expect(results.Locator("svg.mb-scale-line circle")).ToHaveCountAsync(4);
            await Expect(page.Locator("#my-score-form")).ToHaveCountAsync(0);
        }

        // On the room screen no score row is cut: the table fits (its type stepped down) or turns its pages and says so.
        await screen.WaitForFunctionAsync("""
            () => { const v = document.querySelector('.mb-room .mb-results__voices');
                    return !!v && v.dataset.mbFit !== undefined && (v.scrollHeight <= v.clientHeight + 1 || !!v.dataset.mbPageLabel); }
            """);
        await ShotAsync(screen, "scaling-revealed-room-1920");
        await ShotAsync(phones[0], "scaling-revealed-phone-360");
        await ShotAsync(chair, "scaling-revealed-facilitator-1280");
        foreach (var page in new[] { phones[0], chair, screen })
            await Axe.AssertNoViolationsAsync(page, "the revealed scores");
        // Nothing runs off the side of a phone.
        Assert.True(await phones[0].EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));

        // The facilitator runs the round again: a fresh run for everyone, the first kept below it.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Run this round again" }).ClickAsync();
        foreach (var page in everyone)
        {
            await Expect(page.Locator("#mb-scaling .mb-scaling__title")).ToHaveTextAsync("Scaling (run 2)");
            await Expect(page.Locator("#mb-scaling .mb-scaling__count")).ToHaveTextAsync("0 of 5 have scaled");
        }
        foreach (var phone in phones)
        {
            await Expect(phone.Locator("#my-score-reason")).ToHaveValueAsync("");
            await Expect(phone.Locator("#mb-scaling details", new() { HasText = "Run 1 of this round" })).ToContainTextAsync("Jordan still shouts");
        }
        await ScaleAsync(phones[2], 6, "The plan with Pat is working");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Reveal the scores" }).ClickAsync();
        foreach (var page in everyone)
            await Expect(page.Locator("#mb-scaling .mb-results__summary").First).ToContainTextAsync("Median 6");

        // Closing the round brings the map back on the room screen and keeps the round in the record.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Close this round" }).ClickAsync();
        await Expect(screen.Locator("#mb-board")).ToBeVisibleAsync();
        await Expect(phones[0].Locator("#mb-scaling summary", new() { HasText = "Earlier scaling rounds (1)" })).ToBeVisibleAsync();
        await Expect(chair.GetByText("Start a scaling round")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task TheFacilitatorRecordsForSomeoneWithoutADeviceAndBadInputIsExplained()
    {
        var live = await ScalingMeeting.StartAsync(browsers, app, ("Sam", "Mum"));
        await live.StartRoundAsync();
        var sam = live.Phones[0];

        // No number, no reason: said beside the fields, nothing stored.
        await sam.Locator("#my-score-form").GetByRole(AriaRole.Button, new() { Name = "Save my score" }).ClickAsync();
        await Expect(sam.Locator("#my-score-form .mb-score-radios .mb-form-error")).ToContainTextAsync("Choose a number from 0 to 10");
        await sam.Locator("#my-score-form").GetByLabel("4", new() { Exact = true }).CheckAsync();
        await sam.Locator("#my-score-form").GetByRole(AriaRole.Button, new() { Name = "Save my score" }).ClickAsync();
        await Expect(sam.Locator("#my-score-form")).ToContainTextAsync("Enter why you chose this number");
        await Axe.AssertNoViolationsAsync(sam, "a refused score");
        await Expect(sam.Locator("#my-score-form .mb-score-radios .mb-form-error")).ToHaveCountAsync(0);
        // What was chosen is still chosen.
        await Expect(sam.Locator("#my-score-form").GetByLabel("4", new() { Exact = true })).ToBeCheckedAsync();
        await Expect(live.Chair.Locator("#mb-scaling .mb-scaling__count")).ToHaveTextAsync("0 of 2 have scaled");

        var chair = live.Chair;
        await chair.GetByText("Record a score for someone without a device").ClickAsync();
        var form = chair.Locator("#record-for-form");
        await form.GetByRole(AriaRole.Button, new() { Name = "Record their score" }).ClickAsync();
        await Expect(form).ToContainTextAsync("Enter their name");
        await Axe.AssertNoViolationsAsync(chair, "recording for someone, refused");
        await form.GetByLabel("Their name").FillAsync("Pat");
        await form.GetByLabel("Their role, or how they know the family").FillAsync("Grandmother");
        await form.GetByLabel("Family and network").CheckAsync();
        await form.GetByLabel("5", new() { Exact = true }).CheckAsync();
        await form.GetByLabel("Why this number?").FillAsync("I can have the children any time");
        await form.GetByRole(AriaRole.Button, new() { Name = "Record their score" }).ClickAsync();
        await Expect(chair.Locator("#record-for-form")).ToContainTextAsync("Recorded so far: Pat.");
        await Expect(chair.Locator("#mb-scaling .mb-scaling__count")).ToHaveTextAsync("1 of 3 have scaled");
        // Ready for the next person.
        await Expect(form.GetByLabel("Their name")).ToHaveValueAsync("");

        await chair.GetByRole(AriaRole.Button, new() { Name = "Reveal the scores" }).ClickAsync();
        await Expect(sam.Locator(".mb-results")).ToContainTextAsync("I can have the children any time");
        await Expect(sam.Locator(".mb-results tr", new() { HasText = "Pat" })).ToContainTextAsync("entered by Alex Morgan");
    }

    [Fact]
    public async Task APhoneScrolledDownToTheBoardIsShownTheWayToTheScoreFormWhenARoundOpens()
    {
        var live = await ScalingMeeting.StartAsync(browsers, app, ("Sam", "Mum"));
        var sam = live.Phones[0];
        await sam.EvaluateAsync("window.scrollTo(0, document.documentElement.scrollHeight)");

        await live.StartRoundAsync();
        var prompt = sam.GetByRole(AriaRole.Link, new() { Name = "Scaling has started — give your score" });
        await Expect(prompt).ToBeInViewportAsync();
        await ShotAsync(sam, "scaling-prompt-phone-360");
        await Expect(sam.Locator("#my-score-title")).Not.ToBeInViewportAsync();
        await Axe.AssertNoViolationsAsync(sam, "a phone with the prompt to scale");

        await prompt.ClickAsync();
        await Expect(sam.Locator("#my-score-title")).ToBeInViewportAsync();
        Assert.EndsWith($"/m/{live.MeetingId}#my-score-form", sam.Url);

        // On the narrowest phone the eleven numbers wrap, each a large target, and the keyboard moves between them.
        await sam.SetViewportSizeAsync(320, 640);
        Assert.True(await sam.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        foreach (var box in await Task.WhenAll((await sam.Locator("#my-score-form .mb-score-radios__choice").AllAsync()).Select(c => c.BoundingBoxAsync())))
            Assert.True(box is { Width: >= 44, Height: >= 44 }, $"a number is {box?.Width} by {box?.Height}");
        await sam.Locator("#my-score-10").FocusAsync();
        await sam.Keyboard.PressAsync("ArrowRight");
        await Expect(sam.Locator("#my-score-9")).ToBeCheckedAsync();
        await Expect(sam.Locator("#my-score-9")).ToBeFocusedAsync();
        await ScaleAsync(sam, 6, "Pat has the children at weekends");
        await Expect(prompt).ToHaveCountAsync(0);
        // A wide screen has the form in sight beside the board: no prompt over it.
        await Expect(live.Chair.Locator(".mb-score-prompt")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task ADangerStatementSavedWithTheBuilderIsOfferedAsTheSubjectOfARoundAsSoonAsItIsSaved()
    {
        var live = await ScalingMeeting.StartAsync(browsers, app, ("Sam", "Mum"));
        var chair = live.Chair;
        await chair.GetByText("Start a scaling round").ClickAsync();
        await Expect(chair.Locator("#round-danger")).ToHaveCountAsync(0);

        // Saved while the form is open (as by a co-facilitator with the builder).
        await using (var circuit = await Circuit.OpenAsync(app, await Circuit.FacilitatorAsync(app, live.Email), live.MeetingId))
        {
            Assert.Null(await circuit.RunAsync((a, t) => new MeetingBoard.Practice.AddDangerStatement("d-1", null,
                "The social worker", "Jordan shouts at Sam when he has been drinking", "Maya hides under her bed",
                "Maya and Leo could be hurt", null, a, t)));
        }
        var choice = chair.Locator("#round-danger option", new() { HasText = "Danger statement 1:" });
        await Expect(choice).ToContainTextAsync("Jordan shouts at Sam when he has been drinking");
        await Axe.AssertNoViolationsAsync(chair, "setting up a round");
        await chair.Locator("#round-danger").SelectOptionAsync(new SelectOptionValue { Label = (await choice.TextContentAsync())!.Trim() });
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start scaling" }).ClickAsync();

        await Expect(live.Phones[0].Locator("#mb-scaling .mb-scale-question__about")).ToContainTextAsync("About danger statement 1:");
        await Expect(live.Phones[0].Locator("#mb-scaling .mb-scale-question__about")).ToContainTextAsync("Jordan shouts at Sam");

        // Closed unrevealed, after asking: nobody's scores are shown, and the keyboard carries on from the controls.
        await chair.GetByRole(AriaRole.Button, new() { Name = "Close this round" }).ClickAsync();
        await Dialogs.ConfirmAsync(chair, "Close this round");
        await Expect(chair.GetByText("Start a scaling round")).ToBeVisibleAsync();
        await Expect(chair.Locator("#mb-scaling-controls")).ToBeFocusedAsync();
        await Expect(live.Phones[0].Locator("#mb-scaling .mb-scaling__closed")).ToContainTextAsync("Run 1 was closed without revealing the scores.");
    }

    [Fact]
    public async Task SignsOfWellbeingOffersAScaleInItsOwnWords()
    {
        var live = await ScalingMeeting.StartAsync(browsers, app);
        var chair = live.Chair;
        await chair.GetByText("Start a scaling round").ClickAsync();
        await Expect(chair.Locator("#round-question")).ToHaveValueAsync("On a scale of 0 to 10, how safe are the children?");

        await using (var circuit = await Circuit.OpenAsync(app, await Circuit.FacilitatorAsync(app, live.Email), live.MeetingId))
            Assert.Null(await circuit.RunAsync((a, t) => new MeetingBoard.Practice.ChooseWording("SignsOfWellbeing", a, t)));

        // The wording offered, not yet edited, follows the meeting's words.
        await Expect(chair.Locator("#round-question")).ToHaveValueAsync("On a scale of 0 to 10, how well are the children?");
        foreach (var field in new[] { "#round-question", "#round-ten", "#round-zero" })
            Assert.DoesNotContain("safe", await chair.Locator(field).InputValueAsync(), StringComparison.OrdinalIgnoreCase);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start scaling" }).ClickAsync();
        await Expect(live.Screen.Locator("#mb-scaling .mb-scale-question__question")).ToHaveTextAsync("On a scale of 0 to 10, how well are the children?");
    }

    [Fact]
    public async Task ALargeRoundShowsItsPictureToEveryoneAndFoldsEveryonesRowsBehindAButtonEachPersonOpens()
    {
        var live = await ScalingMeeting.StartAsync(browsers, app, ("Sam", "Mum"));
        var (chair, screen, sam) = (live.Chair, live.Screen, live.Phones[0]);
        const string roundId = "large-round";
        var people = ScalingResults.MostRowsOpen; // with Sam, one more than are shown without asking
        await using (var circuit = await Circuit.OpenAsync(app, await Circuit.FacilitatorAsync(app, live.Email), live.MeetingId))
        {
            Assert.Null(await circuit.RunAsync((a, t) => new StartRound(roundId, "On a scale of 0 to 10, how safe are the children?", "Safe", "Not safe", null, a, t)));
            for (var i = 1; i <= people; i++)
            {
                var n = i;
                Assert.Null(await circuit.RunAsync((a, t) => new RecordScoreFor(roundId, 1, $"room-{n}", $"Neighbour {n}", "Neighbour",
                    n % 3 == 0 ? "family" : "professional", (n % 11).ToString(), $"Reason number {n}", null, a, t)));
            }
        }
        await ScaleAsync(sam, 6, "Pat has the children at weekends");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Reveal the scores" }).ClickAsync();

        var label = $"everyone's scores and reasons ({people + 1})";
        foreach (var page in new[] { chair, sam })
        {
            await Expect(page.Locator("#mb-scaling .mb-results .mb-scale-line")).ToBeVisibleAsync();
            await Expect(page.Locator("#mb-scaling .mb-results__end--low")).ToContainTextAsync("Reason number 11"); // the lowest, 0, still speaks
            await Expect(page.Locator("#mb-scaling .mb-results table")).ToHaveCountAsync(0);
            await Expect(page.Locator("#mb-scaling .mb-results__unfold")).ToHaveTextAsync($"Show {label}");
            await Expect(page.Locator("#mb-scaling .mb-results__unfold")).ToHaveAttributeAsync("aria-expanded", "false");
        }
        // Nobody presses the room screen: it shows every row, turning their pages itself.
        await Expect(screen.Locator("#mb-scaling .mb-results__unfold")).ToHaveCountAsync(0);
        await Expect(screen.Locator("#mb-scaling .mb-results__table tbody tr")).ToHaveCountAsync(people + 1);
        await Expect(screen.Locator("#mb-scaling .mb-results__voices[data-mb-pages]")).ToHaveCountAsync(1);
        await sam.SetViewportSizeAsync(320, 640);
        Assert.True(await sam.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await ShotAsync(sam, "scaling-large-folded-phone-320");
        await ShotAsync(screen, "scaling-large-room-1920");
        await Axe.AssertNoViolationsAsync(sam, "a large round's results, folded");
        await Axe.AssertNoViolationsAsync(screen, "a large round's results on the room screen");

        // Sam opens them from the keyboard; the button stays where the focus is and now hides them.
        var unfold = sam.Locator("#mb-scaling .mb-results__unfold");
        await unfold.FocusAsync();
        await sam.Keyboard.PressAsync("Enter");
        await Expect(sam.Locator("#mb-scaling .mb-results__table tbody tr")).ToHaveCountAsync(people + 1);
        await Expect(sam.Locator("#mb-scaling").GetByRole(AriaRole.Table, new() { Name = "Professionals" })).ToContainTextAsync("Reason number 17");
        await Expect(unfold).ToHaveTextAsync($"Hide {label}");
        await Expect(unfold).ToHaveAttributeAsync("aria-expanded", "true");
        await Expect(unfold).ToBeFocusedAsync();
        Assert.True(await sam.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"));
        await ShotAsync(sam, "scaling-large-open-phone-320");
        await Axe.AssertNoViolationsAsync(sam, "a large round's results, opened");
        // Only for Sam: the facilitator's are still folded.
        await Expect(chair.Locator("#mb-scaling .mb-results table")).ToHaveCountAsync(0);

        await sam.Keyboard.PressAsync("Enter");
        await Expect(sam.Locator("#mb-scaling .mb-results table")).ToHaveCountAsync(0);
        await Expect(unfold).ToBeFocusedAsync();
    }

    static Task ShotAsync(IPage page, string name) => Screenshots.TakeAsync(page, name);

    static async Task ScaleAsync(IPage phone, int score, string reason)
    {
        var form = phone.Locator("#my-score-form");
        await form.GetByLabel(score.ToString(), new() { Exact = true }).CheckAsync();
        await form.GetByLabel("Why this number?").FillAsync(reason);
        await form.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("my score$") }).ClickAsync();
        await Expect(phone.Locator("#mb-my-score .mb-score-form__status")).ToContainTextAsync($"You scaled {score}");
    }
}

/// <summary>A live meeting in browsers: the facilitator, the room screen and participants let in.</summary>
public sealed class ScalingMeeting
{
    public required IPage Chair { get; init; }
    public required IPage Screen { get; init; }
    public required List<IPage> Phones { get; init; }
    public required string MeetingId { get; init; }
    /// <summary>The facilitator's sign-in, to run commands as them in the same meeting (Circuit).</summary>
    public required string Email { get; init; }

    public static async Task<ScalingMeeting> StartAsync(BrowserFixture browsers, TestApp app, params (string Name, string Role)[] people)
    {
        var (email, password) = await app.AddFacilitatorAsync("Alex Morgan");
        var chair = await browsers.NewPageAsync(app);
        await chair.GotoAsync("/sign-in");
        await chair.GetByLabel("Email address").FillAsync(email);
        await chair.GetByLabel("Password").FillAsync(password);
        await chair.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await chair.GetByLabel("Child protection conference").CheckAsync();
        await chair.GetByLabel("Title").FillAsync("Review conference");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start meeting" }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Heading, new() { Name = "Review conference" })).ToBeVisibleAsync();
        var joinLink = (await chair.Locator("a[href*='/join/']").GetAttributeAsync("href"))!;
        var screenLink = (await chair.Locator("a[href*='/screen/']").GetAttributeAsync("href"))!;

        var screen = await browsers.NewPageAsync(app, 1920, 1080);
        await screen.GotoAsync(screenLink);
        await Expect(screen).ToHaveTitleAsync("Review conference – MeetingBoard");
        var phones = new List<IPage>();
        foreach (var (name, role) in people)
        {
            var phone = await browsers.NewPageAsync(app, 360, 740);
            await phone.GotoAsync(joinLink);
            await phone.AskToJoinAsync(name, role);
            // The document's title follows what the page shows (SteadyTitle renders only when its words change).
            await Expect(phone).ToHaveTitleAsync("Waiting to be let in – MeetingBoard");
            await chair.Locator("#mb-people").GetByRole(AriaRole.Button, new() { Name = $"Let in {name}" }).ClickAsync();
            await Expect(phone.Locator("[data-mb-page=board]")).ToBeVisibleAsync();
            await Expect(phone).ToHaveTitleAsync("Review conference – MeetingBoard");
            await Expect(chair.Locator("#mb-people .mb-person", new() { HasText = name }).Locator(".mb-tag")).ToHaveTextAsync("Connected");
            phones.Add(phone);
        }
        var meetingId = new Uri(chair.Url).AbsolutePath.Split('/')[2];
        return new ScalingMeeting { Chair = chair, Screen = screen, Phones = phones, MeetingId = meetingId, Email = email };
    }

    public async Task CountAsFamilyAsync(string name)
    {
        var groups = Chair.Locator(".mb-scaling-controls__groups");
        if (await groups.GetAttributeAsync("open") is null) await groups.Locator("summary").ClickAsync();
        await groups.GetByRole(AriaRole.Button, new() { Name = $"Count as family and network: {name}" }).ClickAsync();
        await Expect(groups.GetByRole(AriaRole.Button, new() { Name = $"Count as professional: {name}" })).ToBeVisibleAsync();
    }

    public async Task StartRoundAsync()
    {
        await Chair.GetByText("Start a scaling round").ClickAsync();
        await Chair.GetByRole(AriaRole.Button, new() { Name = "Start scaling" }).ClickAsync();
        await Expect(Chair.GetByRole(AriaRole.Button, new() { Name = "Reveal the scores" })).ToBeVisibleAsync();
    }
}
