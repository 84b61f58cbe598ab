using System.Globalization;
using System.Xml.Linq;
using Strata.Infrastructure.Dav;

namespace Strata.Web.Dav;

/// <summary>
/// PROPPATCH (RFC 4918 §9.2): sets and removes dead properties in document order, all or nothing.
/// Live properties are protected, except the modification time sync clients and Windows set, and ownCloud's
/// <c>oc:favorite</c>, which stars or unstars the item for the caller.
/// </summary>
internal static class ProppatchHandler
{
    private static readonly XName[] ModificationTimes =
    [
        DavXml.D + "lastmodified",
        XNamespace.Get(DavXml.Microsoft) + "Win32LastModifiedTime",
    ];

    public static async Task HandleAsync(DavContext context)
    {
        var changes = await ReadChangesAsync(context);
        var node = await context.FindAsync(context.Path);
        if (node is null || context.Path.IsRoot)
        {
            await context.FailAsync(StatusCodes.Status404NotFound, $"'{context.Path}' does not exist.");
            return;
        }

        // A star is the caller's own and needs only sight of the item, no write right and no lock token.
        var favorite = changes.LastOrDefault(c => IsFavorite(c));
        var propertyChanges = changes.Where(c => !IsFavorite(c)).ToList();
        if (propertyChanges.Count > 0 && !DavAccess.CanModify(context.Access, context.Path))
        {
            await context.FailAsync(StatusCodes.Status403Forbidden, $"You may not change the properties of '{context.Path}'.");
            return;
        }

        var windowsPropertiesOnly = propertyChanges.Count > 0 && propertyChanges.All(c => c.Namespace == DavXml.Microsoft);
        if (propertyChanges.Count > 0 && !await DavConditions.CheckAsync(context, ownerMayOmitToken: windowsPropertiesOnly, (context.Path, false)))
        {
            return;
        }

        var names = changes.Select(c => XName.Get(c.Name, c.Namespace)).ToList();
        var isProtected = names.Select(n => n != LiveProperties.Favorite && LiveProperties.IsLive(n)).ToList();
        if (isProtected.Contains(true))
        {
            // Atomic: one refused property fails them all, the others with 424 Failed Dependency.
            await using var refused = MultiStatusWriter.Start(context.Response);
            refused.BeginResponse(DavPaths.Href(context.Path, node.IsFolder));
            WritePropstat(refused, StatusCodes.Status403Forbidden, names.Where((_, i) => isProtected[i]));
            WritePropstat(refused, StatusCodes.Status424FailedDependency, names.Where((_, i) => !isProtected[i]));
            await refused.EndResponseAsync();
            return;
        }

        if (favorite is not null)
        {
            var starred = await context.Tags.SetFavoriteAsync(context.Caller, context.Path, favorite.Value?.Trim() is "1" or "true", context.Aborted);
            if (!starred.Succeeded)
            {
                await context.FailAsync(starred);
                return;
            }
        }

        if (ModifiedTime(changes) is { } modifiedAt)
        {
            var touched = await context.Files.SetModifiedAsync(context.Caller, context.Path, modifiedAt, context.Aborted);
            if (!touched.Succeeded)
            {
                await context.FailAsync(touched);
                return;
            }
        }

        if (propertyChanges.Count > 0)
        {
            await context.Properties.ApplyAsync(node.Id, propertyChanges, context.Aborted);
        }

        await using var writer = MultiStatusWriter.Start(context.Response);
        writer.BeginResponse(DavPaths.Href(context.Path, node.IsFolder));
        WritePropstat(writer, StatusCodes.Status200OK, names.Distinct());
        await writer.EndResponseAsync();
    }

    private static bool IsFavorite(PropertyChange change) => XName.Get(change.Name, change.Namespace) == LiveProperties.Favorite;

    private static void WritePropstat(MultiStatusWriter writer, int status, IEnumerable<XName> names)
    {
        var list = names.ToList();
        if (list.Count == 0)
        {
            return;
        }

        writer.WritePropstat(status, xml =>
        {
            foreach (var name in list)
            {
                var prefix = name.NamespaceName switch
                {
                    DavXml.Dav => "D",
                    "" => string.Empty,
                    _ => "p",
                };
                xml.WriteStartElement(prefix, name.LocalName, name.NamespaceName);
                xml.WriteEndElement();
            }
        });
    }

    /// <summary>
    /// A modification time set as a property: rclone's <c>DAV:lastmodified</c> in Unix seconds, Windows'
    /// <c>Win32LastModifiedTime</c> as an HTTP date. Kept as a dead property too, so it reads back as sent.
    /// </summary>
    private static DateTimeOffset? ModifiedTime(IReadOnlyList<PropertyChange> changes)
    {
        var set = changes.LastOrDefault(c => c.Value is not null && ModificationTimes.Contains(XName.Get(c.Name, c.Namespace)));
        if (set?.Value is not { } value)
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return DateTimeOffset.FromUnixTimeSeconds(seconds);
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date : null;
    }

    /// <summary>The <c>propertyupdate</c> body as changes in document order; anything else is a 400.</summary>
    private static async Task<IReadOnlyList<PropertyChange>> ReadChangesAsync(DavContext context)
    {
        var body = await DavXml.ReadBodyAsync(context.Request, context.Aborted);
        if (body?.Root is not { } root || root.Name != DavXml.D + "propertyupdate")
        {
            throw new DavException(StatusCodes.Status400BadRequest, "The body must be a DAV:propertyupdate element.");
        }

        var changes = new List<PropertyChange>();
        foreach (var instruction in root.Elements())
        {
            var remove = instruction.Name == DavXml.D + "remove";
            if (!remove && instruction.Name != DavXml.D + "set")
            {
                continue;
            }

            foreach (var property in instruction.Elements(DavXml.D + "prop").Elements())
            {
                if (property.Name.LocalName.Length > DeadProperty.MaxName || property.Name.NamespaceName.Length > DeadProperty.MaxNamespace)
                {
                    throw new DavException(StatusCodes.Status400BadRequest, $"Property names are limited to {DeadProperty.MaxName} characters and namespaces to {DeadProperty.MaxNamespace}.");
                }

                changes.Add(new PropertyChange(property.Name.NamespaceName, property.Name.LocalName, remove ? null : DavXml.InnerXml(property)));
            }
        }

        return changes.Count == 0 ? throw new DavException(StatusCodes.Status400BadRequest, "PROPPATCH names no properties.") : changes;
    }
}
