using System.Security.Claims;
using MeetingBoard.Meetings;
using MeetingBoard.Web.Features.Accounts;
using MeetingBoard.Web.Storage;
using Microsoft.AspNetCore.Components.Authorization;

namespace MeetingBoard.Web.Live;

/// <summary>Where a person stands with the meeting their page shows.</summary>
public enum Standing
{
    Loading,
    /// <summary>No such meeting (or a malformed link).</summary>
    NotFound,
    /// <summary>Deleted: only its tombstone is left (<see cref="MeetingSession.DeletedAt"/>).</summary>
    Deleted,
    /// <summary>Nobody this meeting knows: not its facilitator, not a participant, no room-screen key.</summary>
    Stranger,
    /// <summary>A facilitator whose sign-in ended while the page was open.</summary>
    SignedOut,
    Lobby,
    Declined,
    Removed,
    /// <summary>Sees the board: a facilitator, an admitted participant or the room screen.</summary>
    Viewing,
    /// <summary>The database did not answer when the page opened.</summary>
    Unavailable,
}

/// <summary>
/// One circuit's hold on one meeting: who its person is there (decided again at every change, so a
/// removal or an ended sign-in takes effect at once), their view of the meeting, and the one entry
/// point for their commands. Scoped to the circuit.
/// </summary>
public sealed class MeetingSession(
    MeetingHosts hosts,
    MeetingFeed feed,
    Presence presence,
    MeetingClock clock,
    TimeProvider time,
    IEventStore store,
    ISessionStore sessions,
    AuthenticationStateProvider authentication,
    MeetingBoardMetrics metrics,
    ILogger<MeetingSession> log) : MeetingFeed.IWatcher, IDisposable
{
    static readonly Refusal Unsaved = new("", StoreUnavailable.Message + " What you typed is still here.", RefusalKind.Conflict);
    static readonly Refusal Busy = new("", StoreUnavailable.BusyMessage, RefusalKind.Conflict);
    static readonly Refusal NotAllowed = new("", "You cannot change this meeting. If you were in it, the facilitator may have removed you.", RefusalKind.Forbidden);

    readonly string connectionId = Guid.NewGuid().ToString("N");
    ClaimsPrincipal user = new();
    string? screenKey;
    IDisposable? watching;
    bool live, connected = true, registered;
    MeetingState raw = MeetingState.Empty;
    Viewer? viewer;

    public string MeetingId { get; private set; } = "";
    public Standing Standing { get; private set; } = Standing.Loading;
    public DateTimeOffset? DeletedAt { get; private set; }
    /// <summary>Set while <see cref="Standing"/> is <see cref="Standing.Viewing"/>.</summary>
    public MeetingView? View { get; private set; }
    /// <summary>The person themself while in the lobby, declined or removed (their own name and role only).</summary>
    public Participant? Me { get; private set; }
    /// <summary>The meeting's title, for a lobby page; nothing else of a meeting they are not in.</summary>
    public string Title { get; private set; } = "";
    public string FacilitatorName { get; private set; } = "";

    /// <summary>The view the page opened with: what the screen-reader announcer compares the first change against.</summary>
    public MeetingView? OpenedWith { get; private set; }

    /// <summary>Items this page added: the announcer does not read a person's own items back to them.</summary>
    public IReadOnlySet<string> Mine => mine;
    readonly HashSet<string> mine = [];

    /// <summary>Raised after the view changed, on the page's dispatcher; each part re-renders.</summary>
    public event Func<Task>? Changed;

    // The page's dispatcher (its InvokeAsync). A change is taken in and told to every part of the page in one
    // turn on it: the view, the standing and the person never change while the page renders, and each part's
    // own InvokeAsync then runs inline.
    Func<Func<Task>, Task> onPage = work => work();

    /// <summary>
    /// Opens the meeting for this page. <paramref name="live"/> is false while prerendering: then it is
    /// read once and nothing is watched. <paramref name="onPage"/> is the page's own dispatcher (its
    /// <c>InvokeAsync</c>), on which every change is taken in and told.
    /// </summary>
    public async Task OpenAsync(string meetingId, string? screenKey, bool live, Func<Func<Task>, Task> onPage)
    {
        this.onPage = onPage;
        MeetingId = meetingId;
        this.screenKey = screenKey;
        this.live = live;
        user = (await authentication.GetAuthenticationStateAsync()).User;
        if (live) authentication.AuthenticationStateChanged += OnAuthenticationChanged;

        MeetingState state;
        try
        {
            if (await hosts.FindAsync(meetingId) is not { } host)
            {
                DeletedAt = MeetingHosts.IsWellFormedId(meetingId) ? await store.FindDeletedAsync(meetingId) : null;
                Standing = DeletedAt is null ? Standing.NotFound : Standing.Deleted;
                return;
            }
            state = await host.CatchUpAsync();
        }
        catch (Exception e) when (StoreUnavailable.IsStoreFailure(e))
        {
            metrics.StoreError("page");
            log.LogWarning("Meeting {MeetingId}: the store did not answer when a page opened ({Error})", meetingId, e.GetType().Name);
            Standing = Standing.Unavailable;
            return;
        }
        if (live) watching = feed.Watch(meetingId, this);
        Derive(state, presence.ConnectedKeys(meetingId));
        OpenedWith = View;
        if (live && viewer is not null) Register();
    }

    /// <summary>
    /// Runs a command as this person, in this meeting. Returns null when it was carried out (or had
    /// been already: <paramref name="commandId"/> makes a double submit harmless), else why not, in words
    /// for the person. Authorised here on the latest state, and again by the decision itself.
    /// </summary>
    public async Task<Refusal?> RunAsync(Func<Actor, DateTimeOffset, MeetingCommand> command, string? commandId = null)
    {
        try
        {
            if (await hosts.FindAsync(MeetingId) is not { } host)
                return new Refusal("", "This meeting could not be found. It may have been deleted.", RefusalKind.NotFound);
            var current = Viewers.Resolve(user, host.State, screenKey);
            if (current is not { Audience: Audience.Facilitator or Audience.Participant, Actor: { } actor }) return NotAllowed;
            var now = time.GetUtcNow();
            var built = command(actor, now);
            if (built is AddItem add) mine.Add(add.ItemId);
            var outcome = await host.ExecuteAsync(built, commandId);
            if (actor.IsFacilitator) await FacilitatorAuthentication.KeepAliveAsync(sessions, user, now);
            // The change reaches this page through the feed, as everyone else's does.
            return outcome.Refusal;
        }
        catch (ConcurrencyConflictException)
        {
            return Busy;
        }
        catch (Exception e) when (StoreUnavailable.IsStoreFailure(e))
        {
            // Nothing was applied: a host changes its state only after the append commits.
            log.LogWarning("Meeting {MeetingId}: a command could not be stored ({Error})", MeetingId, e.GetType().Name);
            return Unsaved;
        }
    }

    /// <summary>The person's browser dropped: stop rendering for it until it is back (the circuit may never resume).</summary>
    public void ConnectionDown()
    {
        connected = false;
        Unregister();
    }

    /// <summary>Back: render what changed meanwhile, once.</summary>
    public async Task ConnectionUpAsync()
    {
        connected = true;
        if (!live || watching is null) return;
        var state = await hosts.FindAsync(MeetingId) is { } host ? await host.CatchUpAsync() : null;
        await onPage(() =>
        {
            if (state is not null)
            {
                Derive(state, presence.ConnectedKeys(MeetingId));
                if (viewer is not null) Register();
            }
            return RaiseAsync();
        });
    }

    /// <summary>The facilitator's server-side session this page runs under; null for anyone else.</summary>
    public string? FacilitatorSessionId => Viewers.FacilitatorId(user) is null ? null : FacilitatorAuthentication.CurrentSessionId(user);

    /// <summary>"Stay signed in": the facilitator is here, though they have not pressed anything for a while.</summary>
    public Task StaySignedInAsync() => FacilitatorAuthentication.KeepAliveAsync(sessions, user, time.GetUtcNow());

    Task MeetingFeed.IWatcher.ChangedAsync(MeetingState state, IReadOnlySet<string> connectedKeys) => onPage(() =>
    {
        if (!connected) return Task.CompletedTask;
        var before = viewer;
        Derive(state, connectedKeys);
        if (before is not null && viewer is null) Unregister();
        return RaiseAsync();
    });

    async Task MeetingFeed.IWatcher.GoneAsync()
    {
        var deletedAt = await store.FindDeletedAsync(MeetingId) ?? time.GetUtcNow();
        await onPage(() =>
        {
            DeletedAt = deletedAt;
            Standing = Standing.Deleted;
            View = null;
            Stop();
            return RaiseAsync();
        });
    }

    void Derive(MeetingState state, IReadOnlySet<string> connectedKeys)
    {
        raw = state;
        Title = state.Title;
        FacilitatorName = state.FacilitatorName;
        var was = viewer;
        viewer = Viewers.Resolve(user, state, screenKey);
        Me = viewer?.Actor is { Kind: ActorKind.Participant } p ? state.FindParticipant(p.Id) : null;
        Standing = viewer?.Audience switch
        {
            Audience.Facilitator or Audience.Participant or Audience.RoomScreen => Standing.Viewing,
            Audience.Lobby => Standing.Lobby,
            Audience.Excluded => Me?.Status == ParticipantStatus.Declined ? Standing.Declined : Standing.Removed,
            _ => was?.Audience == Audience.Facilitator || Viewers.FacilitatorId(user) is null && was is not null ? Standing.SignedOut : Standing.Stranger,
        };
        View = Standing == Standing.Viewing
            ? new MeetingView(AudienceViews.For(state, viewer!.Audience), viewer, connectedKeys, clock) { MyScore = AudienceViews.MyScore(state, viewer) }
            : null;
        // Removed means removed: nothing more of this meeting reaches this circuit.
        if (Standing is Standing.Removed or Standing.Declined or Standing.SignedOut) Stop();
        if (viewer is not null && was is not null && viewer.Audience != was.Audience && registered)
        {
            Unregister();
            Register();
        }
    }

    void Register()
    {
        if (registered || viewer is null || !connected) return;
        registered = true;
        presence.Add(new Presence.Connection(connectionId, MeetingId, viewer, FacilitatorAuthentication.CurrentSessionId(user), EndAccess));
        feed.PresenceChanged(MeetingId);
        _ = presence.AnnounceAsync(MeetingId);
    }

    void Unregister()
    {
        if (!registered) return;
        registered = false;
        presence.Remove(connectionId);
        feed.PresenceChanged(MeetingId);
        _ = presence.AnnounceAsync(MeetingId);
    }

    void Stop()
    {
        watching?.Dispose();
        watching = null;
        Unregister();
    }

    /// <summary>The facilitator's session was ended (signed out elsewhere, or ended from "Where you are signed in").</summary>
    void EndAccess() => _ = onPage(() =>
    {
        user = new ClaimsPrincipal(user.Identities.Where(i => i.AuthenticationType != Viewers.FacilitatorScheme));
        Derive(raw, presence.ConnectedKeys(MeetingId));
        return RaiseAsync();
    });

    async void OnAuthenticationChanged(Task<AuthenticationState> task)
    {
        try
        {
            var state = await task;
            // Revalidation found the sign-in ended or expired: keep whatever else this browser proved.
            if (state.User.Identity?.IsAuthenticated != true && Viewers.FacilitatorId(user) is not null) EndAccess();
        }
        catch (Exception e)
        {
            log.LogDebug(e, "Reading the new authentication state failed");
        }
    }

    Task RaiseAsync() => Changed?.Invoke() ?? Task.CompletedTask;

    public void Dispose()
    {
        authentication.AuthenticationStateChanged -= OnAuthenticationChanged;
        Stop();
    }
}
