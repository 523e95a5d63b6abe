using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace MeetingBoard.Web.Live;

/// <summary>
/// A region's markup cut into its parts (elements marked <c>data-mb-part</c>, each with an id, such
/// as one category of the board) and the rest. When only parts changed, a patch can carry just
/// those parts instead of the whole region: adding an item to one category then sends that
/// category, not the whole board.
/// </summary>
/// <remarks>
/// The markup comes from our own components through <see cref="Microsoft.AspNetCore.Components.Web.HtmlRenderer"/>,
/// which closes every element it opens and encodes '&lt;' and '&gt;' in text and attribute values,
/// so counting the part's own tag name is enough to find where it ends.
/// <para>Parts are kept as places in the markup, not copies: most are unchanged and never sent, and a
/// facilitator's page of 300 people is most of a megabyte, so copying every part on every render was
/// as much garbage again as the render itself.</para>
/// </remarks>
public sealed class RegionParts
{
    const string Marker = " data-mb-part";

    readonly string html;
    readonly (string Id, int Start, int End)[] places;

    RegionParts(string html, string skeleton, (string Id, int Start, int End)[] places)
    {
        this.html = html;
        this.places = places;
        Skeleton = skeleton;
    }

    /// <summary>The region with a marker ("\0id\0") where each part was; the markup itself when it has no parts.</summary>
    public string Skeleton { get; }

    public int Count => places.Length;

    /// <summary>The part at <paramref name="index"/>, in the order the parts appear.</summary>
    public Region Part(int index) => new(places[index].Id, html[places[index].Start..places[index].End]);

    public IReadOnlyList<Region> Parts => [.. Enumerable.Range(0, Count).Select(Part)];

    public static RegionParts Of(string html)
    {
        List<(string, int, int)>? places = null;
        StringBuilder? skeleton = null;
        int copied = 0, at = 0;
        while ((at = html.IndexOf(Marker, at, StringComparison.Ordinal)) >= 0)
        {
            var start = html.LastIndexOf('<', at);
            var tagEnd = html.IndexOf('>', at);
            var nameEnd = start + 1;
            while (nameEnd < html.Length && char.IsAsciiLetterOrDigit(html[nameEnd])) nameEnd++;
            var tag = html[(start + 1)..nameEnd];
            var id = IdIn(html, start, tagEnd);
            var end = tag.Length == 0 || id is null ? -1 : EndOf(html, tag, tagEnd + 1);
            if (end < 0)
            {
                at += Marker.Length; // not a part we can cut out: it stays in the skeleton
                continue;
            }
            skeleton ??= new StringBuilder(html.Length / 4);
            skeleton.Append(html, copied, start - copied).Append('\0').Append(id).Append('\0');
            (places ??= []).Add((id!, start, end));
            copied = at = end;
        }
        if (skeleton is null) return new RegionParts(html, html, []);
        skeleton.Append(html, copied, html.Length - copied);
        return new RegionParts(html, skeleton.ToString(), [.. places!]);
    }

    static string? IdIn(string html, int start, int tagEnd)
    {
        var at = html.IndexOf(" id=\"", start, tagEnd - start, StringComparison.Ordinal);
        if (at < 0) return null;
        var close = html.IndexOf('"', at + 5, tagEnd - at - 5);
        return close < 0 ? null : html[(at + 5)..close];
    }

    /// <summary>The index just past the element's closing tag, counting nested elements of the same name; -1 if it never closes.</summary>
    static int EndOf(string html, string tag, int from)
    {
        var open = "<" + tag;
        var close = "</" + tag + ">";
        var depth = 1;
        var at = from;
        while (depth > 0)
        {
            var nextClose = html.IndexOf(close, at, StringComparison.Ordinal);
            if (nextClose < 0) return -1;
            var nextOpen = html.IndexOf(open, at, nextClose - at, StringComparison.Ordinal);
            if (nextOpen >= 0)
            {
                var after = nextOpen + open.Length < html.Length ? html[nextOpen + open.Length] : '\0';
                if (after is ' ' or '>' or '/' or '\t' or '\n' or '\r') depth++;
                at = nextOpen + open.Length;
                continue;
            }
            depth--;
            at = nextClose + close.Length;
        }
        return at;
    }

    /// <summary>The fingerprints of this cut: what the broadcaster keeps of a region it sent.</summary>
    public RegionPrint Print() =>
        new(Fingerprint.Of(Skeleton), [.. places.Select(p => Fingerprint.Of(html.AsSpan(p.Start, p.End - p.Start)))]);

    /// <summary>
    /// What a viewer who was sent a region with the fingerprints <paramref name="before"/> needs to get
    /// to <paramref name="after"/>: nothing if it is the same, the changed parts if only parts changed,
    /// otherwise the whole region.
    /// </summary>
    public static IEnumerable<Region> Changes(RegionPrint before, Region after, RegionParts afterParts, RegionPrint afterPrint)
    {
        // Equal skeletons hold the same part ids in the same order; a region without parts is its skeleton.
        if (before.Skeleton == afterPrint.Skeleton && before.Parts.Length == afterPrint.Parts.Length)
        {
            for (var i = 0; i < afterPrint.Parts.Length; i++)
                if (before.Parts[i] != afterPrint.Parts[i]) yield return afterParts.Part(i);
            yield break;
        }
        yield return after;
    }
}

/// <summary>
/// A region as fingerprints of its skeleton and of each part: enough to tell which parts changed,
/// at 16 bytes a piece instead of the markup. The broadcaster keeps one per region, meeting and
/// audience; keeping the markup itself was a third of the heap at 4,000 participants (docs/benchmarks.md).
/// </summary>
public sealed record RegionPrint(Fingerprint Skeleton, ImmutableArray<Fingerprint> Parts);

/// <summary>
/// 128 bits of the SHA-256 of some text. Two different texts with the same fingerprint would leave a
/// page without one change until the next; at 128 bits that is not a practical concern, and the
/// processor hashes faster than the renderer writes markup.
/// </summary>
public readonly record struct Fingerprint(ulong High, ulong Low)
{
    public static Fingerprint Of(ReadOnlySpan<char> text)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(MemoryMarshal.AsBytes(text), hash);
        return new(BinaryPrimitives.ReadUInt64LittleEndian(hash), BinaryPrimitives.ReadUInt64LittleEndian(hash[8..]));
    }
}
