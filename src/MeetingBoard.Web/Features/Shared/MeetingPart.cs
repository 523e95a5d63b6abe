using System.Runtime.CompilerServices;
using MeetingBoard.Meetings;
using MeetingBoard.Web.Live;
using Microsoft.AspNetCore.Components;

namespace MeetingBoard.Web.Features.Shared;

/// <summary>
/// A part of the meeting page that shows no board item and not who is connected: the stages, the
/// scaling, the case, the practice parts. The page renders again at every change of the meeting,
/// in every circuit; most changes are items added or changed, and such a part then renders again
/// only when something it shows changed, so a new item re-renders the board, not the whole page
/// (bench scenario A). Its own events (a button, a form) render it as any component.
/// </summary>
public abstract class MeetingPart : ComponentBase
{
    [Parameter, EditorRequired] public MeetingView View { get; set; } = default!;

    bool skipOnce;

    /// <summary>
    /// Anything this part shows of the items (compared with <see cref="object.Equals(object, object)"/>):
    /// the stage controls show the item in the spotlight. Nothing by default.
    /// </summary>
    protected virtual object? ItemsShown(MeetingView view) => null;

    /// <summary>
    /// Whether this part (or anything inside it) shows the scaling rounds or the person's own score. A part
    /// that does not is not rendered again while people score: each score is a change of the meeting.
    /// </summary>
    protected virtual bool ShowsScaling => true;

    /// <summary>Whether the other parameters given are the ones this part has (a part with none: true).</summary>
    protected virtual bool SameOtherParameters(ParameterView parameters) => CountOf(parameters) == 1;

    protected static int CountOf(ParameterView parameters)
    {
        var count = 0;
        foreach (var _ in parameters) count++;
        return count;
    }

    public override Task SetParametersAsync(ParameterView parameters)
    {
        skipOnce = View is { } before
            && parameters.TryGetValue<MeetingView>(nameof(View), out var after) && after is not null
            && SameOtherParameters(parameters)
            && SameApartFromItems(before, after, ShowsScaling)
            && Equals(ItemsShown(before), ItemsShown(after));
        return base.SetParametersAsync(parameters);
    }

    /// <summary>
    /// A newer view that differs from this part's own only in its items (<see cref="SameApartFromItems"/>), given
    /// by the page without rendering the parts around it: this part renders again only if what it shows of the
    /// items changed, as it would had the page rendered.
    /// </summary>
    public void TakeItems(MeetingView view)
    {
        var changed = !Equals(ItemsShown(View), ItemsShown(view));
        View = view;
        if (!changed) return;
        skipOnce = false;
        StateHasChanged();
    }

    protected override bool ShouldRender()
    {
        if (!skipOnce) return true;
        skipOnce = false;
        return false;
    }

    /// <summary>
    /// The same person and clock, and the same meeting but for its items and version (and, for a part that does
    /// not show them, the scaling rounds and the person's own score). Every part of a meeting's state is
    /// immutable and an audience's view keeps the parts that did not change (AudienceViews), so what did not
    /// change is the same object, and a record compares them field by field.
    /// </summary>
    public static bool SameApartFromItems(MeetingView a, MeetingView b, bool showsScaling = true) =>
        a.Viewer == b.Viewer && ReferenceEquals(a.Clock, b.Clock) && (!showsScaling || a.MyScore == b.MyScore)
        && SameStateApartFromItems(a.State, b.State, showsScaling);

    /// <summary>What one comparison of two versions found.</summary>
    sealed record Compared(bool Same, bool SameApartFromScaling);

    // Every circuit of an audience compares the same two versions, in every part: compared once, not once per
    // part per circuit (each comparison copies both states). Kept by the later version, then by the earlier
    // one, both weakly: a part inside a category that skipped its render compares from an older version than
    // the rest, and a single remembered pair was replaced back and forth under a lock (bench A's profile).
    static readonly ConditionalWeakTable<MeetingState, ConditionalWeakTable<MeetingState, Compared>> compared = new();

    static bool SameStateApartFromItems(MeetingState a, MeetingState b, bool showsScaling)
    {
        if (ReferenceEquals(a, b)) return true;
        var from = compared.GetValue(b, static _ => new());
        if (!from.TryGetValue(a, out var known))
        {
            var apartFromScaling = Shown(a, false) == Shown(b, false);
            known = new Compared(apartFromScaling && Equals(a.Scaling, b.Scaling), apartFromScaling);
            from.TryAdd(a, known);
        }
        return showsScaling ? known.Same : known.SameApartFromScaling;
    }

    static MeetingState Shown(MeetingState state, bool showsScaling) =>
        state with
        {
            Version = 0, Items = [], RemovedItemIds = [], FamilysWordsItemIds = [],
            Scaling = showsScaling ? state.Scaling : MeetingBoard.Scaling.ScalingState.Empty,
        };
}
