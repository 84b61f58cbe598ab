using System.Diagnostics.Metrics;
using Hangfire;
using Microsoft.Extensions.Hosting;
using Strata.Infrastructure.Telemetry;

namespace Strata.Workers.Hosting;

/// <summary>
/// How much work waits, per queue, and how long the oldest has waited: read from the job storage whenever metrics
/// are collected, so on a fleet any host reports the whole fleet's queues.
/// </summary>
internal sealed class JobMetrics(StrataMetrics metrics, JobStorage storage, TimeProvider clock) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        metrics.Meter.CreateObservableGauge("strata.jobs.enqueued", () => Queues().Select(q => new Measurement<long>(q.Length, Queue(q.Name))), "{job}", "Jobs waiting in each queue.");
        metrics.Meter.CreateObservableGauge("strata.jobs.oldest_wait", OldestWaits, "s", "How long the oldest job waiting in each queue has waited.");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private IEnumerable<Measurement<double>> OldestWaits()
    {
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var queue in Queues())
        {
            if (queue.FirstJobs.Select(j => j.Value?.EnqueuedAt).FirstOrDefault(at => at is not null) is { } oldest)
            {
                yield return new Measurement<double>((now - oldest).TotalSeconds, Queue(queue.Name));
            }
        }
    }

    private IList<Hangfire.Storage.Monitoring.QueueWithTopEnqueuedJobsDto> Queues() => storage.GetMonitoringApi().Queues();

    private static KeyValuePair<string, object?> Queue(string name) => new("queue", name);
}
