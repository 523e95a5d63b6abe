using System.Collections.Concurrent;
using MeetingBoard.Web.Components.Layout;

namespace MeetingBoard.Web.Tests.Live;

/// <summary>
/// The announcers of every page wait on one clock (QuietClock): each is told once when its time has come,
/// not before; one forgotten is never told; and the clock starts again after it stopped for want of waiters.
/// </summary>
public sealed class OneClockForEveryAnnouncer
{
    sealed class Waiter(long dueAt, ConcurrentDictionary<Waiter, int> told) : QuietClock.IWaiter
    {
        public readonly TaskCompletionSource<long> ToldAt = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public long DueAt { get; } = dueAt;

        public void Due()
        {
            told.AddOrUpdate(this, 1, (_, n) => n + 1);
            ToldAt.TrySetResult(Environment.TickCount64);
        }
    }

    [Fact]
    public async Task EachWaiterIsToldOnceAndNotBeforeItIsDueAndAForgottenOneIsNotTold()
    {
        var told = new ConcurrentDictionary<Waiter, int>();
        var now = Environment.TickCount64;
        var soon = Enumerable.Range(0, 300).Select(_ => new Waiter(now, told)).ToList();
        var later = new Waiter(now + 600, told);
        var forgotten = new Waiter(now + 300, told);
        foreach (var w in soon.Append(later).Append(forgotten)) QuietClock.Wait(w);
        QuietClock.Forget(forgotten);

        await Task.WhenAll(soon.Append(later).Select(w => w.ToldAt.Task)).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(await later.ToldAt.Task >= later.DueAt, "told before it was due");
        Assert.All(soon.Append(later), w => Assert.Equal(1, told[w]));
        Assert.False(told.ContainsKey(forgotten));

        // Nobody waits now, so the clock stops; a new waiter starts it again.
        var again = new Waiter(Environment.TickCount64, told);
        QuietClock.Wait(again);
        await again.ToldAt.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, told[again]);
    }
}
