using System.Text.Json.Serialization;
using Strata.Domain.Files;
using Strata.Domain.Tags;

namespace Strata.Infrastructure.Tags;

/// <summary>A tag as a caller sees it on an item.</summary>
public sealed record TagView(long Id, string Name, [property: JsonConverter(typeof(JsonStringEnumConverter<TagScope>))] TagScope Scope, string Color);

/// <summary>A tag the caller may see or use, with how many items they can see carry it.</summary>
public sealed record TagSummary(long Id, string Name, [property: JsonConverter(typeof(JsonStringEnumConverter<TagScope>))] TagScope Scope, string Color, int Count);

/// <summary>What the caller sees marked on an item: its tags visible to them, and whether they starred it.</summary>
public sealed record ItemMarks(IReadOnlyList<TagView> Tags, bool IsFavorite)
{
    public static readonly ItemMarks None = new([], false);
}

/// <summary>An item with its marks, for listings.</summary>
public sealed record MarkedItem(NodeInfo Node, ItemMarks Marks);

/// <summary>One page of items carrying a tag, and how many the caller may see in all.</summary>
public sealed record TaggedPage(IReadOnlyList<MarkedItem> Items, int Total);

/// <summary>An administrator's change to a tag; null leaves a field as it is.</summary>
public sealed record TagChange(string? Name, string? Color, TagScope? Scope);
