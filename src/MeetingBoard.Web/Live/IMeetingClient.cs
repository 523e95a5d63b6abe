namespace MeetingBoard.Web.Live;

/// <summary>One rendered region of a page: the new outerHTML of the element with this id.</summary>
public sealed record Region(string Id, string Html);

/// <summary>
/// The page regions of one audience at <see cref="Version"/>. Presence-only updates repeat the version.
/// </summary>
/// <remarks>
/// Patches the broadcaster sends carry <see cref="Seq"/>, a number unique on this node. A patch with
/// <see cref="Since"/> holds only what changed since the patch numbered <see cref="Since"/>: a page whose
/// last such patch was a different one has missed something and asks for the whole page again
/// (Client/main.ts). Patches without <see cref="Since"/> are whole.
/// </remarks>
public sealed record Patch(long Version, IReadOnlyList<Region> Regions)
{
    public long? Seq { get; init; }
    public long? Since { get; init; }
}

/// <summary>The wire contract with the browser client (Client/main.ts).</summary>
public interface IMeetingClient
{
    Task Patch(Patch patch);

    /// <summary>Sends the page elsewhere: admitted from the lobby, removed, or the meeting is gone.</summary>
    Task Navigate(string url);
}
