using System.Globalization;
using System.Text.Json;
using Strata.Domain.Comments;
using Strata.Domain.Files;
using Strata.Domain.Journal;

namespace Strata.Infrastructure.Comments;

/// <summary>Journal entries about comments: the item is the event's node, the facts go in Details (keys are a contract).</summary>
internal static class CommentEvents
{
    /// <summary>The journal's limit on an event's details.</summary>
    private const int MaxDetails = 1024;

    /// <summary>The <c>policy</c> detail of a folder whose own setting was removed.</summary>
    public const string Inherited = "Inherited";

    public static JournalEvent For(
        JournalEventType type, NodePath item, long nodeId, bool isFolder, Comment comment, string actor, DateTimeOffset at,
        string? replyTo = null, IReadOnlyCollection<string>? mentions = null, string? excerpt = null, string? emoji = null, bool? reacted = null)
    {
        var change = JournalEvent.AtPath(type, item, nodeId, isFolder, actor, at);
        var details = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["commentId"] = comment.Id.ToString(CultureInfo.InvariantCulture),
            ["threadId"] = (comment.ParentId ?? comment.Id).ToString(CultureInfo.InvariantCulture),
        };
        Add(details, "replyTo", replyTo);
        Add(details, "mentions", mentions is { Count: > 0 } ? string.Join(' ', mentions.Take(CommentText.MaxMentions)) : null);
        Add(details, "emoji", emoji);
        Add(details, "reaction", reacted is { } on ? (on ? "added" : "removed") : null);
        change.Details = Fit(details, excerpt);
        return change;
    }

    /// <summary>
    /// A folder's own comment setting was set or removed (Details: <c>policy</c> = Readers, Editors or Off, or
    /// <c>Inherited</c> when the folder follows its parent again). It is about the folder, so it is shown to whoever
    /// may see the folder, like any other event about it.
    /// </summary>
    public static JournalEvent SettingChanged(NodePath folder, long nodeId, CommentPolicy? policy, string actor, DateTimeOffset at)
    {
        var change = JournalEvent.AtPath(JournalEventType.CommentSettingChanged, folder, nodeId, isFolder: true, actor, at);
        change.Details = JsonSerializer.Serialize(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["policy"] = policy?.ToString() ?? Inherited,
        });
        return change;
    }

    /// <summary>Serialises the details, shortening the excerpt (the only free text) until they fit the journal's limit.</summary>
    private static string Fit(Dictionary<string, string> details, string? excerpt)
    {
        var text = excerpt;
        while (true)
        {
            Add(details, "excerpt", text);
            var json = JsonSerializer.Serialize(details);
            if (json.Length <= MaxDetails || string.IsNullOrEmpty(text))
            {
                return json;
            }

            // Escaped characters take up to six each; halving converges in a few rounds.
            text = text.Length <= 8 ? null : Halve(text);
            details.Remove("excerpt");
        }
    }

    private static string Halve(string text)
    {
        var cut = text.Length / 2;
        cut -= char.IsHighSurrogate(text[cut - 1]) ? 1 : 0;
        return text[..cut] + "…";
    }

    private static void Add(Dictionary<string, string> details, string key, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            details[key] = value;
        }
    }
}
