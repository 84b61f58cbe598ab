using System.Threading.Channels;
using Strata.Infrastructure.Dav;

namespace Strata.Infrastructure.Checksums;

/// <summary>Content waiting for the <see cref="ChecksumFiller"/>: to be hashed, or hashed already and to be recorded.</summary>
public readonly record struct ChecksumWork(string ContentHash, BlobChecksum? Computed);

/// <summary>
/// Work for the <see cref="ChecksumFiller"/>. Bounded, so a burst of uploads cannot grow memory without end: work that
/// does not fit is dropped and the filler is told to sweep the database for content without checksums once it has
/// drained the backlog, which finds it again.
/// </summary>
public sealed class ChecksumBacklog
{
    internal const int Capacity = 10_000;

    private readonly Channel<ChecksumWork> _pending = Channel.CreateBounded<ChecksumWork>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private int _overflowed;

    /// <summary>Content to hash. Never waits: called on the request path right after a commit.</summary>
    public void Add(string contentHash) => Add(new ChecksumWork(contentHash, null));

    /// <summary>Checksums a request computed and left to be recorded in a batch, so that a read never writes.</summary>
    public void Add(BlobChecksum computed)
    {
        ArgumentNullException.ThrowIfNull(computed);
        Add(new ChecksumWork(computed.ContentHash, computed));
    }

    /// <summary>Up to <paramref name="max"/> items that are waiting, without waiting for more.</summary>
    public IReadOnlyList<ChecksumWork> Take(int max)
    {
        var taken = new List<ChecksumWork>();
        while (taken.Count < max && _pending.Reader.TryRead(out var work))
        {
            taken.Add(work);
        }

        return taken;
    }

    /// <summary>Whether work was dropped since the last call: then some content is only found by a sweep.</summary>
    public bool TakeOverflow() => Interlocked.Exchange(ref _overflowed, 0) == 1;

    public async Task WaitAsync(CancellationToken cancellationToken) => await _pending.Reader.WaitToReadAsync(cancellationToken);

    private void Add(ChecksumWork work)
    {
        if (!_pending.Writer.TryWrite(work))
        {
            Volatile.Write(ref _overflowed, 1);
        }
    }
}
