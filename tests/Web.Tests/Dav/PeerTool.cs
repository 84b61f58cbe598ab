using System.ComponentModel;
using System.Diagnostics;

namespace Strata.Web.Tests.Dav;

/// <summary>Runs a real WebDAV client (litmus, rclone, cadaver) with a hard timeout; a missing tool fails with a clear reason.</summary>
internal static class PeerTool
{
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string tool, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null, string? input = null, TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"'{tool}' could not be started ({e.Message}); install the Debian package '{tool}' to run this test.", e);
        }

        using (process)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            limit.CancelAfter(timeout ?? TimeSpan.FromMinutes(3));
            var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
            var stderr = process.StandardError.ReadToEndAsync(limit.Token);
            if (input is not null)
            {
                await process.StandardInput.WriteAsync(input);
            }

            process.StandardInput.Close();
            try
            {
                await process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException e)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} {string.Join(' ', start.ArgumentList)} did not finish in time.", e);
            }

            return (process.ExitCode, await stdout + await stderr);
        }
    }
}
