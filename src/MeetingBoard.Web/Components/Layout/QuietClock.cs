using System.Collections.Concurrent;

namespace MeetingBoard.Web.Components.Layout;

/// <summary>
/// One timer for every page's announcer. Each waits for its meeting to go quiet before it speaks; a timer
/// of its own per page made every change of a large meeting start and fire hundreds of timers at once,
/// and they queued on the runtime's timer lock (bench scenario E's profile: a sixth of the reveal's CPU).
/// The clock looks at the waiting pages a few times a second and tells those whose time has come.
/// </summary>
public static class QuietClock
{
    /// <summary>How often the waiting pages are looked at: an announcement is said up to this much after it is due.</summary>
    public static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(200);

    public interface IWaiter
    {
        /// <summary>When it is due (Environment.TickCount64); read from the clock's thread.</summary>
        long DueAt { get; }

        /// <summary>Its time has come: it is no longer waiting, and says what it has (or waits again).</summary>
        void Due();
    }

    static readonly ConcurrentDictionary<IWaiter, byte> waiting = new(ReferenceEqualityComparer.Instance);
    static readonly Timer timer = new(_ => Look(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    static int running;

    public static void Wait(IWaiter waiter)
    {
        waiting[waiter] = 0;
        if (Interlocked.Exchange(ref running, 1) == 0) timer.Change(Tick, Tick);
    }

    public static void Forget(IWaiter waiter) => waiting.TryRemove(waiter, out _);

    static void Look()
    {
        var now = Environment.TickCount64;
        foreach (var waiter in waiting.Keys)
            if (waiter.DueAt <= now && waiting.TryRemove(waiter, out _))
                waiter.Due();
        if (!waiting.IsEmpty) return;
        // Nobody waits: stop, then start again if someone began to wait meanwhile (a Wait that saw the clock
        // still running did not start it).
        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Volatile.Write(ref running, 0);
        if (!waiting.IsEmpty && Interlocked.Exchange(ref running, 1) == 0) timer.Change(Tick, Tick);
    }
}
