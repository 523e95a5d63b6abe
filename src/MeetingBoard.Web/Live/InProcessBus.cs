namespace MeetingBoard.Web.Live;

/// <summary>The embedded default: one node, so publishing is calling the subscribers.</summary>
public sealed class InProcessBus(ILogger<InProcessBus> log, MeetingBoardMetrics? metrics = null) : IMeetingBus
{
    readonly List<Func<MeetingChanged, Task>> handlers = [];

    public bool IsConnected => true;

    public Task AnnouncePresenceAsync(PresenceNotice notice, CancellationToken ct = default) => Task.CompletedTask;

    public void SubscribePresence(Func<string, PresenceNotice, Task> handler) { }

    public void Subscribe(Func<MeetingChanged, Task> handler)
    {
        lock (handlers) handlers.Add(handler);
    }

    public Task PublishAsync(MeetingChanged notice, CancellationToken ct = default)
    {
        Func<MeetingChanged, Task>[] current;
        lock (handlers) current = [.. handlers];
        metrics?.NoticePublished();
        foreach (var handler in current)
            _ = RunAsync(handler, notice);
        return Task.CompletedTask;
    }

    async Task RunAsync(Func<MeetingChanged, Task> handler, MeetingChanged notice)
    {
        try
        {
            await handler(notice);
        }
        catch (Exception e)
        {
            log.LogError(e, "Handling a change of meeting {MeetingId} failed", notice.MeetingId);
        }
    }
}
