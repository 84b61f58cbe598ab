using System.Runtime.InteropServices;

namespace Strata.Infrastructure.Previews;

/// <summary>
/// Rendering runs at a lower scheduling priority (nice 10) than the requests, so that a bulk upload being pictured
/// takes only the CPU that browsing leaves idle, and the folder listings stay fast meanwhile (bench/previews.sh).
/// Linux keeps a nice value per thread, and a thread's value is inherited by the threads and processes it starts:
/// libvips' workers started from a rendering thread, and the children of a lowered tool.
/// </summary>
public static partial class LowPriority
{
    private const int PrioProcess = 0;
    private const int NiceValue = 10;

    /// <summary>Runs <paramref name="work"/> on a thread of its own at the lower priority.</summary>
    /// <remarks>
    /// A new thread each time rather than a pool: a rendering takes a tenth of a second or more, starting a thread a few
    /// microseconds, and pool threads must keep the priority of the requests they also serve.
    /// </remarks>
    public static Task<T> RunAsync<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            Lower(0);
            try
            {
                done.SetResult(work());
            }
#pragma warning disable CA1031 // Whatever the work throws belongs to the caller awaiting it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = "Strata render",
        };
        thread.Start();
        return done.Task;
    }

    /// <summary>Lowers the process <paramref name="processId"/> (its main thread, hence what it starts after), or with 0 the calling thread.</summary>
    public static void Lower(int processId)
    {
        // Best effort: where the call is refused or unknown, rendering still works at normal priority.
        if (OperatingSystem.IsLinux())
        {
            _ = SetPriority(PrioProcess, processId, NiceValue);
        }
    }

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);
}
