using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Previews;
using Strata.Infrastructure.Persistence;

namespace Strata.Web.Tests.Files;

public sealed class ZipApiTests : IAsyncLifetime
{
    private readonly StrataAppFactory _app = new();
    private readonly SqlCommandCounter _counter;
    private readonly Dictionary<string, byte[]> _tree = new()
    {
        ["Builds/readme.txt"] = "build notes"u8.ToArray(),
        ["Builds/1234/app.bin"] = RandomNumberGenerator.GetBytes(700_000),
        ["Builds/1234/logs/run.log"] = RandomNumberGenerator.GetBytes(5_000),
    };

    private HttpClient _alice = null!;

    public ZipApiTests() => _counter = SqlCommandCounter.AttachTo(_app);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        using var admin = await _app.CreateAdminClientAsync();
        foreach (var folder in new[] { "/Shared/Builds", "/Shared/Builds/1234", "/Shared/Builds/1234/logs", "/Shared/Builds/empty" })
        {
            (await admin.MkdirAsync(folder)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        _alice = await _app.CreateUserClientAsync();
        foreach (var (path, bytes) in _tree)
        {
            using var put = await _alice.PutAsync(FsClient.Content("/Shared/" + Uri.EscapeDataString(path).Replace("%2F", "/", StringComparison.Ordinal)), new ByteArrayContent(bytes), Ct);
            put.StatusCode.ShouldBe(HttpStatusCode.Created);
        }
    }

    [Fact]
    public async Task Zip_of_a_folder_tree_unzips_to_identical_bytes()
    {
        using var response = await _alice.GetAsync(new Uri("/api/v1/zip?path=/Shared/Builds", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("Builds.zip");
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
        var entries = await ReadZipAsync(response);
        entries.Keys.ShouldContain("Builds/empty/");
        foreach (var (path, bytes) in _tree)
        {
            var entryName = path.Replace(':', '_');
            entries.ShouldContainKey(entryName);
            SHA256.HashData(entries[entryName]).ShouldBe(SHA256.HashData(bytes));
        }
    }

    [Fact]
    public async Task Entry_names_never_escape_the_archive()
    {
        using var response = await _alice.GetAsync(new Uri("/api/v1/zip?path=/Shared/Builds", UriKind.Relative), Ct);

        var entries = await ReadZipAsync(response);
        foreach (var name in entries.Keys)
        {
            name.ShouldNotStartWith("/");
            name.ShouldNotContain("\\");
            name.ShouldNotContain(":");
            name.Split('/').ShouldNotContain("..");
        }
    }

    [Fact]
    public async Task Several_items_by_post_with_duplicates_and_nested_paths_zip_once()
    {
        using var response = await _alice.PostAsJsonAsync(
            new Uri("/api/v1/zip", UriKind.Relative),
            new { paths = new[] { "/Shared/Builds/readme.txt", "/Shared/Builds/1234", "/Shared/Builds/1234/logs/run.log", "/Shared/Builds/readme.txt" } },
            Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("Builds.zip");
        var entries = await ReadZipAsync(response);
        entries.Keys.Where(k => !k.EndsWith('/')).Order(StringComparer.Ordinal).ShouldBe(["1234/app.bin", "1234/logs/run.log", "readme.txt"]);
    }

    [Fact]
    public async Task Only_what_the_caller_may_read_goes_in()
    {
        using var bob = await _app.CreateUserClientAsync("bob@strata.test");
        using (var put = await bob.PutAsync(FsClient.Content("/Private/bob/secret.txt"), new StringContent("secret"), Ct))
        {
            put.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        using var onlyForeign = await _alice.GetAsync(new Uri("/api/v1/zip?path=/Private/bob/secret.txt&path=/Private/bob", UriKind.Relative), Ct);
        using var mixed = await _alice.GetAsync(new Uri("/api/v1/zip?path=/Private/bob&path=/Shared/Builds/readme.txt", UriKind.Relative), Ct);

        onlyForeign.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ReadZipAsync(mixed)).Keys.ShouldBe(["readme.txt"]);
    }

    [Fact]
    public async Task The_requested_paths_are_resolved_in_one_query_however_many_there_are()
    {
        var missing = Enumerable.Range(0, 20).Select(i => $"/Shared/Builds/missing-{i}.txt").ToArray();
        await ZipAsync(["/Shared/Builds/readme.txt"]);
        await BackgroundJobsDoneAsync();

        var one = await _counter.WorkDuringAsync(() => ZipAsync(["/Shared/Builds/readme.txt"]));
        var many = await _counter.WorkDuringAsync(() => ZipAsync(["/Shared/Builds/readme.txt", .. missing]));

        many.Count.ShouldBe(one.Count, string.Join("\n---\n", many));
    }

    /// <summary>Waits out the text extraction of the uploaded files, whose job would otherwise count in the window.</summary>
    private async Task BackgroundJobsDoneAsync()
    {
        var dbFactory = _app.Services.GetRequiredService<IDbContextFactory<StrataDbContext>>();
        for (var waited = 0; waited < 300; waited++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(Ct);
            if (!await db.Renditions.AnyAsync(r => r.Status == RenditionStatus.Pending, Ct))
            {
                return;
            }

            await Task.Delay(100, Ct);
        }
    }

    [Theory]
    [InlineData("/api/v1/zip")]
    [InlineData("/api/v1/zip?path=/")]
    [InlineData("/api/v1/zip?path=/Shared/a%5C..%5Cb")]
    public async Task Bad_requests_return_400_problem_details(string url)
    {
        using var response = await _alice.GetAsync(new Uri(url, UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task Missing_paths_return_404_and_anonymous_401()
    {
        using var missing = await _alice.GetAsync(new Uri("/api/v1/zip?path=/Shared/nothing", UriKind.Relative), Ct);
        using var anonymous = _app.CreateAnonymousClient();
        using var unauthenticated = await anonymous.GetAsync(new Uri("/api/v1/zip?path=/Shared/Builds", UriKind.Relative), Ct);

        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unauthenticated.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task ZipAsync(string[] paths)
    {
        using var response = await _alice.PostAsJsonAsync(new Uri("/api/v1/zip", UriKind.Relative), new { paths }, Ct);
        (await ReadZipAsync(response)).Keys.ShouldBe(["readme.txt"]);
    }

    private static async Task<Dictionary<string, byte[]>> ReadZipAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var body = await response.Content.ReadAsStreamAsync(Ct);
        using var copy = new MemoryStream();
        await body.CopyToAsync(copy, Ct);
        copy.Position = 0;
        using var archive = new ZipArchive(copy, ZipArchiveMode.Read);
        var entries = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        foreach (var entry in archive.Entries)
        {
            using var content = entry.Open();
            using var bytes = new MemoryStream();
            await content.CopyToAsync(bytes, Ct);
            entries[entry.FullName] = bytes.ToArray();
        }

        return entries;
    }

    public async ValueTask DisposeAsync()
    {
        _alice.Dispose();
        await _app.DisposeAsync();
    }
}
