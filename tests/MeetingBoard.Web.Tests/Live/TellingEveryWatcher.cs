using System.Collections.Concurrent;
using MeetingBoard.Web.Live;

namespace MeetingBoard.Web.Tests.Live;

/// <summary>
/// The feed tells each of a meeting's circuits exactly once; one that waits or fails (its circuit closed
/// meanwhile) holds up nobody else.
/// </summary>
public sealed class TellingEveryWatcher
{
    [Theory]
    [InlineData(1)]
    [InlineData(15)]
    [InlineData(300)]
    public async Task EveryWatcherIsToldOnceEvenWhenSomeFail(int count)
    {
        var told = new ConcurrentDictionary<int, int>();
        var watchers = Enumerable.Range(0, count).ToList();

        await MeetingFeed.TellAllAsync(watchers, async w =>
        {
            told.AddOrUpdate(w, 1, (_, n) => n + 1);
            if (w % 7 == 3) throw new InvalidOperationException("This circuit has closed");
            if (w % 7 == 5)
            {
                await Task.Yield();
                throw new ObjectDisposedException("circuit");
            }
        });

        Assert.Equal(watchers, told.Keys.Order());
        Assert.All(told.Values, n => Assert.Equal(1, n));
    }

    [Fact]
    public async Task AWatcherThatIsSlowDoesNotStopTheOthersBeingTold()
    {
        var release = new TaskCompletionSource();
        var othersTold = new TaskCompletionSource();
        var told = new ConcurrentBag<int>();
        var all = MeetingFeed.TellAllAsync(Enumerable.Range(0, 64).ToList(), async w =>
        {
            if (w == 0) await release.Task;
            told.Add(w);
            if (w != 0 && told.Count == 63) othersTold.TrySetResult();
        });

        // Every other watcher is told while the first still waits.
        await othersTold.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(all.IsCompleted);
        release.SetResult();
        await all;
        Assert.Equal(64, told.Count);
    }
}
