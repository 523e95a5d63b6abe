using MudBlazor;

namespace MeetingBoard.Web.Features.Shared;

/// <summary>
/// A small status label drawn as MudBlazor draws a small filled chip, as plain markup: a <c>MudChip</c> is a
/// component with its own parameter state in every circuit, for a label that never takes a press (bench
/// scenario M). Write it as <c>&lt;span class="@Chip.Class(…)"&gt;&lt;span class="mud-chip-content"&gt;words&lt;/span&gt;&lt;/span&gt;</c>.
/// </summary>
public static class Chip
{
    public static string Class(Color color, string more) =>
        $"mud-chip mud-chip-filled mud-chip-size-small mud-chip-color-{color.ToString().ToLowerInvariant()} mb-tag {more}";
}
