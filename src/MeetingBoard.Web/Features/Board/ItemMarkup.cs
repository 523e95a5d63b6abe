using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Encodings.Web;
using MeetingBoard.Board;
using MeetingBoard.Meetings;
using MeetingBoard.Web.Features.Cases;
using MeetingBoard.Web.Live;
using Microsoft.AspNetCore.Components;

namespace MeetingBoard.Web.Features.Board;

/// <summary>
/// An item on the board as one piece of markup made once and shared by every circuit that shows it the
/// same way: on its own for a viewer who cannot change it, inside an <see cref="ItemCard"/> (with the
/// Change controls) for one who can. A component per item cost each participant's circuit two render
/// trees per item, and every change of the board diffed each item's frames in every circuit; a shared
/// string is one frame, compared by reference (bench scenarios M and A). Every text in it is HTML-encoded.
/// </summary>
public static class ItemMarkup
{
    /// <summary>The list item's class, id and contents.</summary>
    public sealed record Parts(string Class, string Id, MarkupString Inner);

    /// <summary>Everything the markup shows: a new string is made only when one of these changes.</summary>
    readonly record struct Key(BoardItem Item, bool Spotlight, string Author, bool AnonymousToOthers, bool FamilysWords, string? CarriedFrom, TimeZoneInfo Zone);

    sealed record Cached(Key Key, Parts Parts);

    // Weak on the item: an item changed, moved or removed is a new record or none, and its markup goes with it.
    static readonly ConditionalWeakTable<BoardItem, Cached> cache = new();

    public static Parts For(MeetingView view, BoardItem item)
    {
        var state = view.State;
        var (author, anonymousToOthers) = Facilitation.ItemAuthor.Shown(view, item);
        var key = new Key(item,
            state.Facilitation.SpotlightItemId == item.Id,
            author,
            anonymousToOthers,
            FamilysWords.Of(state, item),
            CarriedFrom.Label(state, item.Id, view.Clock),
            view.Clock.Zone);
        if (cache.TryGetValue(item, out var cached) && cached.Key == key) return cached.Parts;
        var parts = Make(key, view.Clock);
        cache.AddOrUpdate(item, new Cached(key, parts));
        return parts;
    }

    static Parts Make(Key key, MeetingClock clock)
    {
        var item = key.Item;
        var html = new StringBuilder(256);
        if (key.CarriedFrom is { } from)
            html.Append("<span class=\"mb-carried\">").Append(Encode(from)).Append("</span>");
        html.Append("<p class=\"mb-item__text\">").Append(Encode(item.Text)).Append("</p>");
        html.Append("<p class=\"mb-item__meta\">");
        html.Append("<span class=\"mb-item__author\">").Append(Encode(key.Author)).Append("</span>");
        if (key.AnonymousToOthers)
            html.Append("<span class=\"mb-item__anonymous\"> · anonymous to others</span>");
        html.Append(" · <time datetime=\"").Append(Encode(item.AddedAt.ToString("O"))).Append("\">")
            .Append(Encode(clock.Time(item.AddedAt))).Append("</time>");
        if (item.EditedAt is not null)
            html.Append("<span> · edited</span>");
        if (key.FamilysWords)
            html.Append(" <span class=\"mb-familys-words\">").Append(Encode(FamilysWords.Label)).Append("</span>");
        html.Append("</p>");
        return new Parts(key.Spotlight ? "mb-item mb-item--spotlight" : "mb-item", "item-" + item.Id, new MarkupString(html.ToString()));
    }

    static string Encode(string text) => HtmlEncoder.Default.Encode(text);
}
