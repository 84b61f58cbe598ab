using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Strata.Infrastructure.Files;
using Strata.Workers.Blobs;

namespace Strata.Workers.Tests.Blobs;

/// <summary>The GC over small blobs packed into volumes small enough that a few files fill several.</summary>
public sealed class BlobGarbageCollectionPackTests : IAsyncLifetime
{
    private readonly WorkersHost _host = new(new Dictionary<string, string?> { ["Strata:Blobs:PackVolumeSize"] = "65536" });

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Volumes_left_mostly_dead_by_the_sweep_are_compacted_and_referenced_blobs_stay()
    {
        var kept = new List<(string Hash, byte[] Bytes)>();
        for (var i = 0; i < 30; i++)
        {
            var bytes = RandomNumberGenerator.GetBytes(4000);
            kept.Add(((await _host.WriteAsync($"/Shared/kept-{i}.bin", bytes, Ct)).ContentHash!, bytes));
            await StoreAsync(RandomNumberGenerator.GetBytes(4000));
            await StoreAsync(RandomNumberGenerator.GetBytes(4000));
        }

        _host.Clock.Advance(TimeSpan.FromHours(2));
        var report = await _host.RunAsync(sp => sp.GetRequiredService<BlobGarbageCollectionJob>().ExecuteAsync(Ct));

        report.Orphans.ShouldBe(60);
        report.VolumesCompacted.ShouldBeGreaterThan(0);
        foreach (var (hash, bytes) in kept)
        {
            await using var stream = await _host.Store.OpenReadAsync(hash, Ct);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, Ct);
            copy.ToArray().ShouldBe(bytes);
        }
    }

    public async ValueTask InitializeAsync() => await _host.StartAsync(Ct);

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private Task<(string Hash, long Size)> StoreAsync(byte[] content) =>
        _host.RunAsync(sp => sp.GetRequiredService<BlobService>().StoreAsync(new MemoryStream(content), Ct));
}
