using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Files;
using Strata.Infrastructure.Tests.Files;
using Strata.Infrastructure.Uploads;
using Strata.Web.Tests.Files;
using Strata.Workers.Uploads;

namespace Strata.Web.Tests.Uploads;

public sealed class TusTests : IAsyncLifetime
{
    private const string Folder = "/Shared/Builds";
    private StrataAppFactory _app = new();
    private HttpClient _alice = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        using var admin = await _app.CreateAdminClientAsync();
        (await admin.MkdirAsync(Folder)).StatusCode.ShouldBe(HttpStatusCode.Created);
        _alice = await _app.CreateUserClientAsync();
    }

    [Fact]
    public async Task Options_advertises_version_extensions_and_max_size_which_creation_enforces()
    {
        using var app = new StrataAppFactory();
        app.Settings["Strata:Uploads:MaxSize"] = "1000000";
        using var anonymous = app.CreateAnonymousClient();
        using var request = TusClient.Request(HttpMethod.Options, TusClient.Endpoint, tusVersion: null);

        using var response = await anonymous.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Header(response, "Tus-Resumable").ShouldBe("1.0.0");
        Header(response, "Tus-Version").ShouldBe("1.0.0");
        Header(response, "Tus-Extension").ShouldBe("creation,creation-with-upload,termination,expiration");
        Header(response, "Tus-Max-Size").ShouldBe("1000000");
        using var user = await app.CreateUserClientAsync();
        (await user.CreateAsync("/Private/alice", "huge.bin", 1_000_001)).StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Create_then_one_patch_completes_and_downloads_identical()
    {
        var bytes = RandomNumberGenerator.GetBytes(700_000);
        using var created = await _alice.CreateAsync(Folder, "app.bin", bytes.Length);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        Header(created, "Tus-Resumable").ShouldBe("1.0.0");
        Header(created, "Upload-Expires").ShouldNotBeNullOrEmpty();
        var location = created.Headers.Location!.ToString();
        location.ShouldMatch("^/api/v1/uploads/[0-9a-f]{32}$");

        using var patched = await _alice.PatchAsync(location, 0, bytes);

        patched.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        patched.Offset().ShouldBe(bytes.Length);
        Header(patched, "Strata-Node-Path").ShouldBe("/Shared/Builds/app.bin");
        await ShouldBeCommittedAsync(patched, "/Shared/Builds/app.bin", bytes);
        (await _alice.HeadAsync(location)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        Directory.EnumerateFiles(PartFolder(_app)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Creation_with_upload_appends_the_body_at_once()
    {
        var bytes = RandomNumberGenerator.GetBytes(50_000);
        using var partial = await _alice.CreateAsync(Folder, "half.bin", bytes.Length * 2L, bytes);
        partial.StatusCode.ShouldBe(HttpStatusCode.Created);
        partial.Offset().ShouldBe(bytes.Length);

        using var whole = await _alice.CreateAsync(Folder, "whole.bin", bytes.Length, bytes);

        whole.StatusCode.ShouldBe(HttpStatusCode.Created);
        whole.Offset().ShouldBe(bytes.Length);
        Header(whole, "Strata-Node-Path").ShouldBe("/Shared/Builds/whole.bin");
        (await DownloadHashAsync(_alice, "/Shared/Builds/whole.bin")).ShouldBe(Sha256(bytes));
    }

    [Fact]
    public async Task Empty_upload_completes_at_creation()
    {
        using var created = await _alice.CreateAsync(Folder, "empty.txt", 0);

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _alice.GetTextAsync("/Shared/Builds/empty.txt")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Resume_in_several_patches_with_head_in_between()
    {
        var bytes = RandomNumberGenerator.GetBytes(1_000_000);
        var location = await _alice.StartAsync(Folder, "chunks.bin", bytes.Length);
        (await _alice.OffsetAsync(location)).ShouldBe(0);

        foreach (var (from, to) in new[] { (0, 300_000), (300_000, 650_000), (650_000, 1_000_000) })
        {
            var offset = await _alice.OffsetAsync(location);
            offset.ShouldBe(from);
            using var response = await _alice.PatchAsync(location, offset, bytes[from..to]);
            response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
            response.Offset().ShouldBe(to);
        }

        (await DownloadHashAsync(_alice, "/Shared/Builds/chunks.bin")).ShouldBe(Sha256(bytes));
    }

    [Fact]
    public async Task Several_patches_are_hashed_as_they_arrive_and_commit_under_the_sha256_of_the_content()
    {
        var bytes = RandomNumberGenerator.GetBytes(1_000_000);
        var location = await _alice.StartAsync(Folder, "hashed.bin", bytes.Length);
        var parts = _app.Services.GetRequiredService<PartFiles>();
        (await _alice.PatchAsync(location, 0, bytes[..400_000])).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _alice.PatchAsync(location, 400_000, bytes[400_000..700_000])).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        parts.FinishedHash(IdOf(location), 700_000).ShouldBe(Sha256(bytes[..700_000]), "the running hash follows every PATCH");

        using var last = await _alice.PatchAsync(location, 700_000, bytes[700_000..]);

        last.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ShouldBeCommittedAsync(last, "/Shared/Builds/hashed.bin", bytes);
        parts.FinishedHash(IdOf(location), bytes.Length).ShouldBeNull("a completed upload forgets its hash");
    }

    [Fact]
    public async Task Restart_mid_upload_loses_the_running_hash_and_completion_hashes_the_part_file()
    {
        var bytes = RandomNumberGenerator.GetBytes(1_000_000);
        var location = await _alice.StartAsync(Folder, "restarted.bin", bytes.Length);
        (await _alice.PatchAsync(location, 0, bytes[..600_000])).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await RestartAsync();
        _app.Services.GetRequiredService<PartFiles>().FinishedHash(IdOf(location), 600_000).ShouldBeNull();

        using var resumed = await _alice.PatchAsync(location, 600_000, bytes[600_000..]);

        resumed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ShouldBeCommittedAsync(resumed, "/Shared/Builds/restarted.bin", bytes);
    }

    [Fact]
    public async Task Part_file_found_short_resumes_from_what_it_holds_and_commits_under_the_sha256_of_the_content()
    {
        var bytes = RandomNumberGenerator.GetBytes(1_000_000);
        var location = await _alice.StartAsync(Folder, "short.bin", bytes.Length);
        (await _alice.PatchAsync(location, 0, bytes[..600_000])).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await using (var part = new FileStream(Path.Combine(PartFolder(_app), IdOf(location) + ".part"), FileMode.Open, FileAccess.Write))
        {
            part.SetLength(250_000);
        }

        (await _alice.PatchAsync(location, 600_000, bytes[600_000..])).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await _alice.OffsetAsync(location)).ShouldBe(250_000);
        using var resumed = await _alice.PatchAsync(location, 250_000, bytes[250_000..]);

        resumed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await ShouldBeCommittedAsync(resumed, "/Shared/Builds/short.bin", bytes);
    }

    /// <summary>
    /// With a small checkpoint interval a PATCH runs many fsyncs in the background; one dropped midway keeps
    /// no more than was sent, its running hash stays in step, and resuming yields the exact content.
    /// </summary>
    [Fact]
    public async Task Dropped_patch_with_background_checkpoints_resumes_to_identical_content()
    {
        using var app = new StrataAppFactory();
        app.Settings["Strata:Uploads:CheckpointBytes"] = "65536";
        using var admin = await app.CreateAdminClientAsync();
        (await admin.MkdirAsync(Folder)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var bytes = RandomNumberGenerator.GetBytes(5_000_000);
        const int sent = 3_000_000;
        var location = await admin.StartAsync(Folder, "checkpoints.bin", bytes.Length);
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        using (var request = TusClient.Request(HttpMethod.Patch, location))
        {
            request.Headers.Add("Upload-Offset", "0");
            request.Content = TusClient.OffsetContent(new StreamContent(new DroppingStream(bytes, sent, connection)));
            await Should.ThrowAsync<OperationCanceledException>(() => admin.SendAsync(request, connection.Token));
        }

        // The server holds the upload's lock until it has recorded what arrived.
        var parts = app.Services.GetRequiredService<PartFiles>();
        using (await parts.LockAsync(IdOf(location), Ct))
        {
        }

        var offset = await admin.OffsetAsync(location);
        offset.ShouldBeInRange(1, sent);
        parts.FinishedHash(IdOf(location), offset).ShouldBe(Sha256(bytes[..(int)offset]), "all that arrived was written, hashed and recorded");
        using var resumed = await admin.PatchAsync(location, offset, bytes[(int)offset..]);

        resumed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        resumed.Headers.ETag!.Tag.ShouldBe(NodeInfo.ContentETag(Sha256(bytes)));
        (await DownloadHashAsync(admin, "/Shared/Builds/checkpoints.bin")).ShouldBe(Sha256(bytes));
    }

    [Fact]
    public async Task Checkpointed_bytes_leave_the_page_cache()
    {
        using var app = new StrataAppFactory();
        app.Settings["Strata:Uploads:CheckpointBytes"] = "1048576";
        using var admin = await app.CreateAdminClientAsync();
        (await admin.MkdirAsync(Folder)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var bytes = RandomNumberGenerator.GetBytes(16 << 20);
        var location = await admin.StartAsync(Folder, "cache.bin", bytes.Length);

        using var half = await admin.PatchAsync(location, 0, bytes[..(8 << 20)]);

        half.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var partFile = app.Services.GetRequiredService<PartFiles>().PathOf(IdOf(location));
        // Which checkpoint runs last depends on how fast the disk syncs; the first one starts at 1 MiB and has ended
        // (and given its bytes back) before the PATCH is answered.
        (await PageCacheResidency.OfAsync(partFile, Ct)).ShouldBeLessThanOrEqualTo(7L << 20, "the bytes of each finished background checkpoint left the cache");
        using var rest = await admin.PatchAsync(location, 8 << 20, bytes[(8 << 20)..]);
        rest.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await DownloadHashAsync(admin, "/Shared/Builds/cache.bin")).ShouldBe(Sha256(bytes));
    }

    [Fact]
    public async Task Head_reports_length_metadata_and_no_store()
    {
        var location = await _alice.StartAsync(Folder, "meta.bin", 10);

        using var response = await _alice.HeadAsync(location);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        Header(response, "Upload-Length").ShouldBe("10");
        Header(response, "Upload-Metadata").ShouldBe(TusClient.Metadata(("filename", "meta.bin"), ("folder", Folder), ("filetype", "application/octet-stream")));
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
    }

    [Fact]
    public async Task Overwrite_through_tus_creates_a_new_version()
    {
        (await _alice.PutTextAsync("/Shared/Builds/v.txt", "one")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var location = await _alice.StartAsync(Folder, "v.txt", 3);

        using var response = await _alice.PatchAsync(location, 0, "two"u8.ToArray());

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _alice.GetTextAsync("/Shared/Builds/v.txt")).ShouldBe("two");
        var versions = await _alice.GetJsonAsync(new Uri("/api/v1/versions/Shared/Builds/v.txt", UriKind.Relative));
        versions.GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Offset_mismatch_is_409()
    {
        var location = await _alice.StartAsync(Folder, "m.bin", 100);

        using var response = await _alice.PatchAsync(location, 10, new byte[10]);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await _alice.OffsetAsync(location)).ShouldBe(0);
    }

    [Fact]
    public async Task Wrong_content_type_is_415()
    {
        var location = await _alice.StartAsync(Folder, "c.bin", 100);

        using var response = await _alice.PatchAsync(location, 0, new byte[10], "application/octet-stream");

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Body_past_upload_length_is_413()
    {
        var location = await _alice.StartAsync(Folder, "big.bin", 5);

        using var response = await _alice.PatchAsync(location, 0, new byte[6]);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        (await _alice.OffsetAsync(location)).ShouldBe(0);
    }

    [Theory]
    [InlineData("0.9.0")]
    [InlineData(null)]
    public async Task Unsupported_tus_resumable_is_412_with_tus_version(string? version)
    {
        using var request = TusClient.Request(HttpMethod.Post, TusClient.Endpoint, version);
        request.Headers.Add("Upload-Length", "1");
        request.Headers.Add("Upload-Metadata", TusClient.Metadata(("filename", "x"), ("folder", Folder)));

        using var response = await _alice.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        Header(response, "Tus-Version").ShouldBe("1.0.0");
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("trailing.")]
    [InlineData("a\\b")]
    [InlineData("")]
    public async Task Bad_filename_is_400(string name)
    {
        using var response = await _alice.CreateAsync(Folder, name, 1);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        Directory.Exists(PartFolder(_app)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("NUL", "Windows reserves")]
    [InlineData("report<1>.txt", "'<'")]
    public async Task A_filename_windows_cannot_hold_is_400_with_the_reason(string name, string reason)
    {
        using var response = await _alice.CreateAsync(Folder, name, 1);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemDetailAsync()).ShouldContain(reason);
    }

    [Fact]
    public async Task Missing_metadata_or_length_is_400()
    {
        using var noLength = TusClient.Request(HttpMethod.Post, TusClient.Endpoint);
        noLength.Headers.Add("Upload-Metadata", TusClient.Metadata(("filename", "x"), ("folder", Folder)));
        (await _alice.SendAsync(noLength, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        using var noFolder = TusClient.Request(HttpMethod.Post, TusClient.Endpoint);
        noFolder.Headers.Add("Upload-Length", "1");
        noFolder.Headers.Add("Upload-Metadata", TusClient.Metadata(("filename", "x")));
        (await _alice.SendAsync(noFolder, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        using var deferred = TusClient.Request(HttpMethod.Post, TusClient.Endpoint);
        deferred.Headers.Add("Upload-Defer-Length", "1");
        deferred.Headers.Add("Upload-Metadata", TusClient.Metadata(("filename", "x"), ("folder", Folder)));
        (await _alice.SendAsync(deferred, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Missing_folder_is_404()
    {
        using var response = await _alice.CreateAsync("/Shared/Nope", "x.bin", 1);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Name_of_a_folder_is_409()
    {
        using var admin = await _app.CreateAdminClientAsync();
        (await admin.MkdirAsync("/Shared/Builds/sub")).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var response = await _alice.CreateAsync(Folder, "sub", 1);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Another_users_private_folder_is_404()
    {
        using var bob = await _app.CreateUserClientAsync("bob@strata.test");
        (await bob.MkdirAsync("/Private/bob/docs")).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var response = await _alice.CreateAsync("/Private/bob/docs", "x.bin", 1);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Own_private_folder_is_writable()
    {
        var location = await _alice.StartAsync("/Private/alice", "mine.txt", 2);

        using var response = await _alice.PatchAsync(location, 0, "hi"u8.ToArray());

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _alice.GetTextAsync("/Private/alice/mine.txt")).ShouldBe("hi");
    }

    [Fact]
    public async Task Another_users_upload_is_404_for_every_method()
    {
        var location = await _alice.StartAsync(Folder, "secret.bin", 10);
        using var bob = await _app.CreateUserClientAsync("bob@strata.test");

        (await bob.HeadAsync(location)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bob.PatchAsync(location, 0, new byte[10])).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var delete = TusClient.Request(HttpMethod.Delete, location);
        (await bob.SendAsync(delete, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _alice.OffsetAsync(location)).ShouldBe(0);
    }

    [Theory]
    [InlineData("/api/v1/uploads/0123456789abcdef0123456789abcdef")]
    [InlineData("/api/v1/uploads/..%2F..%2Fapp.db")]
    public async Task Unknown_upload_is_404(string location)
    {
        (await _alice.HeadAsync(location)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _alice.PatchAsync(location, 0, new byte[1])).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Termination_removes_the_upload_and_its_part_file()
    {
        var location = await _alice.StartAsync(Folder, "t.bin", 100);
        (await _alice.PatchAsync(location, 0, new byte[40])).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Directory.EnumerateFiles(PartFolder(_app)).ShouldHaveSingleItem();

        using var delete = TusClient.Request(HttpMethod.Delete, location);
        using var response = await _alice.SendAsync(delete, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await _alice.HeadAsync(location)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        Directory.EnumerateFiles(PartFolder(_app)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Commit_failure_is_409_and_keeps_the_upload()
    {
        using var admin = await _app.CreateAdminClientAsync();
        (await admin.MkdirAsync("/Shared/Gone")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var location = await _alice.StartAsync("/Shared/Gone", "late.bin", 4);
        (await admin.DeleteAsync(FsClient.Fs("/Shared/Gone"), Ct)).IsSuccessStatusCode.ShouldBeTrue();

        using var response = await _alice.PatchAsync(location, 0, [1, 2, 3, 4]);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.ProblemDetailAsync()).ShouldContain("/Shared/Gone");
        (await _alice.OffsetAsync(location)).ShouldBe(4);

        (await admin.MkdirAsync("/Shared/Gone")).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var retry = await _alice.PatchAsync(location, 4, []);
        retry.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await DownloadHashAsync(_alice, "/Shared/Gone/late.bin")).ShouldBe(Sha256([1, 2, 3, 4]));
    }

    [Fact]
    public async Task Expired_upload_is_404_and_purge_removes_its_part_file()
    {
        using var app = new StrataAppFactory();
        app.Settings["Strata:Uploads:Expiration"] = "00:00:01";
        using var admin = await app.CreateAdminClientAsync();
        (await admin.MkdirAsync(Folder)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var location = await admin.StartAsync(Folder, "old.bin", 100);
        (await admin.PatchAsync(location, 0, new byte[10])).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Directory.EnumerateFiles(PartFolder(app)).ShouldHaveSingleItem();

        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);

        (await admin.HeadAsync(location)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await admin.PatchAsync(location, 10, new byte[10])).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await using (var scope = app.Services.CreateAsyncScope())
        {
            (await scope.ServiceProvider.GetRequiredService<UploadPurgeJob>().ExecuteAsync(Ct)).ShouldBe(1);
        }


        Directory.EnumerateFiles(PartFolder(app)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Without_credentials_is_401()
    {
        using var anonymous = _app.CreateAnonymousClient();

        using var response = await anonymous.CreateAsync(Folder, "x.bin", 1);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>
    /// A PATCH cut mid-stream, then the host restarts on the same data folder: nothing is visible in the
    /// namespace, HEAD reports no more than was sent, and resuming from there yields the exact content.
    /// </summary>
    [Fact]
    public async Task Dropped_patch_and_restart_resume_to_identical_content()
    {
        var bytes = RandomNumberGenerator.GetBytes(3_000_000);
        const int sent = 1_200_000;
        var location = await _alice.StartAsync(Folder, "crash.bin", bytes.Length);
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        using (var request = TusClient.Request(HttpMethod.Patch, location))
        {
            request.Headers.Add("Upload-Offset", "0");
            request.Content = TusClient.OffsetContent(new StreamContent(new DroppingStream(bytes, sent, connection)));
            await Should.ThrowAsync<OperationCanceledException>(() => _alice.SendAsync(request, connection.Token));
        }

        await WaitUntilOffsetSettlesAsync(location);
        await RestartAsync();

        (await _alice.GetAsync(FsClient.Fs("/Shared/Builds/crash.bin"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var offset = await _alice.OffsetAsync(location);
        offset.ShouldBeInRange(1, sent, "a dropped PATCH keeps the bytes that arrived, and never more than were sent");
        using var resumed = await _alice.PatchAsync(location, offset, bytes[(int)offset..]);
        resumed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await DownloadHashAsync(_alice, "/Shared/Builds/crash.bin")).ShouldBe(Sha256(bytes));
    }

    public ValueTask DisposeAsync()
    {
        _alice.Dispose();
        _app.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>The server finishes recording a dropped PATCH just after the client gives up; wait for that.</summary>
    private async Task WaitUntilOffsetSettlesAsync(string location)
    {
        var previous = -1L;
        for (var i = 0; i < 50; i++)
        {
            var offset = await _alice.OffsetAsync(location);
            if (offset == previous && offset > 0)
            {
                return;
            }

            previous = offset;
            await Task.Delay(100, Ct);
        }
    }

    /// <summary>A new host on the same data folder, as after a crash or a deploy: what was in memory is gone.</summary>
    private async Task RestartAsync()
    {
        _alice.Dispose();
        var restarted = _app.Restart();
        _app.Dispose();
        _app = restarted;
        _alice = await _app.CreateUserClientAsync();
    }

    private static string IdOf(string location) => location[(location.LastIndexOf('/') + 1)..];

    /// <summary>The answer to the last PATCH names the content's hash, and the file downloads as exactly those bytes.</summary>
    private async Task ShouldBeCommittedAsync(HttpResponseMessage last, string path, byte[] bytes)
    {
        last.Headers.ETag!.Tag.ShouldBe(NodeInfo.ContentETag(Sha256(bytes)));
        (await DownloadHashAsync(_alice, path)).ShouldBe(Sha256(bytes));
    }

    private static async Task<string> DownloadHashAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(FsClient.Content(path), HttpCompletionOption.ResponseHeadersRead, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var body = await response.Content.ReadAsStreamAsync(Ct);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(body, Ct));
    }

    private static string Sha256(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string PartFolder(StrataAppFactory app) => Path.Combine(app.DataPath, "uploads");

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : null;
}
