using System.Collections.Concurrent;
using System.Globalization;
using System.Net;

namespace Strata.Web.Tests.Files;

/// <summary>
/// The whole write path under <c>kill -9</c> (issue 25): a real Strata process takes concurrent PUTs of packed and
/// unpacked content until it kills itself at a named step (<c>STRATA_CRASH_AT</c>) of the blob store or of a commit
/// batch; started again on the same data, every file it acknowledged must read back byte for byte, and every file it
/// lists must read back as what was sent for that name (nothing points at missing or half-written content).
/// </summary>
public sealed class WriteCrashTests : IDisposable
{
    private const int Files = 240;
    private const int Sequential = 40;
    private const int Writers = 16;
    private const string Password = "correct horse battery";

    private readonly string _data = Directory.CreateTempSubdirectory("strata-write-crash-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // Each point is reached once per group of writes: the first Sequential files make one group each (32 packed, 8 files
    // of their own, and the folder one more batch), so every point below falls a few groups into the concurrent writes
    // that follow, however many of them a slow machine gathers into one group.
    [Theory]
    [InlineData("pack.appended#36")]
    [InlineData("pack.synced#36")]
    [InlineData("blob.renamed#10")]
    [InlineData("batch.applied#45")]
    [InlineData("batch.committed#45")]
    public async Task A_kill_at_any_step_of_a_write_loses_no_acknowledged_file(string crashAt)
    {
        var acknowledged = new ConcurrentBag<int>();
        using (var crashing = await StrataProcess.StartAsync(_data, Password, crashAt))
        {
            using var client = crashing.Client();
            (await client.MkdirAsync("/Shared/crash")).StatusCode.ShouldBe(HttpStatusCode.Created);
            for (var id = 0; id < Sequential; id++)
            {
                (await PutAsync(client, id)).ShouldBe(HttpStatusCode.Created, crashing.Output);
                acknowledged.Add(id);
            }

            await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(() => WriteUntilGoneAsync(client, writer, acknowledged), Ct)));
            (await crashing.ExitCodeAsync()).ShouldNotBe(0, crashing.Output);
        }

        acknowledged.Count.ShouldBeLessThan(Files, $"the host was to die at {crashAt} before the last write");

        using var restarted = await StrataProcess.StartAsync(_data, Password, crashAt: null);
        using var reader = restarted.Client();
        foreach (var id in acknowledged)
        {
            (await reader.GetByteArrayAsync(Url(id), Ct)).ShouldBe(Content(id), $"acknowledged file {id}");
        }

        var listed = await reader.ListNamesAsync("/Shared/crash");
        listed.ShouldBeSubsetOf(Enumerable.Range(0, Files).Select(Name));
        foreach (var name in listed)
        {
            var id = int.Parse(name[1..4], CultureInfo.InvariantCulture);
            (await reader.GetByteArrayAsync(Url(id), Ct)).ShouldBe(Content(id), $"listed file {name}");
        }
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);

    private static async Task WriteUntilGoneAsync(HttpClient client, int writer, ConcurrentBag<int> acknowledged)
    {
        for (var id = Sequential + writer; id < Files; id += Writers)
        {
            try
            {
                (await PutAsync(client, id)).ShouldBe(HttpStatusCode.Created);
                acknowledged.Add(id);
            }
            catch (HttpRequestException)
            {
                return; // the host is gone
            }
        }
    }

    private static async Task<HttpStatusCode> PutAsync(HttpClient client, int id)
    {
        using var response = await client.PutAsync(Url(id), new ByteArrayContent(Content(id)), Ct);
        return response.StatusCode;
    }

    private static string Name(int id) => $"f{id:D3}.bin";

    private static Uri Url(int id) => FsClient.Content("/Shared/crash/" + Name(id));

    /// <summary>
    /// The same bytes for an id in every process: mostly 4 KiB (packed), every fifth 300 KiB (a file of its own).
    /// </summary>
    private static byte[] Content(int id)
    {
        var bytes = new byte[id % 5 == 0 ? 300 << 10 : 4 << 10];
        new Random(id).NextBytes(bytes);
        return bytes;
    }
}
