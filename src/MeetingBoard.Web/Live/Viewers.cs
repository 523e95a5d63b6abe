using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using MeetingBoard.Meetings;

namespace MeetingBoard.Web.Live;

/// <summary>What a viewer of a meeting gets to see. Each audience gets its own render.</summary>
public enum Audience
{
    Facilitator,
    Participant,
    RoomScreen,
    /// <summary>Asked to join, not yet admitted: sees nothing of the meeting.</summary>
    Lobby,
    /// <summary>Declined or removed: sees nothing, and cannot come back without the facilitator.</summary>
    Excluded,
}

public sealed record Viewer(Audience Audience, Actor? Actor)
{
    public static readonly Viewer RoomScreen = new(Audience.RoomScreen, null);

    /// <summary>"f:…", "p:…" or "screen": used in presence and in <c>data-mb-viewer</c>.</summary>
    public string Key => Actor?.Key ?? "screen";

    public bool CanSeeBoard => Audience is Audience.Facilitator or Audience.Participant or Audience.RoomScreen;
}

/// <summary>Works out who is asking, for this meeting only. Pages, endpoints and the hub all use this.</summary>
public static class Viewers
{
    public const string FacilitatorScheme = "Facilitator";

    /// <summary>One per meeting this browser joined: "meetingId participantId.secret", from the participant cookies.</summary>
    public const string ParticipantClaim = "mb:participant";

    public static Viewer? Resolve(HttpContext http, MeetingState state, string? screenKey = null) =>
        Resolve(http.User, state, screenKey);

    /// <summary>
    /// Who this person is in this meeting, from what their browser proved when the request (or the
    /// circuit) started: the facilitator's sign-in, a participant cookie (see <see cref="ParticipantIdentity"/>),
    /// or the room screen's key. Decided again against each new state, so a removal takes effect at once.
    /// </summary>
    public static Viewer? Resolve(ClaimsPrincipal user, MeetingState state, string? screenKey = null)
    {
        if (screenKey is not null && FixedTimeEquals(screenKey, state.ScreenKey))
            return Viewer.RoomScreen;

        // The facilitator who started the meeting or a co-facilitator: both have full control.
        if (FacilitatorId(user) is { } accountId && state.IsFacilitator(Actor.Facilitator(accountId)))
            return new Viewer(Audience.Facilitator, Actor.Facilitator(accountId));

        if (ParticipantOf(user, state.Id) is { } cookie
            && state.FindParticipant(cookie.ParticipantId) is { } participant
            && FixedTimeEquals(cookie.SecretHash, participant.SecretHash))
            return new Viewer(AudienceOf(participant), Actor.Participant(participant.Id));

        return null;
    }

    sealed record CookieProof(string ParticipantId, string SecretHash);

    // A circuit keeps its user, and so its claims, for its life, and resolves them again at every change of its
    // meeting: each claim's secret is hashed once, not once per change per circuit (bench scenario A).
    static readonly ConditionalWeakTable<Claim, CookieProof?> proofs = new();

    static CookieProof? ParticipantOf(ClaimsPrincipal user, string meetingId)
    {
        foreach (var claim in user.FindAll(ParticipantClaim))
        {
            var space = claim.Value.IndexOf(' ');
            if (space <= 0 || !claim.Value.AsSpan(0, space).SequenceEqual(meetingId)) continue;
            return proofs.GetValue(claim, static c =>
                ParticipantCookie.Parse(c.Value[(c.Value.IndexOf(' ') + 1)..]) is var (id, secret) ? new CookieProof(id, ParticipantCookie.Hash(secret)) : null);
        }
        return null;
    }

    public static Audience AudienceOf(Participant participant) => participant.Status switch
    {
        ParticipantStatus.Admitted => Audience.Participant,
        ParticipantStatus.Waiting => Audience.Lobby,
        _ => Audience.Excluded,
    };

    public static string? FacilitatorId(ClaimsPrincipal user) =>
        user.Identity is { IsAuthenticated: true, AuthenticationType: FacilitatorScheme }
            ? user.FindFirstValue(ClaimTypes.NameIdentifier)
            : null;

    static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(a.AsSpan()), MemoryMarshal.AsBytes(b.AsSpan()));
}

/// <summary>
/// A participant's proof of who they are, bound to one meeting: "participantId.secret" in a cookie
/// named for the meeting. Only the secret's hash is stored in the meeting's events.
/// </summary>
public static class ParticipantCookie
{
    public static string Name(HttpContext http, string meetingId) =>
        http.RequestServices.GetRequiredService<CookieSecurity>().Participant(meetingId);

    public static (string ParticipantId, string Secret) New() =>
        (Guid.NewGuid().ToString("N"), Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static void Set(HttpContext http, string meetingId, string participantId, string secret) =>
        http.Response.Cookies.Append(Name(http, meetingId), $"{participantId}.{secret}", new CookieOptions
        {
            HttpOnly = true,
            Secure = http.Request.IsHttps, // made Secure on http too by the cookie policy, unless plain http is allowed
            SameSite = SameSiteMode.Strict,
            Path = "/",
            IsEssential = true,
            MaxAge = TimeSpan.FromHours(24),
        });

    public static (string ParticipantId, string Secret)? Read(HttpContext http, string meetingId) =>
        http.Request.Cookies.TryGetValue(Name(http, meetingId), out var value) && value is not null ? Parse(value) : null;

    public static (string ParticipantId, string Secret)? Parse(string value)
    {
        var dot = value.IndexOf('.');
        if (dot <= 0 || dot == value.Length - 1) return null;
        return (value[..dot], value[(dot + 1)..]);
    }
}

/// <summary>
/// Adds the participant cookies of the request to its user, as one identity with a claim per meeting.
/// A circuit keeps the user of the request that opened it, so this is how a participant's circuit
/// knows who they are (cookies cannot be read from a circuit). The secret stays on the server.
/// </summary>
public static class ParticipantIdentity
{
    public static IApplicationBuilder UseParticipantIdentity(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        var prefix = http.RequestServices.GetRequiredService<CookieSecurity>().Participant("");
        List<Claim>? claims = null;
        foreach (var (name, value) in http.Request.Cookies)
        {
            if (!name.StartsWith(prefix, StringComparison.Ordinal)) continue;
            var meetingId = name[prefix.Length..];
            if (!MeetingHosts.IsWellFormedId(meetingId) || ParticipantCookie.Parse(value) is null) continue;
            (claims ??= []).Add(new Claim(Viewers.ParticipantClaim, $"{meetingId} {value}"));
        }
        // Not an authenticated identity: a participant cookie proves a place in one meeting, never a
        // sign-in, so nothing that asks "is someone signed in?" may count it.
        if (claims is not null) http.User.AddIdentity(new ClaimsIdentity(claims));
        await next();
    });
}
