using System.Globalization;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Strata.Infrastructure.Files;

namespace Strata.Infrastructure.Uploads;

/// <summary>
/// The bytes of resumable uploads in progress, kept in the object store as segments
/// <c>uploads/&lt;id&gt;/&lt;start&gt;-&lt;end&gt;</c> when blobs are there, so that any host can take an upload's next
/// PATCH and a host that dies mid-upload loses only what it had not stored yet. A segment is stored before its end is
/// recorded as the upload's offset, so the recorded offset never runs ahead of what the store holds.
/// </summary>
/// <remarks>
/// Two hosts racing on one upload (a client retrying elsewhere) may both store a segment from the same start; only one
/// records its end. Both hold the same bytes of the same file, so any run of segments from 0 to the length is the
/// upload; assembly looks for one.
/// </remarks>
public sealed class UploadSegments(IObjectBucket bucket)
{
    private const string Root = "uploads/";

    public Task StoreAsync(string id, long start, long end, string path, CancellationToken cancellationToken) =>
        bucket.UploadAsync(KeyOf(id, start, end), path, cancellationToken);

    /// <summary>Writes the upload's <paramref name="length"/> bytes into a new file at <paramref name="target"/>; returns their SHA-256.</summary>
    /// <exception cref="IOException">The store does not hold every byte up to <paramref name="length"/>.</exception>
    public async Task<string> AssembleAsync(string id, long length, string target, CancellationToken cancellationToken)
    {
        var segments = await ListAsync(id, cancellationToken).ToListAsync(cancellationToken);
        var run = RunOf(segments, length) ?? throw new IOException($"The stored segments of upload {id} do not reach its length, {length} bytes.");
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using var file = new FileStream(target, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, BufferSize = 0 });
        var written = 0L;
        foreach (var (start, end) in run)
        {
            await using var segment = new ObjectReadStream(bucket, KeyOf(id, start, end), end - start);
            written = await PipelinedWrite.CopyAsync(segment, file.SafeFileHandle, sha, written, cancellationToken);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    public async Task DeleteAsync(string id, CancellationToken cancellationToken)
    {
        await foreach (var (start, end) in ListAsync(id, cancellationToken))
        {
            await bucket.DeleteAsync(KeyOf(id, start, end), cancellationToken);
        }
    }

    /// <summary>Ids of uploads with a segment stored before <paramref name="before"/> (for the purge of those no row owns).</summary>
    public async IAsyncEnumerable<string> IdsAsync(DateTimeOffset before, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var (key, writtenAt) in bucket.ListAsync(Root, cancellationToken))
        {
            var id = key[Root.Length..].Split('/')[0];
            if (writtenAt < before && PartFiles.IsWellFormed(id) && seen.Add(id))
            {
                yield return id;
            }
        }
    }

    private async IAsyncEnumerable<(long Start, long End)> ListAsync(string id, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var prefix = $"{Root}{id}/";
        await foreach (var (key, _) in bucket.ListAsync(prefix, cancellationToken))
        {
            var bounds = key[prefix.Length..].Split('-');
            if (bounds.Length == 2
                && long.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var start)
                && long.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out var end))
            {
                yield return (start, end);
            }
        }
    }

    /// <summary>Segments that follow on from 0 to <paramref name="length"/> (a breadth-first walk over their ends), or null when none do.</summary>
    private static List<(long Start, long End)>? RunOf(List<(long Start, long End)> segments, long length)
    {
        var reachedBy = new Dictionary<long, (long Start, long End)?> { [0] = null };
        var frontier = new Queue<long>([0L]);
        while (frontier.Count > 0 && !reachedBy.ContainsKey(length))
        {
            var at = frontier.Dequeue();
            foreach (var segment in segments.Where(s => s.Start == at && s.End > at && s.End <= length && !reachedBy.ContainsKey(s.End)))
            {
                reachedBy[segment.End] = segment;
                frontier.Enqueue(segment.End);
            }
        }

        if (!reachedBy.TryGetValue(length, out var last))
        {
            return null;
        }

        var run = new List<(long Start, long End)>();
        for (var step = last; step is { } segment; step = reachedBy[segment.Start])
        {
            run.Add(segment);
        }

        run.Reverse();
        return run;
    }

    // Zero-padded, so that a listing comes in offset order and a key reads plainly.
    private static string KeyOf(string id, long start, long end) =>
        string.Create(CultureInfo.InvariantCulture, $"{Root}{id}/{start:D19}-{end:D19}");
}
