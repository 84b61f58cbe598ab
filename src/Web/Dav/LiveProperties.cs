using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using Strata.Domain.Access;
using Strata.Infrastructure.Dav;

namespace Strata.Web.Dav;

/// <summary>
/// The properties the server computes (RFC 4918 §15, RFC 4331 quota, ownCloud's <c>oc:</c> set). Values
/// come from the node row and the per-request <see cref="PropertyContext"/>: no I/O per entry.
/// </summary>
internal static class LiveProperties
{
    private static readonly XNamespace D = DavXml.Dav;
    private static readonly XNamespace Oc = DavXml.OwnCloud;

    /// <summary>What <c>allprop</c> returns besides dead properties: RFC 4918's own live properties, nothing costly.</summary>
    public static readonly IReadOnlyList<XName> AllProp =
    [
        D + "creationdate", D + "displayname", D + "getcontentlength", D + "getcontenttype", D + "getetag",
        D + "getlastmodified", D + "resourcetype", D + "supportedlock", D + "lockdiscovery",
    ];

    /// <summary>
    /// <see cref="AllProp"/> without what Windows' redirector does not read from a listing (it locks with LOCK and
    /// names files by their href): each answer stays small enough for Explorer to list a folder of 1,000 files.
    /// </summary>
    public static readonly IReadOnlyList<XName> ExplorerAllProp =
        [.. AllProp.Where(n => n.LocalName is not ("supportedlock" or "lockdiscovery" or "displayname"))];

    /// <summary>Answered only when named.</summary>
    private static readonly IReadOnlyList<XName> NamedOnly =
    [
        D + "quota-available-bytes", D + "quota-used-bytes", Oc + "fileid", Oc + "id", Oc + "permissions", Oc + "checksums", Oc + "size",
        Oc + "tags", Oc + "favorite",
    ];

    /// <summary>The one live property a caller who may only read the item still sets: their own star.</summary>
    public static readonly XName Favorite = Oc + "favorite";

    private static readonly HashSet<XName> All = [.. AllProp, .. NamedOnly];

    public static bool IsLive(XName name) => All.Contains(name);

    /// <summary>Every live property that has a value for <paramref name="entry"/> (for <c>propname</c>).</summary>
    public static IEnumerable<XName> NamesFor(DavEntry entry, PropertyContext context) => All.Where(n => Has(n, entry, context));

    public static bool Has(XName name, DavEntry entry, PropertyContext context)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(context);
        var file = !entry.IsCollection;
        return name.LocalName switch
        {
            _ when !All.Contains(name) => false,
            "getcontentlength" or "getcontenttype" or "checksums" => file && (name.LocalName != "checksums" || Checksums(entry, context) is not null),
            "quota-available-bytes" => entry.IsCollection && context.QuotaAvailable is not null,
            "quota-used-bytes" => entry.IsCollection && context.QuotaTarget == entry.Node.Id && context.QuotaUsed is not null,
            "displayname" or "fileid" or "id" or "permissions" or "creationdate" or "tags" or "favorite" => !entry.Path.IsRoot,
            _ => true,
        };
    }

    /// <summary>Writes one property that <see cref="Has"/> said exists.</summary>
    public static void Write(XmlWriter xml, XName name, DavEntry entry, PropertyContext context)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(context);
        var node = entry.Node;
        var prefix = name.Namespace == D ? "D" : "oc";
        xml.WriteStartElement(prefix, name.LocalName, name.NamespaceName);
        switch (name.LocalName)
        {
            case "creationdate":
                // RFC 3339 without fractions: Windows rejects fractional seconds (docs/decisions/0007).
                xml.WriteString(node.CreatedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                break;
            case "displayname":
                xml.WriteString(node.Name);
                break;
            case "getcontentlength" or "size":
                xml.WriteString(node.Size.ToString(CultureInfo.InvariantCulture));
                break;
            case "getcontenttype":
                xml.WriteString(node.ContentType ?? "application/octet-stream");
                break;
            case "getetag":
                xml.WriteString(entry.Path.IsRoot ? "\"root\"" : node.ETag);
                break;
            case "getlastmodified":
                // "R" is RFC 1123 and culture-invariant; clients reject anything but a literal GMT.
                xml.WriteString(node.ModifiedAt.ToString("R", CultureInfo.InvariantCulture));
                break;
            case "resourcetype":
                if (entry.IsCollection)
                {
                    xml.WriteEmptyElement("D", "collection", DavXml.Dav);
                }

                break;
            case "supportedlock":
                LockDiscovery.WriteSupportedLock(xml);
                break;
            case "lockdiscovery":
                foreach (var davLock in context.LocksOn(entry.Path))
                {
                    LockDiscovery.WriteActiveLock(xml, davLock);
                }

                break;
            case "quota-available-bytes":
                xml.WriteString(context.QuotaAvailable!.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case "quota-used-bytes":
                xml.WriteString(context.QuotaUsed!.Value.ToString(CultureInfo.InvariantCulture));
                break;
            case "fileid" or "id":
                xml.WriteString(node.Id.ToString(CultureInfo.InvariantCulture));
                break;
            case "permissions":
                xml.WriteString(Permissions(entry, context.Access));
                break;
            case "tags":
                // As ownCloud and Nextcloud answer it: one oc:tag element per tag the caller sees on the item.
                foreach (var tag in context.MarksOf(node.Id).Tags)
                {
                    xml.WriteElementString("oc", "tag", DavXml.OwnCloud, tag.Name);
                }

                break;
            case "favorite":
                xml.WriteString(context.MarksOf(node.Id).IsFavorite ? "1" : "0");
                break;
            case "checksums":
                xml.WriteElementString("oc", "checksum", DavXml.OwnCloud, Checksums(entry, context)!.OwnCloudForm);
                break;
        }

        xml.WriteEndElement();
    }

    /// <summary>
    /// ownCloud's permission letters: D delete, N rename, V move, W write (files), C and K create files and
    /// folders (collections). Decided by the same rules as every other front door.
    /// </summary>
    private static string Permissions(DavEntry entry, AccessEvaluator access)
    {
        var letters = new StringBuilder(6);
        // A folder holding what the caller may not remove can still be renamed in place, but not deleted or moved.
        var removable = access.Evaluate(entry.Path, Operation.Remove) == AccessDecision.Allowed;
        if (removable)
        {
            letters.Append('D');
        }

        if (access.Evaluate(entry.Path, Operation.Rename) == AccessDecision.Allowed)
        {
            letters.Append('N');
        }

        if (removable)
        {
            letters.Append('V');
        }

        if (entry.IsCollection)
        {
            if (access.Evaluate(entry.Path, Operation.Write) == AccessDecision.Allowed)
            {
                letters.Append("CK");
            }
        }
        else if (DavAccess.CanModify(access, entry.Path))
        {
            letters.Append('W');
        }

        return letters.ToString();
    }

    private static BlobChecksum? Checksums(DavEntry entry, PropertyContext context) =>
        entry.Node.ContentHash is { } hash && context.ChecksumsByContent.TryGetValue(hash, out var checksums) ? checksums : null;
}
