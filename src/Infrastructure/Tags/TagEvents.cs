using System.Globalization;
using System.Text.Json;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Domain.Tags;

namespace Strata.Infrastructure.Tags;

/// <summary>
/// Journal entries about administering a tag. They concern no item, so they have no node and stand at the shared
/// area's path (where shared and restricted tags live); <see cref="JournalEvent.IsAdministration"/> keeps them to
/// administrators, so no user learns a tag's old or new name through the journal. Details keys are a contract.
/// </summary>
internal static class TagEvents
{
    /// <summary>The tag as it is now, and of its name, colour and scope <c>before</c> the change what changed.</summary>
    public static JournalEvent Changed(Tag tag, (string Name, string Color, TagScope Scope) before, string actor, DateTimeOffset at)
    {
        var details = Describe(tag);
        details["color"] = tag.Color;
        AddIfChanged(details, "oldName", before.Name, tag.Name);
        AddIfChanged(details, "oldColor", before.Color, tag.Color);
        AddIfChanged(details, "oldScope", before.Scope.ToString(), tag.Scope.ToString());
        return Create(JournalEventType.TagChanged, details, actor, at);
    }

    /// <summary>The tag merged away, the target its items carry now, and how many items carried the merged tag.</summary>
    public static JournalEvent Merged(Tag merged, Tag target, int items, string actor, DateTimeOffset at)
    {
        var details = Describe(target);
        details["mergedTag"] = merged.Name;
        details["mergedTagId"] = merged.Id.ToString(CultureInfo.InvariantCulture);
        details["items"] = items.ToString(CultureInfo.InvariantCulture);
        return Create(JournalEventType.TagsMerged, details, actor, at);
    }

    private static Dictionary<string, string> Describe(Tag tag) => new(StringComparer.Ordinal)
    {
        ["tag"] = tag.Name,
        ["tagId"] = tag.Id.ToString(CultureInfo.InvariantCulture),
        ["scope"] = tag.Scope.ToString(),
    };

    private static void AddIfChanged(Dictionary<string, string> details, string key, string before, string now)
    {
        if (!string.Equals(before, now, StringComparison.Ordinal))
        {
            details[key] = before;
        }
    }

    private static JournalEvent Create(JournalEventType type, Dictionary<string, string> details, string actor, DateTimeOffset at)
    {
        var change = JournalEvent.AtPath(type, NodePath.Parse(NodePath.SharedArea), nodeId: null, isFolder: true, actor, at);
        change.Details = JsonSerializer.Serialize(details);
        return change;
    }
}
