using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace MeetingBoard.Web.Live;

/// <summary>
/// Turns meeting changes into patches for the viewers connected to this node. Renders coalesce:
/// while one render of a meeting runs, further changes collapse into one more render of the
/// latest state, so a burst of changes costs a few renders, not one each.
/// </summary>
public sealed class Broadcaster(
    MeetingHosts hosts,
    Presence presence,
    LiveRegions regions,
    IMeetingBus bus,
    MeetingBoardOptions options,
    IHubContext<MeetingHub, IMeetingClient> hub,
    ILogger<Broadcaster> log)
{
    const int Everyone = 1;
    const int FacilitatorOnly = 2;

    sealed class Pending
    {
        public int Flags;
        public readonly SemaphoreSlim Gate = new(1, 1);
    }

    readonly ConcurrentDictionary<string, Pending> pending = new();
    // The version each meeting's viewers on this node were last rendered at, so the sweep can tell a missed notice.
    readonly ConcurrentDictionary<string, long> rendered = new();

    public long RenderedVersion(string meetingId) => rendered.TryGetValue(meetingId, out var v) ? v : 0;

    public static string Group(string meetingId, Audience audience) => $"{meetingId}:{audience}";

    public Task OnChangedAsync(MeetingChanged notice)
    {
        if (presence.HasViewers(notice.MeetingId)) Schedule(notice.MeetingId, Everyone);
        return Task.CompletedTask;
    }

    /// <summary>
    /// The meeting was deleted: every open page of it on this node is sent to its address, which now
    /// says the meeting was deleted. The connection leaves the meeting's groups, so it gets nothing more;
    /// it is not aborted, which could overtake the navigation (a page that reconnects is sent there by Watch).
    /// </summary>
    public async Task MeetingDeletedAsync(string meetingId)
    {
        foreach (var c in presence.In(meetingId))
        {
            presence.Remove(c.ConnectionId);
            await hub.Groups.RemoveFromGroupAsync(c.ConnectionId, Group(meetingId, c.Viewer.Audience));
            await hub.Clients.Client(c.ConnectionId).Navigate($"/m/{meetingId}");
        }
        pending.TryRemove(meetingId, out _);
    }

    /// <summary>Someone connected or left on this node: only the facilitator's view shows that, on every node.</summary>
    public void PresenceChanged(string meetingId)
    {
        Schedule(meetingId, FacilitatorOnly);
        _ = AnnounceAsync(meetingId);
    }

    /// <summary>Someone connected or left on another node.</summary>
    public void RemotePresenceChanged(string meetingId) => Schedule(meetingId, FacilitatorOnly);

    /// <summary>
    /// Tells the other nodes who is connected here. Repeated by the sweep; an announcement not
    /// repeated within three sweeps runs out, so a node that dies is not shown as connected for long.
    /// </summary>
    public async Task AnnounceAsync(string meetingId)
    {
        try
        {
            var validFor = TimeSpan.FromSeconds(3 * Math.Max(options.CatchUpSeconds, 1) + 2);
            await bus.AnnouncePresenceAsync(new PresenceNotice(meetingId, presence.LocalKeys(meetingId), validFor));
        }
        catch (Exception e)
        {
            log.LogWarning("Meeting {MeetingId}: announcing presence failed ({Error})", meetingId, e.GetType().Name);
        }
    }

    void Schedule(string meetingId, int flags)
    {
        var p = pending.GetOrAdd(meetingId, _ => new Pending());
        if (Interlocked.Or(ref p.Flags, flags) != 0) return; // a render is queued and will read the latest state
        _ = Task.Run(() => RenderAsync(meetingId, p));
    }

    async Task RenderAsync(string meetingId, Pending p)
    {
        await p.Gate.WaitAsync();
        try
        {
            var flags = Interlocked.Exchange(ref p.Flags, 0);
            if (flags == 0) return;
            var host = await hosts.FindAsync(meetingId);
            if (host is null) return;
            var state = await host.CatchUpAsync();
            if ((flags & Everyone) != 0) rendered.AddOrUpdate(meetingId, state.Version, (_, v) => Math.Max(v, state.Version));
            var connections = presence.In(meetingId);
            var connected = presence.ConnectedKeys(meetingId);

            var audiences = (flags & Everyone) != 0
                ? connections.Select(c => c.Viewer.Audience).Where(a => a is Audience.Facilitator or Audience.Participant or Audience.RoomScreen).Distinct()
                : connections.Any(c => c.Viewer.Audience == Audience.Facilitator) ? [Audience.Facilitator] : [];
            foreach (var audience in audiences.ToList())
            {
                var viewer = audience == Audience.Facilitator
                    ? new Viewer(Audience.Facilitator, MeetingBoard.Meetings.Actor.Facilitator(state.FacilitatorId))
                    : new Viewer(audience, null);
                var patch = await regions.RenderAsync(state, viewer, connected);
                await hub.Clients.Group(Group(meetingId, audience)).Patch(patch);
            }

            // Personal regions: rendered once per person, sent to that person's connections only.
            if ((flags & Everyone) != 0)
            {
                foreach (var person in connections.Where(c => StillFits(state, c)).GroupBy(c => c.Viewer.Key))
                {
                    if (await regions.RenderPersonalAsync(state, person.First().Viewer, connected) is not { } personal) continue;
                    await hub.Clients.Clients(person.Select(c => c.ConnectionId).ToList()).Patch(personal);
                }
            }

            // Participants whose standing changed (admitted, declined, removed) are sent where they now belong.
            foreach (var c in connections)
            {
                if (StillFits(state, c)) continue;
                var actor = c.Viewer.Actor!;
                var now = state.FindParticipant(actor.Id) is { } participant ? Viewers.AudienceOf(participant) : Audience.Excluded;
                presence.Remove(c.ConnectionId);
                await hub.Groups.RemoveFromGroupAsync(c.ConnectionId, Group(meetingId, c.Viewer.Audience));
                await hub.Clients.Client(c.ConnectionId).Navigate($"/m/{meetingId}");
                // Removed means removed: end the connection as well, in case the page ignores the navigation.
                if (now == Audience.Excluded) c.Context.Abort();
            }
        }
        catch (Exception e)
        {
            log.LogError(e, "Meeting {MeetingId}: rendering for viewers failed", meetingId);
        }
        finally
        {
            p.Gate.Release();
        }
    }

    /// <summary>False for a participant whose standing has changed since they connected (admitted, declined, removed).</summary>
    static bool StillFits(MeetingBoard.Meetings.MeetingState state, Presence.Connection c) =>
        c.Viewer.Actor is not { Kind: MeetingBoard.Meetings.ActorKind.Participant } actor
        || (state.FindParticipant(actor.Id) is { } participant ? Viewers.AudienceOf(participant) : Audience.Excluded) == c.Viewer.Audience;
}
