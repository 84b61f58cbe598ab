using System.Net;
using System.Text;
using Strata.Domain.Files;
using Strata.Domain.Notifications;

namespace Strata.Infrastructure.Notifications;

/// <summary>One line of an email: what happened, where, and an optional excerpt (all user-supplied, escaped in HTML).</summary>
public sealed record EmailItem(NotificationKind Kind, string? Actor, string Path, bool IsFolder, string? Excerpt, DateTimeOffset At);

/// <summary>A composed email: subject, HTML and plain-text bodies.</summary>
public sealed record EmailContent(string Subject, string Html, string Text);

/// <summary>
/// Writes the email of a user's pending notifications: at most <see cref="EmailSchedule.MaxItems"/> items then
/// "and N more", each linked to its folder, and a link to the preferences. Everything users wrote (names, excerpts) is
/// HTML-encoded; the text part carries the same.
/// </summary>
public static class NotificationEmail
{
    public const string PreferencesPath = "notifications/preferences";

    public static EmailContent Compose(IReadOnlyList<EmailItem> items, int total, Uri publicUrl)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(publicUrl);
        var shown = items.Take(EmailSchedule.MaxItems).ToList();
        var more = total - shown.Count;
        var subject = total == 1 && shown.Count == 1
            ? Sentence(shown[0])
            : $"{total} new notifications in Strata";
        var preferences = new Uri(publicUrl, PreferencesPath).AbsoluteUri;

        var html = new StringBuilder("<!DOCTYPE html><html><body><ul>");
        var text = new StringBuilder();
        foreach (var item in shown)
        {
            var link = new Uri(publicUrl, ItemLink(item)).AbsoluteUri;
            html.Append("<li><a href=\"").Append(WebUtility.HtmlEncode(link)).Append("\">")
                .Append(WebUtility.HtmlEncode(Sentence(item))).Append("</a>");
            text.Append("- ").Append(Sentence(item)).Append(" <").Append(link).Append('>').AppendLine();
            if (item.Excerpt is { Length: > 0 } excerpt)
            {
                html.Append("<br><q>").Append(WebUtility.HtmlEncode(excerpt)).Append("</q>");
                text.Append("  \"").Append(excerpt).Append('"').AppendLine();
            }

            html.Append("</li>");
        }

        html.Append("</ul>");
        if (more > 0)
        {
            html.Append("<p>and ").Append(more).Append(" more</p>");
            text.Append("and ").Append(more).Append(" more").AppendLine();
        }

        html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(preferences)).Append("\">Notification preferences</a></p></body></html>");
        text.AppendLine().Append("Notification preferences: ").Append(preferences).AppendLine();
        return new EmailContent(subject, html.ToString(), text.ToString());
    }

    /// <summary>Where the item is shown: its folder's page (a file's parent), relative to the site.</summary>
    public static string ItemLink(string path, bool isFolder)
    {
        var folder = NodePath.TryParse(path, out var parsed, out _) ? (isFolder || parsed.IsRoot ? parsed : parsed.Parent) : null;
        var segments = folder?.Value.Split('/', StringSplitOptions.RemoveEmptyEntries) ?? [];
        return "files/" + string.Join('/', segments.Select(Uri.EscapeDataString));
    }

    private static string ItemLink(EmailItem item) => ItemLink(item.Path, item.IsFolder);

    private static string Sentence(EmailItem item) => NotificationText.Sentence(item.Kind, item.Actor, ItemName(item.Path));

    public static string ItemName(string path) => path[(path.LastIndexOf('/') + 1)..] is { Length: > 0 } name ? name : path;
}
