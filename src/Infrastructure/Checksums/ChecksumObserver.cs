using Microsoft.Extensions.Logging;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Dav;
using Strata.Infrastructure.Files;

namespace Strata.Infrastructure.Checksums;

/// <summary>
/// Gives content committed through any front door its checksums: recorded at once when the request computed them on
/// the way in, else queued for the <see cref="ChecksumFiller"/>, which reads the blob after the answer has gone. No
/// query here: whether the content already has checksums is asked by the filler, once per batch.
/// </summary>
internal sealed class ChecksumObserver(ChecksumBacklog backlog, ContentChecksums checksums, StreamedChecksums streamed, ILogger<ChecksumObserver> logger)
    : IContentCommitted
{
    public async Task OnCommittedAsync(Caller caller, NodeInfo file, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.ContentHash is not { } hash)
        {
            return;
        }

        if (streamed.Take() is not { } known)
        {
            backlog.Add(hash);
            return;
        }

        try
        {
            await checksums.RecordAsync([new BlobChecksum { ContentHash = hash, Sha1 = known.Sha1, Md5 = known.Md5 }], cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The write has succeeded; the filler reads the content again.
            logger.LogWarning(e, "Recording the checksums of {Path} failed; queued for the filler", file.Path);
            backlog.Add(hash);
        }
    }
}
