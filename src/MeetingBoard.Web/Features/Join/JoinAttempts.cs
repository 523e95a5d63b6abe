using System.Collections.Concurrent;

namespace MeetingBoard.Web.Features.Join;

/// <summary>
/// Counts wrong join codes per address. Only failures count, so a whole room joining from one
/// office network is never slowed; after too many wrong codes the address waits out the window.
/// Per node: with several nodes an attacker gets at most this many guesses per node per window.
/// </summary>
public sealed class JoinAttempts(TimeProvider time, int allowedFailures, TimeSpan window)
{
    readonly ConcurrentDictionary<string, Queue<DateTimeOffset>> failures = new();

    public bool IsBlocked(string address)
    {
        if (!failures.TryGetValue(address, out var queue)) return false;
        lock (queue)
        {
            Expire(queue);
            return queue.Count >= allowedFailures;
        }
    }

    public void Record(string address)
    {
        var queue = failures.GetOrAdd(address, _ => new Queue<DateTimeOffset>());
        lock (queue)
        {
            Expire(queue);
            queue.Enqueue(time.GetUtcNow());
        }
    }

    /// <summary>Forgets addresses (or codes) with nothing left in the window, so the table does not grow for ever.</summary>
    public void Prune()
    {
        foreach (var (key, queue) in failures)
        {
            lock (queue)
            {
                Expire(queue);
                if (queue.Count > 0) continue;
                // Removed while locked and empty; a Record that got this queue before the removal adds to
                // a forgotten queue, which costs one failure not counted, never a wrong block.
                failures.TryRemove(KeyValuePair.Create(key, queue));
            }
        }
    }

    void Expire(Queue<DateTimeOffset> queue)
    {
        var cutoff = time.GetUtcNow() - window;
        while (queue.Count > 0 && queue.Peek() < cutoff) queue.Dequeue();
    }
}

/// <summary>Asks to join (not failures: every new person) counted per join code, so one code cannot be used to flood a lobby.</summary>
public sealed record JoinsPerCode(JoinAttempts Counter);
