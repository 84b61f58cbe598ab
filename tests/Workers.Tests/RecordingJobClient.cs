using System.Collections.Concurrent;
using System.Globalization;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace Strata.Workers.Tests;

/// <summary>Hangfire's client without storage: keeps the queued jobs (and their queues) for the test to inspect and run.</summary>
public sealed class RecordingJobClient : IBackgroundJobClient
{
    private readonly ConcurrentQueue<Job> _queued = new();
    private int _created;

    /// <summary>Every job ever queued, run or not.</summary>
    public ConcurrentBag<Job> Created { get; } = [];

    public string Create(Job job, IState state)
    {
        Created.Add(job);
        _queued.Enqueue(job);
        return Interlocked.Increment(ref _created).ToString(CultureInfo.InvariantCulture);
    }

    public bool ChangeState(string jobId, IState state, string expectedState) => false;

    public bool TryDequeue(out Job job) => _queued.TryDequeue(out job!);
}
