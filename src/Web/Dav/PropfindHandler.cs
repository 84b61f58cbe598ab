using System.Xml.Linq;
using Strata.Domain.Files;
using Strata.Infrastructure.Checksums;
using Strata.Infrastructure.Dav;
using Strata.Infrastructure.Files;

namespace Strata.Web.Dav;

/// <summary>PROPFIND (RFC 4918 §9.1): Depth 0 or 1, allprop / propname / named properties, answered as a streamed 207.</summary>
internal static class PropfindHandler
{
    private enum Mode
    {
        AllProp,
        PropName,
        Named,
    }

    public static async Task HandleAsync(DavContext context, IBlobStore blobStore)
    {
        var (mode, named) = await ReadRequestAsync(context);
        if (mode == Mode.AllProp && IsWindowsExplorer(context.Request))
        {
            named = LiveProperties.ExplorerAllProp;
        }

        var target = await context.FindAsync(context.Path);
        if (target is null)
        {
            await context.FailAsync(StatusCodes.Status404NotFound, $"'{context.Path}' does not exist.");
            return;
        }

        // Depth infinity is refused (RFC 4918 §9.1); a missing Depth means infinity, but only matters for
        // collections (litmus 0.13 sends PROPFIND without Depth to files).
        var depth = context.Depth(absent: int.MaxValue);
        if (depth == int.MaxValue && target.IsFolder)
        {
            await context.FailAsync(StatusCodes.Status403Forbidden, "PROPFIND with Depth: infinity is not supported; use Depth 0 or 1.", "propfind-finite-depth");
            return;
        }

        var entry = new DavEntry(target, context.Path);
        var listChildren = depth >= 1 && target.IsFolder;
        var properties = await LoadContextAsync(context, entry, listChildren, mode, named, blobStore);
        await using var writer = MultiStatusWriter.Start(context.Response);
        await WriteEntryAsync(writer, entry, mode, named, properties, properties.DeadProperties[target.Id]);
        if (!listChildren)
        {
            return;
        }

        await foreach (var child in Children(context, entry))
        {
            await WriteEntryAsync(writer, child, mode, named, properties, properties.DeadProperties[child.Node.Id]);
        }
    }

    private static async IAsyncEnumerable<DavEntry> Children(DavContext context, DavEntry folder)
    {
        if (folder.Path.IsRoot)
        {
            foreach (var area in await context.Files.ListRootAsync(context.Caller, context.Aborted))
            {
                yield return new DavEntry(area, NodePath.Parse(area.Path));
            }

            yield break;
        }

        await foreach (var child in context.Files.ListChildrenAsync(context.Caller, folder.Node.Id, folder.Path, withFinderMetadata: true, context.Aborted))
        {
            yield return new DavEntry(child, folder.Path.Append(NodeName.Parse(child.Name)));
        }
    }

    /// <summary>Fetches, once for the whole answer, what the requested properties need beyond the nodes.</summary>
    private static async Task<PropertyContext> LoadContextAsync(
        DavContext context, DavEntry target, bool listChildren, Mode mode, IReadOnlyList<XName> named, IBlobStore blobStore)
    {
        var properties = new PropertyContext(context.Access);
        bool Wants(XName name) => mode == Mode.PropName || named.Contains(name);
        var cancellationToken = context.Aborted;

        if (Wants(DavXml.D + "lockdiscovery"))
        {
            properties.Locks = listChildren
                ? await context.Locks.ForListingAsync(target.Path, cancellationToken)
                : await context.Locks.CoveringAsync(target.Path, cancellationToken);
        }

        if (mode != Mode.Named || named.Any(n => !LiveProperties.IsLive(n)))
        {
            var own = target.Path.IsRoot ? [] : await context.Properties.ForNodeAsync(target.Node.Id, cancellationToken);
            var children = listChildren && !target.Path.IsRoot ? await context.Properties.ForChildrenAsync(target.Node.Id, cancellationToken) : null;
            properties.DeadProperties = own.Concat(children?.SelectMany(g => g) ?? []).ToLookup(p => p.NodeId);
        }

        if (mode == Mode.Named && named.Contains(XNamespace.Get(DavXml.OwnCloud) + "checksums"))
        {
            // Content committed through the browser, the API or tus may not have been reached by the filler yet: small
            // content is hashed here, so that rclone check right after a copy compares hashes.
            IReadOnlyList<ListedContent> contents = target.Node.ContentHash is { } own
                ? [new ListedContent(own, target.Node.Size, await context.Checksums.GetAsync(own, cancellationToken))]
                : listChildren && !target.Path.IsRoot ? await context.Checksums.ForChildrenAsync(target.Node.Id, cancellationToken) : [];
            properties.ChecksumsByContent = await context.Checksums.CompleteAsync(contents, cancellationToken);
        }

        if (!target.Path.IsRoot && mode == Mode.Named && (named.Contains(XNamespace.Get(DavXml.OwnCloud) + "tags") || named.Contains(LiveProperties.Favorite)))
        {
            // One query for the target and all its children, however many a Depth 1 answer lists.
            properties.Marks = await context.Tags.ForFolderAsync(context.Caller, target.Node.Id, cancellationToken);
        }

        if (mode == Mode.Named && named.Any(n => n.LocalName.StartsWith("quota-", StringComparison.Ordinal)))
        {
            properties.QuotaAvailable = new DriveInfo(blobStore.StagingFolder).AvailableFreeSpace;
            if (!target.Path.IsRoot && target.IsCollection)
            {
                properties.QuotaTarget = target.Node.Id;
                properties.QuotaUsed = await context.Files.SubtreeSizeAsync(context.Caller, target.Path, cancellationToken);
            }
        }

        return properties;
    }

