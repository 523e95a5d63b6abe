using Microsoft.AspNetCore.SignalR;

namespace MeetingBoard.Web.Live;

/// <summary>
/// The live connection of every page of a meeting. Clients only ever ask to watch; every change
/// goes through the form endpoints. Watching is authorised for the meeting on each call.
/// </summary>
public sealed class MeetingHub(MeetingHosts hosts, Presence presence, LiveRegions regions, Broadcaster broadcaster) : Hub<IMeetingClient>
{
    /// <param name="page">What the page shows: "board", "lobby" or "screen". A page that no longer fits is sent to the right one.</param>
    public async Task Watch(string meetingId, long version, string page, string? screenKey)
    {
        if (await hosts.FindAsync(meetingId) is not { } host)
        {
            // Deleted while the page was open (or never existed): the page's own address says which.
            await Clients.Caller.Navigate($"/m/{meetingId}");
            return;
        }
        var state = await host.CatchUpAsync();
        var viewer = Viewers.Resolve(Context.GetHttpContext()!, state, screenKey);
        if (viewer is null or { Audience: Audience.Excluded })
            throw new HubException("You cannot view this meeting.");

        // One meeting per connection: a second Watch replaces the first.
        if (presence.Remove(Context.ConnectionId) is { } previous)
        {
            await Groups.RemoveFromGroupAsync(Context.ConnectionId, Broadcaster.Group(previous.MeetingId, previous.Viewer.Audience));
            broadcaster.PresenceChanged(previous.MeetingId);
        }

        if (PageFor(viewer.Audience) != page)
        {
            await Clients.Caller.Navigate($"/m/{meetingId}");
            return;
        }

        await broadcaster.CatchUpAsync(meetingId, async () =>
        {
            await Groups.AddToGroupAsync(Context.ConnectionId, Broadcaster.Group(meetingId, viewer.Audience));
            presence.Add(new Presence.Connection(Context.ConnectionId, meetingId, viewer, Context));
            var latest = await host.CatchUpAsync();
            if (viewer.CanSeeBoard && version != latest.Version)
            {
                var connected = presence.ConnectedKeys(meetingId);
                await Clients.Caller.Patch(await regions.RenderAsync(latest, viewer, connected));
                if (await regions.RenderPersonalAsync(latest, viewer, connected) is { } personal)
                    await Clients.Caller.Patch(personal);
            }
        });
        // The facilitator's list shows who is connected; its next render also sends this page everything (it is new).
        broadcaster.PresenceChanged(meetingId);
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (presence.Remove(Context.ConnectionId) is { } gone)
            broadcaster.PresenceChanged(gone.MeetingId);
        return Task.CompletedTask;
    }

    static string PageFor(Audience audience) => audience switch
    {
        Audience.RoomScreen => "screen",
        Audience.Lobby => "lobby",
        _ => "board",
    };
}
