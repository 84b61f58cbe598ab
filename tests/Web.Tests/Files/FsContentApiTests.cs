using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Strata.Domain.Files;

namespace Strata.Web.Tests.Files;

public sealed class FsContentApiTests : IAsyncLifetime
{
    private const string File = "/Shared/Dumps/app.dmp";
    private readonly StrataAppFactory _app = new();
    private readonly byte[] _bytes = RandomNumberGenerator.GetBytes(300_000);
    private HttpClient _alice = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        using var admin = await _app.CreateAdminClientAsync();
        (await admin.MkdirAsync("/Shared/Dumps")).StatusCode.ShouldBe(HttpStatusCode.Created);
        _alice = await _app.CreateUserClientAsync();
        using var put = await _alice.PutAsync(FsClient.Content(File), new ByteArrayContent(_bytes), Ct);
        put.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Upload_then_download_returns_identical_bytes_with_validators()
    {
        using var response = await _alice.GetAsync(FsClient.Content(File), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadAsByteArrayAsync(Ct);
        SHA256.HashData(body).ShouldBe(SHA256.HashData(_bytes));
        response.Headers.ETag!.Tag.ShouldBe(NodeInfo.ContentETag(Convert.ToHexStringLower(SHA256.HashData(_bytes))));
        response.Content.Headers.LastModified.ShouldNotBeNull();
        response.Headers.AcceptRanges.ShouldContain("bytes");
    }

    [Fact]
    public async Task Upload_response_carries_location_and_etag()
    {
        using var response = await _alice.PutAsync(FsClient.Content("/Shared/Dumps/b.bin"), new ByteArrayContent([1, 2, 3]), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.Location!.ToString().ShouldBe("/api/v1/fs/Shared/Dumps/b.bin");
        response.Headers.ETag.ShouldNotBeNull();
    }

    [Fact]
    public async Task Single_range_returns_206_with_the_slice()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, FsClient.Content(File));
        request.Headers.Range = new RangeHeaderValue(150_000, 150_099);

        using var response = await _alice.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        response.Content.Headers.ContentRange!.ToString().ShouldBe("bytes 150000-150099/300000");
        (await response.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(_bytes[150_000..150_100]);
    }

    [Fact]
    public async Task Suffix_range_returns_the_tail()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, FsClient.Content(File));
        request.Headers.Range = new RangeHeaderValue(null, 10);

        using var response = await _alice.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        (await response.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(_bytes[^10..]);
    }

