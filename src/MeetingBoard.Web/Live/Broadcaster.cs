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

    /// <summary>
    /// What one audience of a meeting on this node was last sent (as fingerprints: the markup of a
    /// facilitator's page of 300 people is most of a megabyte), and which connections have it, so the
    /// next patch can carry only what changed. Touched only under the meeting's render gate.
    /// </summary>
    sealed class Sent(long seq, Dictionary<string, RegionPrint> regions, IReadOnlyList<Presence.Connection> members)
    {
        public readonly long Seq = seq;
        public readonly Dictionary<string, RegionPrint> Regions = regions;
        // By reference: a page that watches again is a new connection record, which has not had this patch.
        public readonly HashSet<Presence.Connection> Members = new(members, ReferenceEqualityComparer.Instance);
    }

    static long lastSeq;
    readonly ConcurrentDictionary<string, Pending> pending = new();
    readonly ConcurrentDictionary<(string MeetingId, Audience Audience), Sent> sent = new();
    // Per meeting, what each connected person's personal regions were last rendered from (LiveRegions.PersonalKey).
    readonly ConcurrentDictionary<string, Dictionary<string, object>> personalSent = new();
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
        foreach (var audience in Enum.GetValues<Audience>()) sent.TryRemove((meetingId, audience), out _);
        personalSent.TryRemove(meetingId, out _);
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

    /// <summary>
    /// Runs a page's catch-up (joining the meeting's group and, if behind, its own render) under the
    /// meeting's render gate. Otherwise a catch-up rendered before a broadcast could reach the page after
    /// it and put back what the broadcast had changed — and as later patches carry only what changes,
    /// it would stay that way. Under the gate the page either joins after a broadcast and renders the
    /// newer state itself, or joins before the next one, which then sends it everything.
    /// </summary>
    public async Task CatchUpAsync(string meetingId, Func<Task> catchUp)
    {
        var p = pending.GetOrAdd(meetingId, _ => new Pending());
        await p.Gate.WaitAsync();
        try
        {
            await catchUp();
        }
        finally
        {
            p.Gate.Release();
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

            // The audience with the most people first: a large facilitator render does not hold up the participants.
            var audiences = connections.Where(c => (flags & Everyone) != 0
                    ? c.Viewer.Audience is Audience.Facilitator or Audience.Participant or Audience.RoomScreen
                    : c.Viewer.Audience == Audience.Facilitator)
                .GroupBy(c => c.Viewer.Audience)
                .OrderByDescending(g => g.Count())
                .ToList();
            foreach (var audience in audiences)
            {
                var viewer = audience.Key == Audience.Facilitator
                    ? new Viewer(Audience.Facilitator, MeetingBoard.Meetings.Actor.Facilitator(state.FacilitatorId))
                    : new Viewer(audience.Key, null);
                await SendAsync(meetingId, audience.Key, [.. audience], await regions.RenderAsync(state, viewer, connected));
            }
            // Forget what was sent to an audience nobody here belongs to any more.
            foreach (var audience in Enum.GetValues<Audience>())
                if (connections.All(c => c.Viewer.Audience != audience)) sent.TryRemove((meetingId, audience), out _);

            // Personal regions: rendered once per person whose own things changed, sent to that person's connections only.
            if ((flags & Everyone) != 0)
            {
                var before = personalSent.TryGetValue(meetingId, out var b) ? b : [];
                var now = new Dictionary<string, object>();
                foreach (var person in connections.Where(c => StillFits(state, c)).GroupBy(c => c.Viewer.Key))
                {
                    var key = LiveRegions.PersonalKey(state, person.First().Viewer);
                    now[person.Key] = key;
                    if (before.TryGetValue(person.Key, out var had) && had.Equals(key)) continue;
                    if (await regions.RenderPersonalAsync(state, person.First().Viewer, connected) is not { } personal) continue;
                    await hub.Clients.Clients(person.Select(c => c.ConnectionId).ToList()).Patch(personal);
                }
                if (now.Count == 0) personalSent.TryRemove(meetingId, out _);
                else personalSent[meetingId] = now;
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

    /// <summary>
    /// Sends an audience's new render: to those who had the last one, only what changed since (the
    /// changed regions, or just the changed parts of a region, such as one category of the board);
    /// to those who joined since, all of it. A connection that joins while this is sent gets the
    /// part-patch without its base; its page notices (the numbers do not match) and asks again.
    /// </summary>
    async Task SendAsync(string meetingId, Audience audience, IReadOnlyList<Presence.Connection> members, Patch whole)
    {
        var seq = Interlocked.Increment(ref lastSeq);
        var group = Group(meetingId, audience);
        var cut = whole.Regions.ToDictionary(r => r.Id, r => RegionParts.Of(r.Html));
        var next = new Sent(seq, cut.ToDictionary(c => c.Key, c => c.Value.Print()), members);
        if (!sent.TryGetValue((meetingId, audience), out var before))
        {
            await hub.Clients.Group(group).Patch(whole with { Seq = seq });
        }
        else
        {
            var changes = new List<Region>();
            foreach (var region in whole.Regions)
            {
                changes.AddRange(before.Regions.TryGetValue(region.Id, out var old)
                    ? RegionParts.Changes(old, region, cut[region.Id], next.Regions[region.Id])
                    : [region]);
            }
            var newcomers = members.Where(c => !before.Members.Contains(c)).Select(c => c.ConnectionId).ToList();
            await hub.Clients.GroupExcept(group, newcomers).Patch(new Patch(whole.Version, changes) { Seq = seq, Since = before.Seq });
            if (newcomers.Count > 0) await hub.Clients.Clients(newcomers).Patch(whole with { Seq = seq });
        }
        sent[(meetingId, audience)] = next;
    }

    /// <summary>False for a participant whose standing has changed since they connected (admitted, declined, removed).</summary>
    static bool StillFits(MeetingBoard.Meetings.MeetingState state, Presence.Connection c) =>
        c.Viewer.Actor is not { Kind: MeetingBoard.Meetings.ActorKind.Participant } actor
        || (state.FindParticipant(actor.Id) is { } participant ? Viewers.AudienceOf(participant) : Audience.Excluded) == c.Viewer.Audience;
}
