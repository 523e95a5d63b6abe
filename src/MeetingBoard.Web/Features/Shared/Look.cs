namespace MeetingBoard.Web.Features.Shared;

/// <summary>
/// MudBlazor's own button classes, for the native buttons of static forms: they look like a
/// MudButton (colours from the theme's variables, which Page.razor's MudThemeProvider writes) and
/// still post without a circuit.
/// </summary>
public static class Look
{
    public const string Button = "mud-button-root mud-button mud-button-filled mud-button-filled-primary mud-button-filled-size-medium mud-elevation-0 mb-button";
    public const string SecondaryButton = "mud-button-root mud-button mud-button-outlined mud-button-outlined-primary mud-button-outlined-size-medium mb-button";
    public const string DangerButton = "mud-button-root mud-button mud-button-filled mud-button-filled-error mud-button-filled-size-medium mud-elevation-0 mb-button";
}
