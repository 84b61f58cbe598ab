using System.Globalization;
using Strata.Infrastructure.Previews;

namespace Strata.Infrastructure.Tests.Previews;

/// <summary>Rendering gives way to requests: its threads and tools run at nice 10, the requests at the host's own.</summary>
public sealed class LowPriorityTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Work_runs_on_a_lowered_thread_and_the_caller_keeps_its_priority()
    {
        var callerBefore = NiceOf("/proc/thread-self/stat");

        var (threadId, nice) = await LowPriority.RunAsync(() => (Environment.CurrentManagedThreadId, NiceOf("/proc/thread-self/stat")));

        nice.ShouldBe(Math.Min(callerBefore + 10, 19));
        threadId.ShouldNotBe(Environment.CurrentManagedThreadId);
        NiceOf("/proc/thread-self/stat").ShouldBe(callerBefore);
    }

    [Fact]
    public async Task What_the_work_throws_reaches_the_caller()
    {
        var thrown = await Should.ThrowAsync<InvalidOperationException>(
            LowPriority.RunAsync<int>(() => throw new InvalidOperationException("not a picture")));

        thrown.Message.ShouldBe("not a picture");
    }

    [Fact]
    public async Task A_tool_and_what_it_starts_run_lowered()
    {
        var own = NiceOf("/proc/self/stat");

        // The shell starts `cut` after a pause, as the real tools start their workers after reading their input.
        var run = await ExternalTool.RunAsync(
            "sh", ["-c", "sleep 0.2; cut -d ' ' -f 19 /proc/self/stat"], Path.GetTempPath(), TimeSpan.FromSeconds(30), Ct);

        run.Succeeded.ShouldBeTrue(run.Error);
        int.Parse(run.Output.Trim(), CultureInfo.InvariantCulture).ShouldBe(Math.Min(own + 10, 19));
    }

    /// <summary>Field 19 of a <c>stat</c> file, the nice value, counted after the bracketed name (which may hold spaces).</summary>
    private static int NiceOf(string statFile) =>
        int.Parse(File.ReadAllText(statFile).Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries)[16], CultureInfo.InvariantCulture);
}
