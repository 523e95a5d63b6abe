using MeetingBoard.Meetings;
using static MeetingBoard.Tests.Meetings.Given;

namespace MeetingBoard.Tests.Meetings;

/// <summary>A property checked over a few hundred random meetings, with a fixed seed so a failure can be replayed.</summary>
public class AnyRunOfCommands
{
    static readonly Actor[] People = [Iro, Iro, Sam, Teacher, HealthVisitor, AnotherFacilitator];
    static readonly string?[] Categories = ["harm", "danger-statements", "existing-safety", "Next-Steps", "4", "6", "7", "worried", null];
    static readonly string[] Words = ["Pat", "lives", "nearby", "police", "were", "called", "twice", "\r\n", "\n", " ", "\t", "💛", "Maya", "hides", "<b>", "&amp;"];

    [Fact]
    public void FoldsToAVersionEqualToItsEventsAndABoardOfCleanItems()
    {
        var random = new Random(20250304);
        var itemsAdded = 0;

        for (var run = 0; run < 300; run++)
        {
            var state = MeetingState.Empty;
            var events = new List<IMeetingEvent>();
            void Send(MeetingCommand command)
            {
                foreach (var e in Meeting.Decide(state, command).Events ?? [])
                {
                    events.Add(e);
                    state = Meeting.Apply(state, e);
                }
            }

            Send(new CreateMeeting(MeetingId, "GroupSupervision", "Group supervision", null, "Alex", "KPW7RTC4H", "key", Iro, At));
            for (var step = random.Next(1, 80); step > 0; step--)
                Send(RandomCommand(random));

            var folded = Meeting.Fold(events);
            Assert.Equal(events.Count, folded.Version);
            Assert.Equal(state.Items, folded.Items);
            Assert.All(folded.Items, item =>
            {
                Assert.InRange(item.Text.Length, 1, Text.ItemMaxLength);
                Assert.Equal(item.Text.Trim(), item.Text);
                Assert.DoesNotContain('\r', item.Text);
            });
            Assert.Equal(folded.Items.Count, folded.Items.Select(i => i.Id).Distinct().Count());
            itemsAdded += events.OfType<ItemAdded>().Count();
        }

        Assert.True(itemsAdded > 500, $"The runs should exercise the board, but only {itemsAdded} items were added");
    }

    static MeetingCommand RandomCommand(Random random)
    {
        var by = People[random.Next(People.Length)];
        var itemId = "i-" + random.Next(12);
        var participant = People[random.Next(2, 5)].Id;
        return random.Next(100) switch
        {
            < 12 => new AskToJoin(by.Id, RandomWords(random, 3), "Role", "hash", by, At),
            < 24 => new AdmitParticipant(participant, by, At),
            < 27 => new DeclineParticipant(participant, by, At),
            < 30 => new RemoveParticipant(participant, by, At),
            < 60 => new AddItem(itemId, Categories[random.Next(Categories.Length)], RandomText(random), by, At),
            < 75 => new EditItem(itemId, RandomText(random), by, At),
            < 85 => new MoveItem(itemId, Categories[random.Next(Categories.Length)], by, At),
            < 99 => new RemoveItem(itemId, by, At),
            _ => new CloseMeeting(by, At),
        };
    }

    // Mostly short sentences, sometimes blank, sometimes right around the 2,000 character limit.
    static string RandomText(Random random) => random.Next(10) switch
    {
        0 => " \r\n\t ",
        1 => new string('a', random.Next(Text.ItemMaxLength - 5, Text.ItemMaxLength + 5)) + RandomWords(random, 2),
        _ => RandomWords(random, random.Next(1, 12)),
    };

    static string RandomWords(Random random, int count) =>
        string.Join(' ', Enumerable.Range(0, count).Select(_ => Words[random.Next(Words.Length)]));
}
