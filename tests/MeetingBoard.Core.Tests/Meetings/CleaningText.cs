using MeetingBoard.Meetings;

namespace MeetingBoard.Tests.Meetings;

public class CleaningText
{
    [Fact]
    public void TrimsTheEndsAndTurnsTabsIntoSpaces() =>
        Assert.Equal(("Sam and Pat", null), Text.Clean("\t Sam\tand Pat \n", "some text", 100, multiline: true));

    [Fact]
    public void NamesTheFieldInItsMessages()
    {
        Assert.Equal((null, "Enter your name"), Text.Clean("  ", "your name", Text.NameMaxLength, multiline: false));
        Assert.Equal((null, "Your name must be 80 characters or fewer (it is 81)"),
            Text.Clean(new string('x', 81), "your name", Text.NameMaxLength, multiline: false));
    }

    [Fact]
    public void KeepsOneLineFieldsOnOneLine()
    {
        Assert.NotNull(Text.Clean("Sam\nJordan", "your name", 80, multiline: false).Error);
        Assert.Equal("Sam\nJordan", Text.Clean("Sam\nJordan", "some text", 80, multiline: true).Value);
    }

    [Fact]
    public void RefusesEveryCharacterThatChangesTheDirectionOfText() =>
        Assert.All("\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069\u200E\u200F\u061C",
            ch => Assert.Contains("direction", Text.Clean($"Pat{ch}Sam", "some text", 100, multiline: true).Error));

    [Fact]
    public void MeasuresLengthAfterTrimming() =>
        Assert.NotNull(Text.Clean("   " + new string('a', 10) + "   ", "some text", 10, multiline: true).Value);

    // Fails today: Directory.Build.props sets InvariantGlobalization, under which string.Normalize is a no-op.
    [Fact]
    public void ComposesADecomposedLetterIntoOne() =>
        Assert.Equal("Zo\u00EB", Text.Clean("Zoe\u0308", "your name", 80, multiline: false).Value);
}

public sealed class CleaningUnusualCharacters
{
    [Fact]
    public void RefusesALoneHalfOfASurrogatePair() =>
        Assert.NotNull(Text.Clean("a\uD800b", "some text", 100, multiline: true).Error);

    [Fact]
    public void AcceptsAWholeSurrogatePair() =>
        Assert.Equal("💛", Text.Clean("💛", "some text", 100, multiline: true).Value);

    [Fact]
    public void RefusesALineSeparatorInAOneLineField() =>
        Assert.NotNull(Text.Clean("Sam\u2028Smith", "your name", 80, multiline: false).Error);
}

public class InvisibleAndStackedCharacters
{
    [Theory]
    [InlineData("\u200B\u200B\u200B")]
    [InlineData("\uFEFF")]
    [InlineData("\u200D \u2060")]
    public void TextOfOnlyInvisibleCharactersIsEmpty(string raw) =>
        Assert.Equal("Enter some text", Text.Clean(raw, "some text", Text.ItemMaxLength, multiline: true).Error);

    [Theory]
    [InlineData("Pat\u200Bsy")]
    [InlineData("👩‍👧‍👦 ❤️ 🏳️‍🌈")]
    [InlineData("Tiếng Việt")]
    public void ZeroWidthJoinersAndEmojiInsideTextAreKept(string raw) =>
        Assert.Equal(raw, Text.Clean(raw, "some text", Text.ItemMaxLength, multiline: true).Value);

    [Fact]
    public void CombiningAccentsAreNormalisedToTheComposedLetter() =>
        Assert.Equal("Café", Text.Clean("Cafe\u0301", "some text", Text.ItemMaxLength, multiline: true).Value);

    [Fact]
    public void ZalgoTextIsRefused()
    {
        var zalgo = "Z" + new string('\u0336', 7) + "algo";
        Assert.Contains("too many accent marks", Text.Clean(zalgo, "some text", Text.ItemMaxLength, multiline: true).Error);
        Assert.Null(Text.Clean("Z" + new string('\u0336', Text.MaxMarksInARow), "some text", Text.ItemMaxLength, multiline: true).Error);
    }
}

public sealed class InvisibleText
{
    [Theory]
    [InlineData("\u3164")]
    [InlineData("\u3164 \u3164")]
    [InlineData("\u2800\u2800")]
    [InlineData("\u115F\u1160")]
    public void TextThatOnlyLooksBlankIsRefused(string raw)
    {
        var (value, error) = MeetingBoard.Meetings.Text.Clean(raw, "your name", 80, multiline: false);
        Assert.Null(value);
        Assert.Equal("Enter your name", error);
    }

    [Fact]
    public void TagCharactersAreDropped()
    {
        var (value, error) = MeetingBoard.Meetings.Text.Clean("Pat\U000E0049\U000E0047\U000E004E\U000E004F\U000E0052\U000E0045 is kind", "an item", 2000, multiline: true);
        Assert.Null(error);
        Assert.Equal("Pat is kind", value);
    }

    [Fact]
    public void TextMadeOnlyOfTagCharactersIsEmpty()
    {
        var (value, error) = MeetingBoard.Meetings.Text.Clean("\U000E0041\U000E0042", "an item", 2000, multiline: true);
        Assert.Null(value);
        Assert.Equal("Enter an item", error);
    }
}
