using Microsoft.AspNetCore.Components;

namespace MeetingBoard.Web.Features.Shared;

/// <summary>A &lt;details&gt; element opened or closed, with the state it is now in (not a guess from counting toggles: the browser coalesces them).</summary>
public sealed class DetailsToggleEventArgs : EventArgs
{
    public bool Open { get; set; }
}

[EventHandler("ondetailstoggle", typeof(DetailsToggleEventArgs), enableStopPropagation: true, enablePreventDefault: true)]
public static class EventHandlers;
