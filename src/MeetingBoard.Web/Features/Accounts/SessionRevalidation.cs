using System.Globalization;
using System.Security.Claims;
using MeetingBoard.Web.Live;
using MeetingBoard.Web.Storage;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace MeetingBoard.Web.Features.Accounts;

/// <summary>
/// A circuit keeps the sign-in it started with; this checks it against the server-side session every
/// half minute, so a session that was ended elsewhere, signed out or ran past its idle or absolute
/// limit, or whose provider account was disabled, stops giving the circuit access (its page then says so). Participants and room screens have
/// no session to check.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory logs, IServiceScopeFactory scopes, TimeProvider time, MeetingBoardOptions options)
    : RevalidatingServerAuthenticationStateProvider(logs)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromSeconds(options.SessionRevalidationSeconds);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        var user = state.User;
        if (Viewers.FacilitatorId(user) is not { } accountId) return true;
        if (FacilitatorAuthentication.CurrentSessionId(user) is not { } sessionId) return false;
        using var scope = scopes.CreateScope();
        var sessions = scope.ServiceProvider.GetRequiredService<ISessionStore>();
        var session = await sessions.FindAsync(sessionId, ct);
        var now = time.GetUtcNow();
        if (session is null || !FacilitatorAuthentication.IsLive(session, accountId, SignedInAt(user), now)) return false;
        // A session from an organisation's provider also ends when the provider refuses the account (disabled, deleted).
        if (await scope.ServiceProvider.GetRequiredService<ProviderAccounts>().StillAllowedAsync(sessions, sessionId, ct)) return true;
        await sessions.EndAsync(session.FacilitatorId, session.Id, now, ct);
        FacilitatorAuthentication.EndLiveConnections(scope.ServiceProvider, session.Id);
        return false;
    }

    static DateTimeOffset? SignedInAt(ClaimsPrincipal user) =>
        long.TryParse(user.FindFirst(FacilitatorAuthentication.SignedInAtClaim)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s)
            ? DateTimeOffset.FromUnixTimeSeconds(s)
            : null;
}
