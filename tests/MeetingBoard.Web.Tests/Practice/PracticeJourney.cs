using System.Text.RegularExpressions;
using MeetingBoard.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MeetingBoard.Web.Tests.Practice;

/// <summary>
/// A "Signs of Wellbeing" conference: the chair builds a worry statement and a wellbeing goal with
/// the builders, Sam (the mother) records that she disagrees, the teacher adds to the harm matrix,
/// and a next step's status changes; all seen live on Sam's phone.
/// </summary>
public sealed class PracticeJourney(BrowserFixture browsers) : BrowserTest
{
    [Fact]
    public async Task StatementsGoalsHarmAndThePlanAreBuiltTogetherAndSeenLive()
    {
        var (email, password) = await app.AddFacilitatorAsync("Alex Morgan");
        var chair = await browsers.SignedInAsync(app, email, password);
        await chair.GetByLabel("Child protection conference").CheckAsync();
        await chair.GetByLabel("Title").FillAsync("Review conference");
        await chair.GetByLabel("Signs of Wellbeing").CheckAsync();
        await chair.GetByRole(AriaRole.Button, new() { Name = "Start meeting" }).ClickAsync();
        await Expect(chair.GetByRole(AriaRole.Heading, new() { Name = "Review conference" })).ToBeVisibleAsync();
        var joinLink = await chair.Locator("a[href*='/join/']").GetAttributeAsync("href");

        // The words follow the meeting's choice: worry, wellbeing.
        await Expect(chair.Locator("#cat-danger-statements-title")).ToContainTextAsync("Worry statements");
        await Expect(chair.Locator("#cat-safety-goals-title")).ToContainTextAsync("Wellbeing goals");
        await Expect(chair.Locator("#cat-existing-safety-title")).ToContainTextAsync("Existing wellbeing");

        var sam = await browsers.NewPageAsync(app, 360, 740);
        await sam.GotoAsync(joinLink!);
        await sam.AskToJoinAsync("Sam", "Mum");
        var teacher = await browsers.NewPageAsync(app, 360, 740);
        await teacher.GotoAsync(joinLink!);
        await teacher.AskToJoinAsync("Ms Okafor", "Class teacher");
        await chair.Locator("#mb-people").GetByRole(AriaRole.Button, new() { Name = "Let in Sam" }).ClickAsync();
        await chair.Locator("#mb-people").GetByRole(AriaRole.Button, new() { Name = "Let in Ms Okafor" }).ClickAsync();
        await Expect(sam.Locator("[data-mb-page=board]")).ToBeVisibleAsync();
        await Expect(teacher.Locator("[data-mb-page=board]")).ToBeVisibleAsync();
        await Expect(sam.Locator("#cat-danger-statements-title")).ToContainTextAsync("Worry statements");

        // The chair builds a worry statement: bad input first, then the parts, then the sentence.
        var statements = chair.Locator("#cat-danger-statements");
        await statements.GetByText("Write a worry statement").ClickAsync();
        var builder = chair.Locator("#builder-danger");
        await builder.GetByRole(AriaRole.Button, new() { Name = "Write the sentence" }).ClickAsync();
        await Expect(builder.GetByText("Enter who is worried")).ToBeVisibleAsync();
        await Axe.AssertNoViolationsAsync(chair, "the worry statement builder with an error");
        await builder.GetByLabel("Who is worried?").FillAsync("The social worker and the school");
        await builder.GetByLabel("What behaviour are they worried about?").FillAsync("Jordan has shouted at and pushed Sam while the children were there");
        await builder.GetByLabel("What impact has it had, or could it have, on the child?").FillAsync("Maya hides under her bed when there is shouting");
        await builder.GetByLabel("What may happen if nothing changes?").FillAsync("Maya and Leo could be hurt and keep being frightened at home");
        await builder.GetByLabel("What wellbeing is already in place? (optional)").FillAsync("Pat has looked after the children before");
        await builder.GetByRole(AriaRole.Button, new() { Name = "Write the sentence" }).ClickAsync();
        var sentence = builder.GetByLabel("The worry statement");
        await Expect(sentence).ToHaveValueAsync(new Regex("^Pat has looked after the children before\\. The social worker and the school are worried that Jordan has shouted"));
        // What was typed stays while the sentence is written.
        await Expect(builder.GetByLabel("Who is worried?")).ToHaveValueAsync("The social worker and the school");
        await sentence.FillAsync("The social worker and the school are worried that Jordan has shouted at and pushed Sam while Maya and Leo were there (a CP matter). "
            + "Maya hides under her bed. If nothing changes, Maya and Leo could be hurt.");
        await builder.GetByRole(AriaRole.Button, new() { Name = "Save the worry statement" }).ClickAsync();
        await Expect(sentence).ToHaveValueAsync("");
        await Expect(builder.GetByLabel("Who is worried?")).ToHaveValueAsync("");

        foreach (var page in new[] { chair, sam })
        {
            var card = page.Locator("#cat-danger-statements .mb-statement");
            await Expect(card.Locator(".mb-statement__number")).ToHaveTextAsync("Worry statement 1");
            await Expect(card.Locator(".mb-item__text")).ToContainTextAsync("(a CP matter)");
            await Expect(card.Locator(".mb-hints")).ToContainTextAsync("“CP” may not mean much to the family");
        }

        // Sam disagrees, in her own words; everyone sees it beside the statement.
        var samCard = sam.Locator("#cat-danger-statements .mb-statement");
        await samCard.GetByText("We disagree").First.ClickAsync();
        await samCard.GetByLabel("What do you disagree with? Use your own words").FillAsync("Jordan has never pushed me in front of the children.");
        await samCard.GetByRole(AriaRole.Button, new() { Name = "Record that we disagree" }).ClickAsync();
        foreach (var page in new[] { chair, sam })
        {
            await Expect(page.Locator(".mb-disagreement__title")).ToHaveTextAsync("We disagree: Sam (Mum)");
            await Expect(page.Locator(".mb-disagreement__text")).ToHaveTextAsync("Jordan has never pushed me in front of the children.");
        }
        await Axe.AssertNoViolationsAsync(sam, "a participant's board with a worry statement and a disagreement");

        // The chair changes the wording of the statement; Sam sees it at once.
        var chairCard = chair.Locator("#cat-danger-statements .mb-statement");
        await chairCard.Locator("summary", new() { HasText = "Change" }).ClickAsync();
        await chairCard.GetByLabel("Change the wording").FillAsync("The social worker and the school are worried that Jordan has shouted at and pushed Sam "
            + "while Maya and Leo were there (a CP matter). Maya hides under her bed. If nothing changes, Maya and Leo could be hurt at home.");
        await chairCard.GetByRole(AriaRole.Button, new() { Name = "Save the new wording" }).ClickAsync();
        await Expect(samCard.Locator(".mb-item__text")).ToContainTextAsync("could be hurt at home.");
        await Expect(samCard.Locator(".mb-item__meta")).ToContainTextAsync("edited");

        // The chair builds a wellbeing goal for it; an absence gets a hint.
        await chair.Locator("#cat-safety-goals").GetByText("Write a wellbeing goal").ClickAsync();
        var goal = chair.Locator("#builder-goal");
        // The statement is named by its number and its worry, not by its opening words.
        await Expect(goal.GetByLabel("Which worry statement does it answer?").Locator("option:checked"))
            .ToHaveTextAsync("Worry statement 1: Jordan has shouted at and pushed Sam while the children…");
        await goal.GetByLabel("What will the parents or carers do?").FillAsync("If an argument starts, one adult will leave the house and Jordan will not shout");
        await goal.GetByLabel("What will the child experience?").FillAsync("calm evenings at home");
        await goal.GetByLabel("What will professionals see?").FillAsync("The school will see Maya relaxed and talking about home");
        await goal.GetByLabel("For how long?").FillAsync("six months");
        await goal.GetByRole(AriaRole.Button, new() { Name = "Write the sentence" }).ClickAsync();
        // A phrase is given the question's subject: the goal has no fragment.
        await Expect(goal.GetByLabel("The wellbeing goal")).ToHaveValueAsync(new Regex("\\. The child will experience calm evenings at home\\. .*This will keep happening for six months\\.$"));
        await Expect(chair.Locator("#builder-goal .mb-hints")).ToContainTextAsync("will see happening instead");
        await goal.GetByRole(AriaRole.Button, new() { Name = "Save the wellbeing goal" }).ClickAsync();
        foreach (var page in new[] { chair, sam })
        {
            await Expect(page.Locator("#cat-safety-goals .mb-goals__for")).ToHaveTextAsync("For worry statement 1");
            await Expect(page.Locator("#cat-safety-goals .mb-goal .mb-item__text")).ToContainTextAsync("The child will experience calm evenings at home.");
        }

        // The teacher adds to the harm matrix; complicating factors stay apart.
        var teacherHarm = teacher.Locator("#cat-harm");
        await teacherHarm.Locator("#harm-form-details summary").ClickAsync();
        await teacherHarm.GetByLabel("What happened? (the harmful behaviour)").FillAsync("Jordan shouted at and pushed Sam while the children were there");
        await teacherHarm.GetByLabel("How long has it gone on? (optional)").FillAsync("Three months");
        await teacherHarm.GetByLabel("How often? (optional)").FillAsync("Twice that the police know of");
        await teacherHarm.GetByLabel("The worst time (optional)").FillAsync("In March, Sam was pushed into a door");
        await teacherHarm.GetByLabel("What impact has it had on the child? (optional)").FillAsync("Maya hides under her bed");
        await teacherHarm.GetByRole(AriaRole.Button, new() { Name = "Add to the harm matrix" }).ClickAsync();
        foreach (var page in new[] { chair, sam })
        {
            var row = page.Locator("#harm-matrix tbody tr");
            await Expect(row).ToHaveCountAsync(1);
            await Expect(row.Locator("th")).ToHaveTextAsync("Jordan shouted at and pushed Sam while the children were there");
            await Expect(row.Locator("td").Nth(2)).ToHaveTextAsync("Not known");
            await Expect(row.Locator("td").Nth(3)).ToHaveTextAsync("In March, Sam was pushed into a door");
            await Expect(page.Locator("#cat-complicating-factors .mb-empty")).ToBeVisibleAsync();
        }

        // A next step for Sam, refused first for a date that does not exist.
        var steps = chair.Locator("#cat-next-steps");
        await steps.Locator("#step-form-details summary").ClickAsync();
        await steps.GetByLabel("Who will do it?").SelectOptionAsync(new SelectOptionValue { Label = "Sam (Mum)" });
        await steps.GetByLabel("What will they do?").FillAsync("Take the children to Pat's if an argument starts");
        await steps.GetByLabel("Day").FillAsync("31");
        await steps.GetByLabel("Month").FillAsync("2");
        await steps.GetByLabel("Year").FillAsync("2027");
        await steps.GetByRole(AriaRole.Button, new() { Name = "Add the next step" }).ClickAsync();
        await Expect(chair.Locator("#step-due-error")).ToContainTextAsync("must be a real date");
        await Axe.AssertNoViolationsAsync(chair, "the next step form with a date error");
        // A date before the meeting is warned about beside the date, not refused.
        var stepForm = chair.Locator("#step-form");
        await stepForm.GetByLabel("Day").FillAsync("28");
        await stepForm.GetByLabel("Year").FillAsync("2020");
        await Expect(stepForm.GetByRole(AriaRole.Status).Filter(new() { HasText = "before the meeting" })).ToContainTextAsync("Check it is right");
        await Axe.AssertNoViolationsAsync(chair, "the next step form with a date before the meeting");
        await stepForm.GetByLabel("Year").FillAsync("2027");
        await Expect(chair.Locator("#step-due-warning")).ToBeEmptyAsync();
        await stepForm.GetByLabel("Needs manager sign-off").CheckAsync();
        await stepForm.GetByRole(AriaRole.Button, new() { Name = "Add the next step" }).ClickAsync();
        foreach (var page in new[] { chair, sam })
        {
            var row = page.Locator("#plan tbody tr");
            await Expect(row.Locator("th")).ToHaveTextAsync("Sam");
            await Expect(row.Locator("time")).ToHaveTextAsync("28 February 2027");
            await Expect(row.Locator(".mb-step-status")).ToHaveTextAsync("Not started");
            await Expect(row.Locator(".mb-sign-off")).ToHaveTextAsync("Needs manager sign-off");
        }
        // In a conference only the chair changes it.
        await Expect(sam.Locator("#plan").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Mark as") })).ToHaveCountAsync(0);
        await chair.Locator("#plan").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Mark as not needing sign-off") }).ClickAsync();
        foreach (var page in new[] { chair, sam })
            await Expect(page.Locator("#plan .mb-sign-off")).ToHaveCountAsync(0);

        // Sam changes the status of her own step; the teacher cannot see the control.
        await Expect(teacher.Locator("#plan").GetByRole(AriaRole.Combobox)).ToHaveCountAsync(0);
        await sam.Locator("#plan").GetByLabel("How is it going for Sam?").SelectOptionAsync("InProgress");
        await sam.Locator("#plan").GetByRole(AriaRole.Button, new() { Name = "Update the next step for Sam" }).ClickAsync();
        foreach (var page in new[] { chair, sam, teacher })
            await Expect(page.Locator("#plan .mb-step-status")).ToHaveTextAsync("In progress");
        await Axe.AssertNoViolationsAsync(chair, "the facilitator's board with statements, goals, harm matrix and plan");
        await Axe.AssertNoViolationsAsync(sam, "a participant's board with the plan");

        // The chair changes the words to Signs of Safety: every device follows at once.
        await chair.GetByLabel("Words used on the board").SelectOptionAsync("SignsOfSafety");
        await chair.GetByRole(AriaRole.Button, new() { Name = "Use these words" }).ClickAsync();
        foreach (var page in new[] { chair, sam })
        {
            await Expect(page.Locator("#cat-danger-statements-title")).ToContainTextAsync("Danger statements");
            await Expect(page.Locator("#cat-danger-statements .mb-statement__number")).ToHaveTextAsync("Danger statement 1");
            await Expect(page.Locator("#cat-safety-goals-title")).ToContainTextAsync("Safety goals");
        }

        // The chair removes the harm entry, once they have said yes.
        await chair.Locator("#harm-matrix").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Remove this entry") }).ClickAsync();
        await Dialogs.ConfirmAsync(chair, "Remove");
        foreach (var page in new[] { chair, sam })
            await Expect(page.Locator("#harm-matrix")).ToHaveCountAsync(0);
    }
}
