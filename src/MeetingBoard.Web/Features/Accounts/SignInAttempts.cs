using System.Collections.Concurrent;

namespace MeetingBoard.Web.Features.Accounts;

/// <summary>
/// Failed sign-ins per email address (whether or not an account has it, so the answers do not tell
/// which emails exist). After a few failures each try must wait longer (1, 2, 4… seconds, at most a
/// minute); after more the address is locked for a while. A correct password clears the count.
/// Kept in memory on each node: a restart forgets, and with several nodes each counts on its own.
/// </summary>
public sealed class SignInAttempts(TimeProvider time, int lockAfter, TimeSpan lockFor, int backOffAfter)
{
    sealed class Record
    {
        public readonly List<DateTimeOffset> Failures = [];
        public DateTimeOffset? LockedUntil;
    }

    readonly ConcurrentDictionary<string, Record> records = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long this email must wait before its next try; null when it may try now.</summary>
    public TimeSpan? WaitFor(string email)
    {
        if (!records.TryGetValue(email, out var r)) return null;
        var now = time.GetUtcNow();
        lock (r)
        {
            if (r.LockedUntil is { } until)
            {
                if (until > now) return until - now;
                r.LockedUntil = null;
                r.Failures.Clear();
            }
            r.Failures.RemoveAll(f => f < now - lockFor);
            if (backOffAfter <= 0 || r.Failures.Count < backOffAfter) return null;
            var delay = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, r.Failures.Count - backOffAfter)));
            var next = r.Failures[^1] + delay;
            return next > now ? next - now : null;
        }
    }

    /// <summary>Counts a failure; true when this one locked the email.</summary>
    public bool Failed(string email)
    {
        var now = time.GetUtcNow();
        // Someone trying thousands of made-up emails must not grow this without limit: forget the quiet ones.
        if (records.Count > MaxRecords) Forget(now);
        var r = records.GetOrAdd(email, _ => new Record());
        lock (r)
        {
            r.Failures.Add(now);
            if (r.Failures.Count < lockAfter) return false;
            r.LockedUntil = now + lockFor;
            return true;
        }
    }

    public void Succeeded(string email) => records.TryRemove(email, out _);

    const int MaxRecords = 10_000;

    void Forget(DateTimeOffset now)
    {
        foreach (var (email, r) in records)
            lock (r)
                if ((r.LockedUntil ?? DateTimeOffset.MinValue) <= now && (r.Failures.Count == 0 || r.Failures[^1] < now - lockFor))
                    records.TryRemove(email, out _);
    }
}
