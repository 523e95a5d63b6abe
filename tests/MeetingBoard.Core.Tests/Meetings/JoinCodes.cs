using MeetingBoard.Meetings;

namespace MeetingBoard.Tests.Meetings;

public class JoinCodes
{
    [Fact]
    public void AreNineCharactersFromTheAlphabet()
    {
        for (var i = 0; i < 1_000; i++)
        {
            var code = JoinCode.New();
            Assert.Equal(9, code.Length);
            Assert.All(code, ch => Assert.Contains(ch, JoinCode.Alphabet));
        }
    }

    [Fact]
    public void LeaveOutCharactersThatLookOrSoundAlike()
    {
        Assert.Equal(25, JoinCode.Alphabet.Distinct().Count());
        Assert.All("O0I1LS5Z2UV", ch => Assert.DoesNotContain(ch, JoinCode.Alphabet));
    }

    [Fact]
    public void DoNotRepeatAcrossTenThousandMeetings()
    {
        var codes = Enumerable.Range(0, 10_000).Select(_ => JoinCode.New()).ToHashSet();
        Assert.Equal(10_000, codes.Count);
    }

    [Fact]
    public void AreReadFromWhatPeopleType() =>
        Assert.All(["kpw 7rt-c4h", "KPW-7RT-C4H", "  kpw7rtc4h "], typed => Assert.Equal("KPW7RTC4H", JoinCode.Normalise(typed)));

    [Fact]
    public void AreNotReadFromTheWrongNumberOfCharacters() =>
        Assert.All([null, "", "KPW-7RT-C4", "KPW-7RT-C4H-X"], typed => Assert.Null(JoinCode.Normalise(typed)));

    [Fact]
    public void AreNotReadWhenTheyContainALookAlike() =>
        Assert.All("O0I1LS5Z2UVou", ch => Assert.Null(JoinCode.Normalise("KPW7RTC4" + ch)));

    [Fact]
    public void AreShownInThreeGroups()
    {
        Assert.Equal("KPW-7RT-C4H", JoinCode.Display("KPW7RTC4H"));
        var code = JoinCode.New();
        Assert.Equal(code, JoinCode.Normalise(JoinCode.Display(code)));
    }
}
