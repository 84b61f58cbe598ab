using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Strata.Infrastructure.Dav;

namespace Strata.Infrastructure.Checksums;

/// <summary>
/// Computes the SHA-1 and MD5 of committed content in the background, off the upload's path, and records them in
/// batches, with those a PROPFIND computed: content queued at commit first, then a sweep of committed content that has
/// none (at start, for what was committed while no filler ran, and after the queue dropped hashes or a batch failed). In-process rather than a Hangfire job per file: a 4 KiB upload's
/// hashing costs microseconds, far less than a job's storage round trips, and batches record many in one insert.
/// </summary>
public sealed class ChecksumFiller(ContentChecksums checksums, ChecksumBacklog backlog, ILogger<ChecksumFiller> logger) : BackgroundService
{
    internal const int BatchSize = 200;

    /// <summary>How long computed checksums may wait to be recorded with others: a large file's are not held back by the next one.</summary>
    private static readonly TimeSpan FlushAfter = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long the hashes of a burst of uploads gather after a partial batch: recording costs a query and a
    /// transaction per batch whatever its size, which a batch per few uploads made most of the filler's cost.
    /// </summary>
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        string? sweepAfter = string.Empty;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var taken = backlog.Take(BatchSize);
                if (taken.Count > 0)
                {
                    await checksums.RecordAsync(taken.Select(w => w.Computed).OfType<BlobChecksum>().ToList(), stoppingToken);
                    var toHash = taken.Where(w => w.Computed is null).Select(w => w.ContentHash).ToList();
                    await FillAsync(await checksums.UncheckedAsync(toHash, stoppingToken), stoppingToken);
                    if (taken.Count < BatchSize)
                    {
                        await Task.Delay(Gather, stoppingToken);
                    }

                    continue;
                }

                if (backlog.TakeOverflow())
                {
                    sweepAfter = string.Empty;
                }

                if (sweepAfter is null)
                {
                    await backlog.WaitAsync(stoppingToken);
                    continue;
                }

                // One page at a time, so content queued meanwhile never waits for the whole sweep.
                var page = await checksums.UncheckedPageAsync(sweepAfter, BatchSize, stoppingToken);
                await FillAsync(page, stoppingToken);
                sweepAfter = page.Count < BatchSize ? null : page[^1];
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The hashes taken are lost from the queue; a sweep finds them again.
                logger.LogWarning(e, "Computing content checksums failed; sweeping again in {Delay}", RetryAfter);
                sweepAfter = string.Empty;
                await Task.Delay(RetryAfter, stoppingToken);
            }
        }
    }

    private async Task FillAsync(IReadOnlyList<string> hashes, CancellationToken cancellationToken)
    {
        var computed = new List<BlobChecksum>();
        var since = Stopwatch.GetTimestamp();
        foreach (var hash in hashes)
        {
            try
            {
                if (await checksums.ComputeAsync(hash, cancellationToken) is { } checksum)
                {
                    computed.Add(checksum);
                }
            }
            catch (IOException e)
            {
                // One unreadable blob must not hold back the others; the next sweep tries it again.
                logger.LogWarning(e, "Reading content {Hash} for its checksums failed", hash);
            }

            if (computed.Count > 0 && Stopwatch.GetElapsedTime(since) >= FlushAfter)
            {
                await checksums.RecordAsync(computed, cancellationToken);
                computed.Clear();
                since = Stopwatch.GetTimestamp();
            }
        }

        await checksums.RecordAsync(computed, cancellationToken);
    }
}
