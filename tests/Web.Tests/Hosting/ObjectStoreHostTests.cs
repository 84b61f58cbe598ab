using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Tests;
using Strata.Tests.Previews;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Previews;
using Strata.Workers.Blobs;

namespace Strata.Web.Tests.Hosting;

/// <summary>One host whose blobs are in an object store (Azurite, s3rver), through the real pipeline.</summary>
public sealed class ObjectStoreHostTests : IDisposable
{
    private readonly StrataAppFactory _app = new();
    private BlobStorageOptions? _options;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory(SkipTestWithoutData = true)]
    [ObjectStoreData]
    public async Task Files_stream_whole_and_by_range_and_get_thumbnails(BlobProvider provider)
    {
        using var admin = await StartAsync(provider);
        var bytes = RandomNumberGenerator.GetBytes(3 << 20);
        (await admin.MkdirAsync("/Shared/Team")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await admin.PutBytesAsync("/Shared/Team/build.bin", bytes)).StatusCode.ShouldBe(HttpStatusCode.Created);
        using (var put = await admin.PutAsync(FsClient.Content("/Shared/Team/photo.jpg"), new ByteArrayContent(TestImages.Photo(".jpg")), Ct))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        _app.Services.GetRequiredService<IBlobStore>().ShouldBeOfType<ObjectBlobStore>();
        var stored = await ObjectBuckets.Open(_options!).ListAsync(string.Empty, Ct).Select(o => o.Key).ToListAsync(Ct);
        stored.ShouldContain(ObjectBlobStore.KeyOf(Convert.ToHexStringLower(SHA256.HashData(bytes))));
        (await admin.GetByteArrayAsync(FsClient.Content("/Shared/Team/build.bin"), Ct)).ShouldBe(bytes);
        using var range = new HttpRequestMessage(HttpMethod.Get, FsClient.Content("/Shared/Team/build.bin"));
        range.Headers.Range = new RangeHeaderValue(2_000_000, 2_000_099);
        using (var partial = await admin.SendAsync(range, Ct))
        {
            partial.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
            (await partial.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(bytes[2_000_000..2_000_100]);
        }

        using var made = await admin.UntilMadeAsync(new Uri("/api/v1/previews/Shared/Team/photo.jpg?size=256", UriKind.Relative));
        made.StatusCode.ShouldBe(HttpStatusCode.OK);
        TestImages.SizeOf(await made.Content.ReadAsByteArrayAsync(Ct)).ShouldBe((256, 256));
        using var ready = await _app.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory(SkipTestWithoutData = true)]
    [ObjectStoreData]
    public async Task The_collector_deletes_from_the_store_what_nothing_references(BlobProvider provider)
    {
        _app.Settings["Strata:Blobs:GracePeriod"] = "00:00:01";
        using var admin = await StartAsync(provider);
        (await admin.PutTextAsync("/Shared/kept.txt", "kept")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var store = _app.Services.GetRequiredService<IBlobStore>();
        var orphan = await store.StageAsync(new MemoryStream("nobody's"u8.ToArray()), Ct);
        await orphan.CommitAsync(Ct);
        await Task.Delay(TimeSpan.FromSeconds(2), Ct);

        using var scope = _app.Services.CreateScope();
        var report = await scope.ServiceProvider.GetRequiredService<BlobGarbageCollectionJob>().ExecuteAsync(Ct);

        report.Orphans.ShouldBe(1);
        (await store.ExistsAsync(orphan.Hash, Ct)).ShouldBeFalse();
        (await admin.GetTextAsync("/Shared/kept.txt")).ShouldBe("kept");
    }

    [Fact]
    public void An_object_store_without_a_connection_string_stops_the_host_naming_the_setting()
    {
        _app.Settings["Strata:Blobs:Provider"] = "S3";

        var refused = Should.Throw<Microsoft.Extensions.Options.OptionsValidationException>(() => _app.Services);

        refused.Message.ShouldContain("ConnectionString is needed when Provider is S3");
    }

    public void Dispose() => _app.Dispose();

    private Task<HttpClient> StartAsync(BlobProvider provider)
    {
        _options = ObjectStoreDataAttribute.FreshContainer(provider);
        _app.Settings["Strata:Blobs:Provider"] = provider.ToString();
        _app.Settings["Strata:Blobs:ConnectionString"] = _options.ConnectionString;
        _app.Settings["Strata:Blobs:Container"] = _options.Container;
        return _app.CreateAdminClientAsync();
    }
}
