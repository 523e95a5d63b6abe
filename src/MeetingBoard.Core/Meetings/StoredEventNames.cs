using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace MeetingBoard.Meetings;

/// <summary>One stored event's name: what the store's <c>type</c> column and the JSON <c>$type</c> hold.</summary>
public readonly record struct StoredEventName(Type Type, string Name);

/// <summary>A feature's own list of its events' stored names, one file in its folder (found by <see cref="StoredEventNames"/>).</summary>
public interface IStoredEventNames
{
    IEnumerable<StoredEventName> Names { get; }
}

/// <summary>
/// Every stored event's name, gathered from each feature's <see cref="IStoredEventNames"/>. Stored rows,
/// the purge's query and the JSON discriminator all use these names, so renaming a class cannot strand
/// existing rows (a renamed <c>MeetingClosed</c> would otherwise silently stop closed meetings being purged).
/// </summary>
public static partial class StoredEventNames
{
    static readonly StoredEventName[] all = Gather();
    static readonly Dictionary<Type, string> byType = all.ToDictionary(n => n.Type, n => n.Name);

    public static IReadOnlyList<StoredEventName> All => all;

    public static string Of(IMeetingEvent e) =>
        byType.TryGetValue(e.GetType(), out var name) ? name : throw new InvalidOperationException($"{e.GetType().Name} has no stored name");

    public static string Of<T>() where T : IMeetingEvent => byType[typeof(T)];

    /// <summary>How events are written as JSON: <c>$type</c> first, named from this registry.</summary>
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.General)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { DescribeEvents } },
    };

    static void DescribeEvents(JsonTypeInfo info)
    {
        if (info.Type != typeof(IMeetingEvent)) return;
        info.PolymorphismOptions = new JsonPolymorphismOptions { TypeDiscriminatorPropertyName = "$type" };
        foreach (var n in all) info.PolymorphismOptions.DerivedTypes.Add(new JsonDerivedType(n.Type, n.Name));
    }

    /// <summary>
    /// What is wrong with a set of names: a name used twice, a type named twice, a name that is not a plain
    /// word (the stores put these names into SQL), a named type that is no event, an event with no name.
    /// </summary>
    public static IReadOnlyList<string> Problems(IEnumerable<StoredEventName> names, IEnumerable<Type> eventTypes)
    {
        var list = names.ToList();
        var problems = new List<string>();
        problems.AddRange(list.GroupBy(n => n.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1)
            .Select(g => $"\"{g.Key}\" names {string.Join(" and ", g.Select(n => n.Type.Name))}"));
        problems.AddRange(list.GroupBy(n => n.Type).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key.Name} has more than one name: {string.Join(", ", g.Select(n => n.Name))}"));
        problems.AddRange(list.Where(n => !PlainWord().IsMatch(n.Name)).Select(n => $"{n.Type.Name}'s name \"{n.Name}\" is not a plain word"));
        problems.AddRange(list.Where(n => !typeof(IMeetingEvent).IsAssignableFrom(n.Type)).Select(n => $"{n.Type.Name} is not an event"));
        var named = list.Select(n => n.Type).ToHashSet();
        problems.AddRange(eventTypes.Where(t => !named.Contains(t)).Select(t => $"{t.Name} has no stored name"));
        return problems;
    }

    /// <summary>Every concrete event type in Core.</summary>
    public static IEnumerable<Type> EventTypes() =>
        typeof(IMeetingEvent).Assembly.GetTypes().Where(t => typeof(IMeetingEvent).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false });

    static StoredEventName[] Gather()
    {
        var names = typeof(IMeetingEvent).Assembly.GetTypes()
            .Where(t => typeof(IStoredEventNames).IsAssignableFrom(t) && t is { IsAbstract: false, IsInterface: false })
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .SelectMany(t => ((IStoredEventNames)Activator.CreateInstance(t)!).Names)
            .ToArray();
        // Fail at start rather than write a row nobody can read back or purge.
        if (Problems(names, EventTypes()) is [_, ..] problems)
            throw new InvalidOperationException("Stored event names: " + string.Join("; ", problems));
        return names;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex PlainWord();
}
