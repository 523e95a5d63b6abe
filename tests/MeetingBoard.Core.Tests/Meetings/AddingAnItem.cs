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
    public void IsForbiddenToSomeoneStillWaiting() =>
        Then.Forbidden(Add(OpenMeeting(Asked(HealthVisitor)), by: HealthVisitor));

    [Fact]
    public void IsForbiddenToSomeoneDeclined() =>
        Then.Forbidden(Add(OpenMeeting(Asked(HealthVisitor), Declined(HealthVisitor)), by: HealthVisitor));

    [Fact]
    public void IsForbiddenToSomeoneRemoved() =>
        Then.Forbidden(Add(OpenMeeting(RemovedFromMeeting(Sam)), by: Sam));

    [Fact]
    public void IsForbiddenToSomeoneNotInTheMeeting()
    {
        Then.Forbidden(Add(OpenMeeting(), by: HealthVisitor));
        Then.Forbidden(Add(OpenMeeting(), by: AnotherFacilitator));
    }

    [Theory]
    [InlineData("existing-safety")]
    [InlineData(" Existing-Safety ")]
    [InlineData("5")]
    public void TakesTheCategoryBySlugOrByNumber(string category) =>
        Assert.Equal(Category.ExistingSafety, Then.Single<ItemAdded>(Add(OpenMeeting(), category: category)).Category);

    [Theory]
    [InlineData(null)]
    [InlineData("0")]
    [InlineData("8")]
    [InlineData("worried")]
    public void IsRefusedForACategoryNotOnTheMap(string? category) =>
        Then.Invalid(Add(OpenMeeting(), category: category), "category");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(" \n\t\r\n ")]
    public void IsRefusedWithoutText(string? text) =>
        Then.Invalid(Add(OpenMeeting(), text: text), "text");

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

    [Theory]
    [InlineData("Bell \u0007 in the middle")]
    [InlineData("Null \0 in the middle")]
    [InlineData("Escape \u001b[31m red")]
    public void IsRefusedWhenTheTextHasAControlCharacter(string text) =>
        Then.Invalid(Add(OpenMeeting(), text: text), "text");

    [Fact]
    public void IsRefusedWhenTheTextHasARightToLeftOverride() =>
        Then.Invalid(Add(OpenMeeting(), text: "Safe with Pat \u202Eyako ton\u202C"), "text");

    [Theory]
    [InlineData("Maya loves staying with Pat 💛👩‍👧‍👦")]
    [InlineData("Pat greets the family with नमस्ते")]
    public void AcceptsEmojiAndCombiningMarks(string text) =>
        Assert.Equal(text, Then.Single<ItemAdded>(Add(OpenMeeting(), text: text)).Text);

    [Fact]
    public void IsRefusedWhenTheItemIdIsAlreadyOnTheBoard() =>
        Then.Conflict(Add(OpenMeeting(Added("i-1", Teacher)), itemId: "i-1"));

    [Fact]
    public void IsRefusedOnceTheMeetingHasClosed() =>
        Then.Conflict(Add(OpenMeeting(Closed()), by: Iro));
}
