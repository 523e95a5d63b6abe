namespace MeetingBoard.Web.Live;

/// <summary>One rendered region of a page: the new outerHTML of the element with this id.</summary>
public sealed record Region(string Id, string Html);

/// <summary>The page regions of one audience at <see cref="Version"/>. Presence-only updates repeat the version.</summary>
public sealed record Patch(long Version, IReadOnlyList<Region> Regions);

/// <summary>The wire contract with the browser client (Client/main.ts).</summary>
public interface IMeetingClient
{
    Task Patch(Patch patch);

    /// <summary>Sends the page elsewhere: admitted from the lobby, removed, or the meeting is gone.</summary>
    Task Navigate(string url);
}
