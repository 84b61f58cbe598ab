using CliWrap;
using CliWrap.Buffered;

namespace Strata.Infrastructure.Previews;

/// <summary>
/// Runs a native program (ffmpeg, pdftoppm, LibreOffice) on untrusted content the one safe way: by an argument array,
/// never through a shell, with no standard input, in a working folder of the caller's, and killed with every process
/// it started when its time is up or the caller cancels; and at <see cref="LowPriority"/>, like all rendering.
/// </summary>
public static class ExternalTool
{
    /// <summary>How much of a tool's error output is kept for the log (its first lines say what went wrong).</summary>
    private const int ErrorChars = 2000;

    /// <exception cref="OperationCanceledException">The caller cancelled (not the timeout: that is a result).</exception>
    public static async Task<ToolRun> RunAsync(
        string program, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            var run = Cli.Wrap(program)
                .WithArguments(arguments)
                .WithWorkingDirectory(workingDirectory)
                .WithStandardInputPipe(PipeSource.Null)
                .WithValidation(CommandResultValidation.None)
                .ExecuteBufferedAsync(limit.Token);

            // Lowered as soon as it exists: the tools start their worker threads and processes only after reading their
            // input, and those inherit the priority.
            LowPriority.Lower(run.ProcessId);
            var result = await run;
            var error = result.StandardError;
            return new ToolRun(result.ExitCode, result.StandardOutput, error.Length > ErrorChars ? error[..ErrorChars] : error, TimedOut: false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new ToolRun(-1, "", "", TimedOut: true);
        }
    }
}

/// <summary>How a tool ended: its exit code and output, or that it ran out of time and was killed.</summary>
public sealed record ToolRun(int ExitCode, string Output, string Error, bool TimedOut)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;
}
