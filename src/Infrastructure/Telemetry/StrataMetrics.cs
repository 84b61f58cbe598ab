using System.Diagnostics.Metrics;

namespace Strata.Infrastructure.Telemetry;

/// <summary>
/// Strata's own instruments, on the <see cref="MeterName"/> meter that the host exports when telemetry is configured;
/// features that observe something of their own (the job queues) create their instruments on the same meter.
/// </summary>
public sealed class StrataMetrics
{
    public const string MeterName = "Strata";

    public StrataMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        Meter = meters.Create(MeterName);
        BlobCommitDuration = Meter.CreateHistogram<double>(
            "strata.blobs.commit.duration", "s", "Time for the blob store to make staged content durable and visible under its hash.");
    }

    public Meter Meter { get; }

    public Histogram<double> BlobCommitDuration { get; }
}
