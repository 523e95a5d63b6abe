using MeetingBoard.Practice;

namespace MeetingBoard.Tests.Practice;

public class PlainLanguageHints
{
    [Theory]
    [InlineData("Maya is on a CP plan", "CP")]
    [InlineData("The S47 enquiry found bruising", "S47")]
    [InlineData("We are in PLO now", "PLO")]
    [InlineData("Leo was LAC last year", "LAC")]
    [InlineData("Open to CIN.", "CIN")]
    [InlineData("Sam showed disguised compliance", "disguised compliance")]
    [InlineData("Sam showed Disguised  Compliance", "disguised compliance")]
    [InlineData("The language was inappropriate", "inappropriate")]
    [InlineData("Non-engagement with services", "non-engagement")]
    [InlineData("non engagement with services", "non-engagement")]
    [InlineData("a neglectful home", "neglectful")]
    public void NamesTheJargonWithAPlainerSuggestion(string text, string term)
    {
        var hint = Assert.Single(PlainLanguage.Hints(text, TextKind.Note));
        Assert.Equal(term, hint.Term);
        Assert.Contains(term, hint.Message, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith(PlainLanguage.Jargon.Single(e => e.Term == term).Suggestion + ".", hint.Message);
    }

    [Theory]
    [InlineData("Sam cooks for the children every evening")]
    [InlineData("The cp is not an acronym in lower case")]
    [InlineData("SCAPE and CPR and PLOT contain letters of acronyms but are other words")]
    [InlineData("")]
    [InlineData(null)]
    public void SaysNothingAboutPlainWords(string? text) =>
        Assert.Empty(PlainLanguage.Hints(text, TextKind.Note));

    [Theory]
    [InlineData("Parents must not argue in front of the children", "must not")]
    [InlineData("Jordan will not shout", "will not")]
    [InlineData("Jordan won’t shout", "won't")]
    [InlineData("The shouting will stop", "stop")]
    [InlineData("Sam no longer drinks", "no longer")]
    public void AGoalWrittenAsAnAbsenceIsAskedWhatWillBeSeenInstead(string text, string phrase)
    {
        var hint = Assert.Single(PlainLanguage.Hints(text, TextKind.SafetyGoal));
        Assert.Contains(phrase, hint.Message);
        Assert.Contains("will see happening instead", hint.Message);
    }

    [Fact]
    public void AGoalDescribingWhatWillBeSeenHasNoHint() =>
        Assert.Empty(PlainLanguage.Hints("One parent will leave the home if things are escalating to an argument", TextKind.SafetyGoal));

    [Fact]
    public void AbsenceWordsInsideOtherWordsDoNotCount() =>
        Assert.Empty(PlainLanguage.Hints("Pat keeps a stopgap bed ready; the children play nonstop", TextKind.SafetyGoal));

    [Fact]
    public void ADangerStatementThatNeverMentionsTheChildIsAskedWhatItMeansForThem()
    {
        var hint = Assert.Single(PlainLanguage.Hints("We are worried that Jordan shouts at Sam", TextKind.DangerStatement));
        Assert.Contains("does not seem to mention the child", hint.Message);
        Assert.Empty(PlainLanguage.Hints("We are worried the children could be hurt", TextKind.DangerStatement));
        Assert.Empty(PlainLanguage.Hints("We are worried Sam's daughter could be hurt", TextKind.DangerStatement));
    }

    [Fact]
    public void OnlyDangerStatementsAreAskedAboutTheChild() =>
        Assert.Empty(PlainLanguage.Hints("Jordan shouts at Sam", TextKind.Note));

    [Fact]
    public void HintsUseTheMeetingsWords()
    {
        Assert.Contains("worry statement", PlainLanguage.Hints("Jordan shouts", TextKind.DangerStatement, Vocabulary.SignsOfWellbeing)[0].Message);
        Assert.Contains("wellbeing goal", PlainLanguage.Hints("Jordan will stop", TextKind.SafetyGoal, Vocabulary.SignsOfWellbeing)[0].Message);
    }

    [Fact]
    public void GivesEveryHintOnceInTheOrderOfTheList()
    {
        var hints = PlainLanguage.Hints("CP and CP again, and PLO, must not", TextKind.SafetyGoal);
        Assert.Equal(["CP", "PLO", null], hints.Select(h => h.Term));
    }

    [Fact]
    public void TheWordListIsReadFromTheEditableFile()
    {
        Assert.Contains(PlainLanguage.Jargon, e => e.Term == "disguised compliance");
        Assert.True(PlainLanguage.Jargon.Count >= 20);
        var own = PlainLanguage.Parse("# comment\nFOO = say foo\n\nnot a line\nbar baz = say qux\n");
        Assert.Equal(["FOO", "bar baz"], own.Select(e => e.Term));
        Assert.Equal("say qux", own[1].Suggestion);
    }
}