    private static async Task WriteEntryAsync(
        MultiStatusWriter writer, DavEntry entry, Mode mode, IReadOnlyList<XName> named, PropertyContext context, IEnumerable<DeadProperty> dead)
    {
        writer.BeginResponse(entry.Href);
        switch (mode)
        {
            case Mode.PropName:
                writer.WritePropstat(StatusCodes.Status200OK, xml =>
                {
                    foreach (var name in LiveProperties.NamesFor(entry, context).Concat(dead.Select(p => XName.Get(p.Name, p.Namespace))))
                    {
                        xml.WriteStartElement(PrefixOf(name), name.LocalName, name.NamespaceName);
                        xml.WriteEndElement();
                    }
                });
                break;
            case Mode.AllProp:
                writer.WritePropstat(StatusCodes.Status200OK, xml =>
                {
                    foreach (var name in named.Where(n => LiveProperties.Has(n, entry, context)))
                    {
                        LiveProperties.Write(xml, name, entry, context);
                    }

                    foreach (var property in dead)
                    {
                        WriteDead(xml, property);
                    }
                });
                break;
            case Mode.Named:
                WriteNamed(writer, entry, named, context, dead);
                break;
        }

        await writer.EndResponseAsync();
    }

    private static void WriteNamed(MultiStatusWriter writer, DavEntry entry, IReadOnlyList<XName> named, PropertyContext context, IEnumerable<DeadProperty> dead)
    {
        var deadByName = dead.ToDictionary(p => XName.Get(p.Name, p.Namespace));
        var found = named.Where(n => LiveProperties.Has(n, entry, context) || (!LiveProperties.IsLive(n) && deadByName.ContainsKey(n))).ToList();
        var missing = named.Except(found).ToList();
        if (found.Count > 0)
        {
            writer.WritePropstat(StatusCodes.Status200OK, xml =>
            {
                foreach (var name in found)
                {
                    if (LiveProperties.IsLive(name))
                    {
                        LiveProperties.Write(xml, name, entry, context);
                    }
                    else
                    {
                        WriteDead(xml, deadByName[name]);
                    }
                }
            });
        }

        if (missing.Count > 0)
        {
            writer.WritePropstat(StatusCodes.Status404NotFound, xml =>
            {
                foreach (var name in missing)
                {
                    xml.WriteStartElement(PrefixOf(name), name.LocalName, name.NamespaceName);
                    xml.WriteEndElement();
                }
            });
        }
    }

    private static void WriteDead(System.Xml.XmlWriter xml, DeadProperty property)
    {
        xml.WriteStartElement(PrefixOf(XName.Get(property.Name, property.Namespace)), property.Name, property.Namespace);
        // Stored from a parsed, well-formed element whose children declare their own namespaces.
        xml.WriteRaw(property.Value);
        xml.WriteEndElement();
    }

    /// <summary>
    /// Our two fixed prefixes, and "p" declared on the element itself for any other namespace: never a
    /// default namespace, which would capture unprefixed elements inside a stored value.
    /// </summary>
    private static string PrefixOf(XName name) => name.NamespaceName switch
    {
        DavXml.Dav => "D",
        DavXml.OwnCloud => "oc",
        DavXml.Microsoft => "Z",
        "" => string.Empty,
        _ => "p",
    };

    /// <summary>
    /// Windows' WebDAV redirector shows a folder as empty when one PROPFIND answer passes 1,000,000 bytes
    /// (docs/decisions/0007), and it lists folders with allprop: it gets the smaller set.
    /// </summary>
    private static bool IsWindowsExplorer(HttpRequest request) =>
        request.Headers.UserAgent.ToString().StartsWith("Microsoft-WebDAV-MiniRedir/", StringComparison.Ordinal);

    /// <summary>An empty body is allprop (§9.1); otherwise exactly one of prop, allprop, propname.</summary>
    private static async Task<(Mode Mode, IReadOnlyList<XName> Named)> ReadRequestAsync(DavContext context)
    {
        var body = await DavXml.ReadBodyAsync(context.Request, context.Aborted);
        if (body is null)
        {
            return (Mode.AllProp, LiveProperties.AllProp);
        }

        var root = body.Root!;
        if (root.Name != DavXml.D + "propfind")
        {
            throw new DavException(StatusCodes.Status400BadRequest, "The body must be a DAV:propfind element.");
        }

        if (root.Element(DavXml.D + "propname") is not null)
        {
            return (Mode.PropName, []);
        }

        if (root.Element(DavXml.D + "allprop") is not null)
        {
            return (Mode.AllProp, LiveProperties.AllProp);
        }

        if (root.Element(DavXml.D + "prop") is { } prop)
        {
            return (Mode.Named, prop.Elements().Select(e => e.Name).Distinct().ToList());
        }

        throw new DavException(StatusCodes.Status400BadRequest, "PROPFIND needs prop, allprop or propname.");
    }
}
