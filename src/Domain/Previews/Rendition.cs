namespace Strata.Domain.Previews;

/// <summary>
/// A derived picture of some content, one per (source content hash, kind, page, size): identical content, under any name or
/// in any folder, is rendered once. It lives while a version references its source; its own bytes are a blob.
/// </summary>
public sealed class Rendition
{
    public long Id { get; set; }

    /// <summary>The content hash of the versions this was made from.</summary>
    public required string SourceHash { get; set; }

    public RenditionKind Kind { get; set; }

    /// <summary>
    /// The page of a paged source (a PDF, a converted deck) this pictures, from 1; everything else, and the thumbnail
    /// of a paged source, is page 1.
    /// </summary>
    public int Page { get; set; } = 1;

    /// <summary>How many pages the source has, once a page of it is rendered; null for sources without pages.</summary>
    public int? PageCount { get; set; }

    /// <summary>The requested size in pixels (see <see cref="RenditionSize"/>); the picture is at most this wide and high.</summary>
    public int Size { get; set; }

    public RenditionStatus Status { get; set; }

    /// <summary>Why it failed (or why its last attempt did), in words an administrator can act on.</summary>
    public string? FailureReason { get; set; }

    /// <summary>Attempts that ended in an unexpected error; the job gives up after a few.</summary>
    public int Attempts { get; set; }

    /// <summary>The hash of the rendered bytes in the blob store, once <see cref="RenditionStatus.Ready"/>.</summary>
    public string? BlobHash { get; set; }

    public int Width { get; set; }

    public int Height { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public static Rendition Pending(string sourceHash, RenditionKind kind, int size, DateTimeOffset now, int page = 1) => new()
    {
        SourceHash = sourceHash,
        Kind = kind,
        Page = page,
        Size = size,
        Status = RenditionStatus.Pending,
        CreatedAt = now,
    };

    /// <summary>Made: its bytes are the blob <paramref name="blobHash"/>.</summary>
    public void Complete(string blobHash)
    {
        Status = RenditionStatus.Ready;
        BlobHash = blobHash;
        FailureReason = null;
    }

    /// <summary>Failed for good, with a reason an administrator can act on (cut to the 500 characters stored).</summary>
    public void Fail(string reason)
    {
        Status = RenditionStatus.Failed;
        FailureReason = Cut(reason);
    }

    /// <summary>Nothing to make, by rule, with the reason; final.</summary>
    public void Skip(string reason)
    {
        Status = RenditionStatus.Skipped;
        FailureReason = Cut(reason);
    }

    /// <summary>
    /// Counts an attempt that ended in an unexpected error; the last of <paramref name="maxAttempts"/> fails it for good.
    /// Returns whether that was the last (the caller retries otherwise).
    /// </summary>
    public bool FailAttempt(string reason, int maxAttempts)
    {
        FailureReason = Cut(reason);
        if (++Attempts < maxAttempts)
        {
            return false;
        }

        Fail(reason);
        return true;
    }

    /// <summary>
    /// Claims a failed rendition again from a fresh start (an administrator's retry, say after a fix): pending, with no
    /// attempt counted and no reason, queued <paramref name="now"/>. Only failures are retried; false, changing
    /// nothing, for any other status.
    /// </summary>
    public bool Retry(DateTimeOffset now)
    {
        if (Status != RenditionStatus.Failed)
        {
            return false;
        }

        Status = RenditionStatus.Pending;
        Attempts = 0;
        FailureReason = null;
        CreatedAt = now;
        return true;
    }

    private static string Cut(string reason) => reason.Length > 500 ? reason[..500] : reason;
}