    [Fact]
    public async Task Multiple_ranges_return_multipart_byteranges()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, FsClient.Content(File));
        request.Headers.TryAddWithoutValidation("Range", "bytes=0-9,1000-1019");

        using var response = await _alice.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("multipart/byteranges");
        var boundary = response.Content.Headers.ContentType.Parameters.Single(p => p.Name == "boundary").Value!;
        var body = await response.Content.ReadAsByteArrayAsync(Ct);
        response.Content.Headers.ContentLength.ShouldBe(body.Length);
        var parts = SplitMultipart(body, boundary);
        parts.Count.ShouldBe(2);
        parts[0].Headers.ShouldContain("Content-Range: bytes 0-9/300000");
        parts[0].Body.ShouldBe(_bytes[..10]);
        parts[1].Headers.ShouldContain("Content-Range: bytes 1000-1019/300000");
        parts[1].Body.ShouldBe(_bytes[1000..1020]);
    }

    [Fact]
    public async Task Range_with_a_stale_if_range_returns_the_whole_file()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, FsClient.Content(File));
        request.Headers.Range = new RangeHeaderValue(0, 9);
        request.Headers.IfRange = new RangeConditionHeaderValue(new EntityTagHeaderValue("\"stale\""));

        using var response = await _alice.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync(Ct)).Length.ShouldBe(_bytes.Length);
    }

    [Fact]
    public async Task Download_with_a_failing_if_match_returns_412()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, FsClient.Content(File));
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"other\""));

        using var response = await _alice.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Unsatisfiable_range_returns_416()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, FsClient.Content(File));
        request.Headers.Range = new RangeHeaderValue(400_000, 400_010);

        using var response = await _alice.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestedRangeNotSatisfiable);
    }

    [Fact]
    public async Task If_none_match_with_current_etag_returns_304()
    {
        using var first = await _alice.GetAsync(FsClient.Content(File), HttpCompletionOption.ResponseHeadersRead, Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, FsClient.Content(File));
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        using var response = await _alice.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task If_modified_since_the_last_modification_returns_304()
    {
        using var first = await _alice.GetAsync(FsClient.Content(File), HttpCompletionOption.ResponseHeadersRead, Ct);
        using var request = new HttpRequestMessage(HttpMethod.Get, FsClient.Content(File));
        request.Headers.IfModifiedSince = first.Content.Headers.LastModified;

        using var response = await _alice.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotModified);
    }

    [Fact]
    public async Task Head_returns_length_without_body()
    {
        using var request = new HttpRequestMessage(HttpMethod.Head, FsClient.Content(File));

        using var response = await _alice.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentLength.ShouldBe(_bytes.Length);
    }

    [Fact]
    public async Task Overwrite_keeps_versions_and_old_ones_download_and_restore()
    {
        (await _alice.PutTextAsync("/Shared/Dumps/notes.txt", "one")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _alice.PutTextAsync("/Shared/Dumps/notes.txt", "two")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var versions = await _alice.GetJsonAsync(new Uri("/api/v1/versions/Shared/Dumps/notes.txt", UriKind.Relative));
        versions.EnumerateArray().Select(v => v.GetProperty("number").GetInt32()).ShouldBe([2, 1]);
        (await _alice.GetTextAsync("/Shared/Dumps/notes.txt?version=1")).ShouldBe("one");

        using var restore = await _alice.ActAsync("/Shared/Dumps/notes.txt", new { action = "restore_version", version = 1 });
        restore.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _alice.GetTextAsync("/Shared/Dumps/notes.txt")).ShouldBe("one");
        var after = await _alice.GetJsonAsync(new Uri("/api/v1/versions/Shared/Dumps/notes.txt", UriKind.Relative));
        after.GetArrayLength().ShouldBe(3);
    }

    [Fact]
    public async Task Missing_version_returns_404()
    {
        using var response = await _alice.GetAsync(FsClient.Content(File + "?version=9"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Overwrite_with_stale_if_match_returns_412_and_keeps_content()
    {
        using var response = await _alice.PutTextAsync(File, "new", r => r.Headers.TryAddWithoutValidation("If-Match", "\"stale\""));

        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await _alice.GetAsync(FsClient.Content(File), Ct)).Content.Headers.ContentLength.ShouldBe(_bytes.Length);
    }

    [Fact]
    public async Task Overwrite_with_current_if_match_succeeds()
    {
        using var head = await _alice.GetAsync(FsClient.Content(File), HttpCompletionOption.ResponseHeadersRead, Ct);

        using var response = await _alice.PutTextAsync(File, "new", r => r.Headers.IfMatch.Add(head.Headers.ETag!));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _alice.GetTextAsync(File)).ShouldBe("new");
    }

    [Fact]
    public async Task Create_only_write_on_existing_file_returns_412()
    {
        using var response = await _alice.PutTextAsync(File, "new", r => r.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Any));

        response.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Upload_onto_a_folder_returns_409()
    {
        using var created = await _alice.MkdirAsync("/Shared/Dumps/folder");

        using var response = await _alice.PutTextAsync("/Shared/Dumps/folder", "x");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.ProblemDetailAsync()).ShouldContain("folder");
    }

    [Fact]
    public async Task Upload_into_missing_folder_returns_404()
    {
        using var response = await _alice.PutTextAsync("/Shared/Dumps/missing/a.txt", "x");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Download_of_a_folder_returns_400()
    {
        using var response = await _alice.GetAsync(FsClient.Content("/Shared/Dumps"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("x.html", "<script>alert(1)</script>")]
    [InlineData("x.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")]
    public async Task Active_content_is_served_as_a_sandboxed_attachment(string name, string body)
    {
        await _alice.PutTextAsync("/Shared/Dumps/" + name, body);

        using var response = await _alice.GetAsync(FsClient.Content("/Shared/Dumps/" + name), Ct);

        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        response.Content.Headers.ContentDisposition.FileNameStar.ShouldBe(name);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldBe("sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
    }

    [Fact]
    public async Task Content_disposition_keeps_unicode_names_with_an_ascii_fallback()
    {
        // Quotes, which the fallback would also replace, can no longer be in a new name (NodeName.WindowsProblem).
        await _alice.PutTextAsync("/Shared/Dumps/r\u00e9sum\u00e9 final.txt", "cv");

        using var response = await _alice.GetAsync(FsClient.Content("/Shared/Dumps/r%C3%A9sum%C3%A9%20final.txt"), Ct);

        var header = response.Content.Headers.GetValues("Content-Disposition").Single();
        header.ShouldContain("filename*=UTF-8''r%C3%A9sum%C3%A9%20final.txt");
        header.ShouldContain("filename=\"r_sum_ final.txt\"");
    }

    [Fact]
    public async Task Interrupted_upload_leaves_nothing_visible_and_no_temp_file()
    {
        using var connection = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        using var content = new StreamContent(new DroppingStream(new byte[200_000], bytesBeforeDrop: 200_000, connection));

        await Should.ThrowAsync<OperationCanceledException>(() => _alice.PutAsync(FsClient.Content("/Shared/Dumps/partial.bin"), content, connection.Token));

        (await _alice.GetAsync(FsClient.Fs("/Shared/Dumps/partial.bin"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await WaitForNoTempFilesAsync();
    }

    private async Task WaitForNoTempFilesAsync()
    {
        var temp = Path.Combine(_app.DataPath, "blobs", "tmp");
        for (var i = 0; i < 50 && Directory.EnumerateFiles(temp).Any(); i++)
        {
            await Task.Delay(100, Ct);
        }

        Directory.EnumerateFiles(temp).ShouldBeEmpty();
    }

    private static List<(string Headers, byte[] Body)> SplitMultipart(byte[] body, string boundary)
    {
        var text = Encoding.Latin1.GetString(body);
        return text.Split("--" + boundary)
            .Where(p => p.Contains("\r\n\r\n", StringComparison.Ordinal))
            .Select(p =>
            {
                var split = p.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                var payload = p[(split + 4)..];
                return (p[..split], Encoding.Latin1.GetBytes(payload[..^2]));
            })
            .ToList();
    }

    public ValueTask DisposeAsync()
    {
        _alice.Dispose();
        _app.Dispose();
        return ValueTask.CompletedTask;
    }
}
