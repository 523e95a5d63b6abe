using MeetingBoard.Board;
using MeetingBoard.Meetings;
using static MeetingBoard.Tests.Meetings.Given;

namespace MeetingBoard.Tests.Meetings;

public class AddingAnItem
{
    static Decision Add(MeetingState given, string? text = "The children are well fed and go to school and nursery",
        string? category = "existing-strengths", Actor? by = null, string itemId = "i-1") =>
        Meeting.Decide(given, new AddItem(itemId, category, text, by ?? Sam, At));

    [Fact]
    public void PutsTheFacilitatorsItemOnTheBoard()
    {
        var added = Then.Single<ItemAdded>(Add(OpenMeeting(), by: Iro));
        Assert.Equal("i-1", added.ItemId);
        Assert.Equal(Category.ExistingStrengths, added.Category);
        Assert.Equal("The children are well fed and go to school and nursery", added.Text);
        Assert.Equal(Iro, added.By);
    }

    [Fact]
    public void PutsAnAdmittedParticipantsItemOnTheBoard() =>
        Assert.Equal(Sam, Then.Single<ItemAdded>(Add(OpenMeeting(), by: Sam)).By);

    [Fact]
    public void IsForbiddenToAnyoneNotAdmitted()
    {
        Then.Forbidden(Add(OpenMeeting(Asked(HealthVisitor)), by: HealthVisitor));
        Then.Forbidden(Add(OpenMeeting(Asked(HealthVisitor), Declined(HealthVisitor)), by: HealthVisitor));
        Then.Forbidden(Add(OpenMeeting(RemovedFromMeeting(Sam)), by: Sam));
        Then.Forbidden(Add(OpenMeeting(), by: HealthVisitor));
        Then.Forbidden(Add(OpenMeeting(), by: AnotherFacilitator));
    }

    [Fact]
    public void TakesTheCategoryBySlugOrByNumber() =>
        Assert.All(["existing-safety", " Existing-Safety ", "5"], category =>
            Assert.Equal(Category.ExistingSafety, Then.Single<ItemAdded>(Add(OpenMeeting(), category: category)).Category));

    [Fact]
    public void IsRefusedForACategoryNotOnTheMap() =>
        // "worried" is a column, not a category: items belong to one of the seven categories.
        Assert.All([null, "0", "8", "worried"], category => Then.Invalid(Add(OpenMeeting(), category: category), "category"));

    [Fact]
    public void IsRefusedWithoutText() =>
        Assert.All([null, "", " \n\t\r\n "], text => Then.Invalid(Add(OpenMeeting(), text: text), "text"));

    [Fact]
    public void AcceptsExactlyTwoThousandCharactersAndNoMore()
    {
        Assert.Equal(Text.ItemMaxLength, Then.Single<ItemAdded>(Add(OpenMeeting(), text: new string('a', 2000))).Text.Length);
        var refusal = Then.Invalid(Add(OpenMeeting(), text: new string('a', 2001)), "text");
        Assert.Contains("2,000", refusal.Message);
    }

    [Fact]
    public void KeepsMarkupLiterallyAsTyped() =>
        Assert.Equal("<script>alert(1)</script>", Then.Single<ItemAdded>(Add(OpenMeeting(), text: "<script>alert(1)</script>")).Text);

    [Fact]
    public void StoresLineBreaksAsLineFeeds() =>
        Assert.Equal("Jordan shouted at Sam.\nMaya hid under the bed.\nPolice were called.",
            Then.Single<ItemAdded>(Add(OpenMeeting(), text: "Jordan shouted at Sam.\r\nMaya hid under the bed.\rPolice were called.")).Text);

    [Fact]
    public void IsRefusedWhenTheTextHasAControlCharacter() =>
        Assert.All(["Bell \u0007 in the middle", "Null \0 in the middle", "Escape \u001b[31m red"],
            text => Then.Invalid(Add(OpenMeeting(), text: text), "text"));

    [Fact]
    public void IsRefusedWhenTheTextHasARightToLeftOverride() =>
        Then.Invalid(Add(OpenMeeting(), text: "Safe with Pat \u202Eyako ton\u202C"), "text");

    [Fact]
    public void AcceptsEmojiAndCombiningMarks() =>
        // The Devanagari vowel signs and virama are combining marks with no precomposed form.
        Assert.All(["Maya loves staying with Pat 💛👩‍👧‍👦", "Pat greets the family with नमस्ते"],
            text => Assert.Equal(text, Then.Single<ItemAdded>(Add(OpenMeeting(), text: text)).Text));

    [Fact]
    public void IsRefusedWhenTheItemIdIsAlreadyOnTheBoard() =>
        Then.Conflict(Add(OpenMeeting(Added("i-1", Teacher)), itemId: "i-1"));
}
