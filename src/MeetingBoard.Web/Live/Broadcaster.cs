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

    public static string Group(string meetingId, Audience audience) => $"{meetingId}:{audience}";

    public Task OnChangedAsync(MeetingChanged notice)
    {
        if (presence.HasViewers(notice.MeetingId)) Schedule(notice.MeetingId, Everyone);
        return Task.CompletedTask;
    }

    /// <summary>Someone connected or left: only the facilitator's view shows that.</summary>
    public void PresenceChanged(string meetingId) => Schedule(meetingId, FacilitatorOnly);

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
            var connections = presence.In(meetingId);
            var connected = connections.Select(c => c.Viewer.Key).ToHashSet();

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
