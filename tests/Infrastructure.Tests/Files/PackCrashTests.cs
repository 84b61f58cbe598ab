using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Strata.Infrastructure.Files;

namespace Strata.Infrastructure.Tests.Files;

/// <summary>
/// Kills a real process (this test assembly, started again to run only <see cref="PackCrashWorker"/>) at each step of a pack
/// append and of a compaction, then checks, as the next start would, that every blob the worker was told is committed
/// reads back byte for byte and that nothing listed points at missing or wrong bytes.
/// </summary>
public sealed class PackCrashTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("strata-crash-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("append", "pack.appended#6")]
    [InlineData("append", "pack.synced#6")]
    [InlineData("append", "pack.indexed#6")]
    [InlineData("compact", "compact.copied")]
    [InlineData("compact", "compact.before-delete")]
    [InlineData("compact", "compact.after-delete")]
    public async Task A_crash_loses_no_committed_blob(string mode, string crashAt)
    {
        var exitCode = await RunWorkerAsync(mode, crashAt);

        var output = await File.ReadAllTextAsync(Path.Combine(_root, PackCrashWorker.Log), Ct);
        exitCode.ShouldNotBe(0, output);
        output.ShouldNotContain("done");
        var acknowledged = Ids(output, "ack").Except(Ids(output, "del")).ToList();
        acknowledged.ShouldNotBeEmpty();
        using var store = PackCrashWorker.Open(_root);
        foreach (var id in acknowledged)
        {
            await using var stream = await store.OpenReadAsync(Convert.ToHexStringLower(SHA256.HashData(PackCrashWorker.Content(id))), Ct);
            (await ReadAllAsync(stream)).ShouldBe(PackCrashWorker.Content(id));
        }

        await foreach (var (hash, _) in store.ListAsync(Ct))
        {
            await using var stream = await store.OpenReadAsync(hash, Ct);
            Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, Ct)).ShouldBe(hash);
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task<int> RunWorkerAsync(string mode, string crashAt)
    {
        // Under `dotnet test` this process is the test assembly's own executable; under `dotnet exec`, dotnet. Either
        // way, the assembly's entry point runs the worker instead of the tests when the variable is set.
        var host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add("exec");
            start.ArgumentList.Add(typeof(PackCrashTests).Assembly.Location);
        }

        start.Environment[PackCrashWorker.Variable] = mode + "|" + _root;
        start.Environment["STRATA_CRASH_AT"] = crashAt;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        var error = process.StandardError.ReadToEndAsync(Ct);
        await process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await output;
        await error;
        return process.ExitCode;
    }

    private static IEnumerable<int> Ids(string output, string verb) =>
        output.Split('\n').Where(l => l.StartsWith(verb + " ", StringComparison.Ordinal)).Select(l => int.Parse(l[(verb.Length + 1)..], CultureInfo.InvariantCulture));

    private static async Task<byte[]> ReadAllAsync(Stream stream)
    {
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }
}

/// <summary>
/// The process <see cref="PackCrashTests"/> kills: it writes (and deletes and compacts) blobs, logging each id once its
/// commit or deletion returned.
/// </summary>
public static class PackCrashWorker
{
    public const string Variable = "STRATA_CRASH_WORKER";
    public const string Log = "acknowledged.log";

    public static LocalBlobStore Open(string root) => new(root, TimeProvider.System, packThreshold: 4096, packVolumeSize: 16 << 10);

    /// <summary>Between 300 bytes and 3 KiB, the same for an id in every process.</summary>
    public static byte[] Content(int id)
    {
        var bytes = new byte[300 + (id * 97 % 2800)];
        BitConverter.TryWriteBytes(bytes, id);
        SHA256.HashData(bytes.AsSpan(0, 4)).CopyTo(bytes, 4);
        return bytes;
    }

    /// <summary>Runs the job named by <see cref="Variable"/> (the test assembly's entry point calls it: see Program).</summary>
    public static async Task RunAsync(string job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var separator = job.IndexOf('|', StringComparison.Ordinal);
        var root = job[(separator + 1)..];

        // Each line reaches the file before the next step, so the log survives the kill.
        await using var file = new StreamWriter(Path.Combine(root, Log)) { AutoFlush = true };
        var log = TextWriter.Synchronized(file);
        await (job[..separator] == "append" ? AppendAsync(root, log) : CompactAsync(root, log));
        await log.WriteLineAsync("done");
    }

    private static async Task AppendAsync(string root, TextWriter log)
    {
        using var store = Open(root);
        await WriteAsync(store, 400, log);
    }

    // Eight writers at once, so that groups of several records share an fsync, over several volumes.
    private static Task WriteAsync(LocalBlobStore store, int count, TextWriter log) =>
        Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var id = writer; id < count; id += 8)
            {
                await CommitAsync(store, id, log);
            }
        })));

    private static async Task CompactAsync(string root, TextWriter log)
    {
        using var store = Open(root);
        await WriteAsync(store, 120, log);
        for (var id = 0; id < 120; id++)
        {
            if (id % 4 != 0)
            {
                await store.DeleteAsync(Convert.ToHexStringLower(SHA256.HashData(Content(id))), CancellationToken.None);
                await log.WriteLineAsync($"del {id}");
            }
        }

        var writing = Task.Run(async () =>
        {
            for (var id = 1000; id < 1040; id++)
            {
                await CommitAsync(store, id, log);
            }
        });
        await store.CompactAsync(CancellationToken.None);
        await writing;
    }

    private static async Task CommitAsync(LocalBlobStore store, int id, TextWriter log)
    {
        await using var staged = await store.StageAsync(new MemoryStream(Content(id)), CancellationToken.None);
        await staged.CommitAsync(CancellationToken.None);
        await log.WriteLineAsync($"ack {id}");
    }
}
