using Strata.Infrastructure.Uploads;

namespace Strata.Workers.Uploads;

/// <summary>Removes expired resumable uploads and their part files.</summary>
public sealed class UploadPurgeJob(UploadService uploads)
{
    public Task<int> ExecuteAsync(CancellationToken cancellationToken) => uploads.PurgeExpiredAsync(cancellationToken);
}
