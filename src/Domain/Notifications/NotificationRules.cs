namespace Strata.Domain.Notifications;

/// <summary>
/// The people a journal event concerns, besides whether they may still see the item (checked at delivery): the facts
/// of the event, with the user ids the journal itself does not carry looked up beforehand.
/// </summary>
/// <param name="Type">The event's type name.</param>
/// <param name="ActorId">Who acted; never notified of their own action.</param>
/// <param name="Details">The event's details (the shared contract's keys).</param>
/// <param name="ItemCreator">Who created the item (comments on it reach them).</param>
/// <param name="LinkCreator">Who created the event's public link (uploads through it reach them).</param>
/// <param name="Grantees">Users who gained access through a permission change (a group's members, expanded).</param>
public sealed record NotifiableEvent(
    string Type,
    string? ActorId,
    IReadOnlyDictionary<string, string> Details,
    string? ItemCreator = null,
    string? LinkCreator = null,
    IReadOnlyCollection<string>? Grantees = null);

/// <summary>Which users an event notifies and why: at most one reason per user, the strongest.</summary>
public static class NotificationRules
{
    /// <summary>The journal event types that can notify anyone (names are the shared contract).</summary>
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(StringComparer.Ordinal)
    {
        "CommentAdded", "CommentEdited", "TaskCreated", "TaskChanged", "TaskDue", "TaskCompleted", "LinkUploaded", "PermissionsChanged",
    };

    /// <summary>Details key of a permission change: the principal's kind (User or Group).</summary>
    public const string PrincipalKindKey = "principalKind";

    public const string PrincipalIdKey = "principalId";

    public const string LevelKey = "level";

    public static IReadOnlyDictionary<string, NotificationKind> RecipientsOf(NotifiableEvent change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var recipients = new Dictionary<string, NotificationKind>(StringComparer.Ordinal);
        foreach (var (user, kind) in Reasons(change))
        {
            if (string.IsNullOrEmpty(user) || string.Equals(user, change.ActorId, StringComparison.Ordinal))
            {
                continue;
            }

            // Kinds are declared strongest first.
            recipients[user] = recipients.TryGetValue(user, out var other) && other < kind ? other : kind;
        }

        return recipients;
    }

    private static IEnumerable<(string? User, NotificationKind Kind)> Reasons(NotifiableEvent change)
    {
        switch (change.Type)
        {
            case "CommentAdded":
                foreach (var user in Ids(change, "mentions"))
                {
                    yield return (user, NotificationKind.Mention);
                }

                yield return (change.Details.GetValueOrDefault("replyTo"), NotificationKind.Reply);
                yield return (change.ItemCreator, NotificationKind.CommentOnMyFile);
                break;
            case "CommentEdited":
                foreach (var user in Ids(change, "mentions"))
                {
                    yield return (user, NotificationKind.Mention);
                }

                break;
            case "TaskCreated" or "TaskChanged":
                foreach (var user in Ids(change, "assignees"))
                {
                    yield return (user, NotificationKind.TaskAssigned);
                }

                break;
            case "TaskDue":
                foreach (var user in Ids(change, "assignees"))
                {
                    yield return (user, NotificationKind.TaskDue);
                }

                break;
            case "TaskCompleted":
                yield return (change.Details.GetValueOrDefault("creator"), NotificationKind.TaskDone);
                break;
            case "LinkUploaded":
                yield return (change.LinkCreator, NotificationKind.LinkUpload);
                break;
            case "PermissionsChanged":
                foreach (var user in change.Grantees ?? [])
                {
                    yield return (user, NotificationKind.SharedWithMe);
                }

                break;
        }
    }

    private static string[] Ids(NotifiableEvent change, string key) =>
        change.Details.GetValueOrDefault(key)?.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
