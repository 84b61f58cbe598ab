using Strata.Infrastructure.Tests.Files;

namespace Strata.Infrastructure.Tests;

/// <summary>
/// xUnit's entry point, as it would generate it, and the crash worker's: <see cref="PackCrashTests"/> starts this
/// executable again with the worker's variable set, to run only the worker in a process it can kill. A worker written
/// as a test would show as skipped in every ordinary run.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (Environment.GetEnvironmentVariable(PackCrashWorker.Variable) is { } job)
        {
            await PackCrashWorker.RunAsync(job);
            return 0;
        }

        return args.Any(arg => arg is "--server" or "--internal-msbuild-node")
            ? await Xunit.MicrosoftTestingPlatform.TestPlatformTestFramework.RunAsync(args, SelfRegisteredExtensions.AddSelfRegisteredExtensions)
            : await Xunit.Runner.InProc.SystemConsole.ConsoleRunner.Run(args);
    }
}
