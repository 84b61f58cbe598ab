using System.IO.Compression;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Files;

namespace Strata.Web.Files;

/// <summary>
/// Writes the zip as it goes: each folder's listing is read (and authorised) through <see cref="FileService"/>,
/// each file's blob copied into its entry with the async zip API, so memory stays flat whatever the size.
/// </summary>
internal sealed class ZipContentResult(FileService files, Caller caller, IReadOnlyList<NodeInfo> roots, string fileName) : IResult
{
    /// <summary>Formats that are compressed already: deflating them again costs CPU and saves nothing.</summary>
    private static readonly HashSet<string> Stored = new(StringComparer.OrdinalIgnoreCase)
    {
        ".zip", ".gz", ".tgz", ".xz", ".7z", ".rar", ".zst", ".bz2", ".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif",
        ".mp4", ".mkv", ".mov", ".webm", ".mp3", ".m4a", ".ogg", ".flac", ".pdf", ".docx", ".xlsx", ".pptx", ".jar", ".nupkg",
    };

    private static readonly DateTimeOffset ZipEpoch = new(1980, 1, 2, 0, 0, 0, TimeSpan.Zero);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        var cancellationToken = httpContext.RequestAborted;
        response.ContentType = "application/zip";
        ContentHeaders.ApplyDownload(response, fileName);
        // The length is unknown until the end: the response is chunked and never buffered.
        httpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpResponseBodyFeature>()?.DisableBuffering();

        await using var body = new AsyncOnlyWriteStream(response.Body);
        var archive = await ZipArchive.CreateAsync(body, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, cancellationToken);
        await using (archive)
        {
            var usedRootNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var root in roots)
            {
                var entryRoot = UniqueName(usedRootNames, root.Name, root.IsFolder);
                if (root.IsFolder)
                {
                    await AddFolderAsync(archive, body, root, entryRoot, cancellationToken);
                }
                else
                {
                    await AddFileAsync(archive, root, entryRoot, cancellationToken);
                }

                await body.SendPendingAsync(cancellationToken);
            }
        }

        await body.SendPendingAsync(cancellationToken);
    }

    /// <summary>Depth-first over the tree; each folder's children are read in one go so no database reader stays open while bytes stream.</summary>
    private async Task AddFolderAsync(ZipArchive archive, AsyncOnlyWriteStream body, NodeInfo folder, string entryName, CancellationToken cancellationToken)
    {
        var pending = new Stack<(NodeInfo Folder, string EntryName)>();
        pending.Push((folder, entryName));
        while (pending.TryPop(out var current))
        {
            var children = new List<NodeInfo>();
            await foreach (var child in files.ListChildrenAsync(caller, current.Folder.Id, NodePath.Parse(current.Folder.Path), withFinderMetadata: false, cancellationToken))
            {
                children.Add(child);
            }

            var directory = archive.CreateEntry(current.EntryName + "/");
            directory.LastWriteTime = ZipTime(current.Folder.ModifiedAt);
            foreach (var child in children.Where(c => !c.IsFolder))
            {
                await AddFileAsync(archive, child, current.EntryName + "/" + SafeSegment(child.Name), cancellationToken);
                await body.SendPendingAsync(cancellationToken);
            }

            foreach (var child in children.Where(c => c.IsFolder).Reverse())
            {
                pending.Push((child, current.EntryName + "/" + SafeSegment(child.Name)));
            }
        }
    }

    private async Task AddFileAsync(ZipArchive archive, NodeInfo file, string entryName, CancellationToken cancellationToken)
    {
        if (file.ContentHash is null)
        {
            return;
        }

        var level = Stored.Contains(System.IO.Path.GetExtension(file.Name)) ? CompressionLevel.NoCompression : CompressionLevel.Fastest;
        var entry = archive.CreateEntry(entryName, level);
        entry.LastWriteTime = ZipTime(file.ModifiedAt);
        await using var target = await entry.OpenAsync(cancellationToken);
        await using var source = await files.Blobs.OpenReadAsync(file.ContentHash, cancellationToken);
        await source.CopyToAsync(target, cancellationToken);
    }

    /// <summary>
    /// Names are valid node names already (no '/', '\', '.' or '..'); a ':' could still read as a drive letter to a
    /// Windows extractor, so it is replaced.
    /// </summary>
    internal static string SafeSegment(string name) => name.Replace(':', '_').Replace('\\', '_');

    private static string UniqueName(HashSet<string> used, string name, bool isFolder)
    {
        var safe = SafeSegment(name);
        var candidate = safe;
        for (var n = 2; !used.Add(candidate); n++)
        {
            var dot = isFolder ? -1 : safe.LastIndexOf('.');
            candidate = dot > 0 ? $"{safe[..dot]} ({n}){safe[dot..]}" : $"{safe} ({n})";
        }

        return candidate;
    }

    private static DateTimeOffset ZipTime(DateTimeOffset time) => time < ZipEpoch ? ZipEpoch : time;
}
