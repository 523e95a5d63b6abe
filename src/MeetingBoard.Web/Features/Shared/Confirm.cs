using MudBlazor;

namespace MeetingBoard.Web.Features.Shared;

/// <summary>
/// Asking before something that cannot be undone (remove, close, delete), in a MudBlazor dialog that
/// Escape closes. MudBlazor leaves focus on the page's body afterwards; callers put it back on the
/// button that asked, so a keyboard user carries on from where they were.
/// </summary>
public static class Confirm
{
    public static async Task<bool> AskAsync(this IDialogService dialogs, string title, string message, string yes)
    {
        var answer = await dialogs.ShowMessageBoxAsync(new MessageBoxOptions
        {
            Title = title,
            Message = message,
            YesText = yes,
            CancelText = "Cancel",
        }, new DialogOptions { CloseOnEscapeKey = true, BackdropClick = true, CloseButton = false });
        return answer == true;
    }
}
