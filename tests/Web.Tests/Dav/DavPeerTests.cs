using System.Net;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Strata.Infrastructure.Identity;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Dav;

/// <summary>Real WebDAV clients against the host on a real Kestrel port: the litmus suite, rclone and cadaver.</summary>
public sealed class DavPeerTests : IAsyncLifetime
{
    /// <summary>cadaver reads credentials from ~/.netrc, whose tokens cannot hold spaces.</summary>
    private const string Email = "carol@strata.test";
    private const string Password = "peer-test-password-1";
    private const string Home = "/Private/carol";

    private readonly StrataAppFactory _app = new();
    private readonly string _work = Path.Combine(Path.GetTempPath(), "strata-dav-peers", Guid.NewGuid().ToString("N"));
    private HttpClient _client = null!;
    private Uri _server = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        Directory.CreateDirectory(_work);
        _server = _app.StartOnKestrel();
        using (var scope = _app.Services.CreateScope())
        {
            var created = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateUserAsync(Email, Password, false, Ct);
            created.Succeeded.ShouldBeTrue();
        }

        _client = _app.CreateAnonymousClient();
        _client.BaseAddress = _server;
        _client.DefaultRequestHeaders.Authorization = StrataAppFactory.BasicHeader(Email, Password);
    }

    public ValueTask DisposeAsync()
    {
        _client.Dispose();
        _app.Dispose();
        Directory.Delete(_work, recursive: true);
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task Litmus_passes_basic_copymove_props_locks_and_http_without_failures_or_warnings()
    {
        (await _client.SendAsync("MKCOL", $"{Home}/litmus")).StatusCode.ShouldBe(HttpStatusCode.Created);

        var (exitCode, output) = await PeerTool.RunAsync(
            "litmus",
            [new Uri(_server, $"/dav{Home}/litmus/").ToString(), Email, Password],
            _work,
            new Dictionary<string, string> { ["TESTS"] = "basic copymove props locks http" });

        exitCode.ShouldBe(0, output);
        output.ShouldNotContain("FAIL", Case.Sensitive);
        output.ShouldNotContain("WARNING", Case.Sensitive);
        output.ShouldNotContain("SKIPPED", Case.Sensitive);
        foreach (var (group, count) in new[] { ("basic", 16), ("copymove", 13), ("props", 30), ("locks", 41), ("http", 4) })
        {
            output.ShouldContain($"<- summary for `{group}': of {count} tests run: {count} passed, 0 failed. 100.0%");
        }
    }

    [Fact]
    public async Task Rclone_owncloud_round_trip_is_exact_and_a_second_copy_transfers_nothing()
    {
        var source = Path.Combine(_work, "tree");
        Directory.CreateDirectory(Path.Combine(source, "dir with space", "Ünïcödé ☃ café"));
        Directory.CreateDirectory(Path.Combine(source, "日本語 フォルダ"));
        await File.WriteAllTextAsync(Path.Combine(source, "dir with space", "a b.txt"), "hello", Ct);
        await File.WriteAllTextAsync(Path.Combine(source, "dir with space", "Report (2) [final]!.txt"), "kept both", Ct);
        await File.WriteAllBytesAsync(Path.Combine(source, "dir with space", "Ünïcödé ☃ café", "empty.bin"), [], Ct);
        await File.WriteAllBytesAsync(Path.Combine(source, "日本語 フォルダ", "empty too.txt"), [], Ct);
        await WriteRandomFileAsync(Path.Combine(source, "large.bin"), 1L << 30);
        var environment = await RcloneEnvironmentAsync();

        var (copyExit, copyOutput) = await PeerTool.RunAsync("rclone", ["copy", source, "S:copy"], _work, environment, timeout: TimeSpan.FromMinutes(5));
        var (checkExit, checkOutput) = await PeerTool.RunAsync("rclone", ["check", source, "S:copy"], _work, environment, timeout: TimeSpan.FromMinutes(5));
        var (againExit, againOutput) = await PeerTool.RunAsync("rclone", ["copy", "-v", "--stats-one-line", source, "S:copy"], _work, environment);

        copyExit.ShouldBe(0, copyOutput);
        checkExit.ShouldBe(0, checkOutput);
        checkOutput.ShouldContain("0 differences found");
        checkOutput.ShouldNotContain("could not be checked");
        againExit.ShouldBe(0, againOutput);
        againOutput.ShouldNotContain("Copied");
        againOutput.ShouldContain("0 B / 0 B");
    }

    [Fact]
    public async Task Rclone_check_compares_hashes_of_files_uploaded_through_the_api()
    {
        var source = Path.Combine(_work, "api");
        Directory.CreateDirectory(source);
        (await _client.MkdirAsync($"{Home}/api")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var small = RandomNumberGenerator.GetBytes(5_000);
        foreach (var (name, bytes) in new[] { ("small.txt", small), ("medium.bin", RandomNumberGenerator.GetBytes(300_000)), ("empty.bin", Array.Empty<byte>()) })
        {
            await File.WriteAllBytesAsync(Path.Combine(source, name), bytes, Ct);
            (await _client.PutBytesAsync($"{Home}/api/{name}", bytes)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var environment = await RcloneEnvironmentAsync();

        var (checkExit, checkOutput) = await PeerTool.RunAsync("rclone", ["check", source, "S:api"], _work, environment);
        var (sumExit, sums) = await PeerTool.RunAsync("rclone", ["md5sum", "S:api/small.txt"], _work, environment);

        checkExit.ShouldBe(0, checkOutput);
        checkOutput.ShouldContain("0 differences found");
        checkOutput.ShouldContain("3 matching files");
        checkOutput.ShouldNotContain("could not be checked");
        sumExit.ShouldBe(0, sums);
#pragma warning disable CA5351 // rclone's own choice of hash, not a security measure.
        sums.ShouldStartWith(Convert.ToHexStringLower(MD5.HashData(small)) + "  small.txt");
#pragma warning restore CA5351
    }

    [Fact]
    public async Task Cadaver_session_creates_uploads_moves_sets_properties_locks_and_lists()
    {
        var home = Path.Combine(_work, "home");
        Directory.CreateDirectory(home);
        await File.WriteAllTextAsync(Path.Combine(home, ".netrc"), $"machine {_server.Host}\nlogin {Email}\npassword {Password}\n", Ct);
        if (!OperatingSystem.IsWindows())
        {
            // cadaver ignores a .netrc that others can read.
            File.SetUnixFileMode(Path.Combine(home, ".netrc"), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        var upload = Path.Combine(_work, "upload.txt");
        var download = Path.Combine(_work, "download.txt");
        await File.WriteAllTextAsync(upload, "hello from cadaver", Ct);
        var script = string.Join('\n',
            "mkcol session", "cd session", $"put {upload} hello.txt", $"get hello.txt {download}", "move hello.txt moved.txt",
            "propset moved.txt color blue", "propget moved.txt color", "lock moved.txt", "unlock moved.txt", "ls", "quit", string.Empty);

        var (exitCode, output) = await PeerTool.RunAsync(
            "cadaver", ["-t", new Uri(_server, $"/dav{Home}/").ToString()], _work, new Dictionary<string, string> { ["HOME"] = home }, script);

        exitCode.ShouldBe(0, output);
        output.ShouldContain("Creating `session': succeeded.");
        output.ShouldContain("hello.txt': [.. succeeded.");
        output.ShouldContain("/moved.txt':  succeeded.");
        output.ShouldContain("Value of color is: blue");
        output.ShouldContain("Locking `moved.txt': succeeded.");
        output.ShouldContain("Unlocking `moved.txt': succeeded.");
        output.ShouldMatch(@"(?s)Listing collection `/dav/Private/carol/session/': succeeded\.\s+moved\.txt\s+18 ");
        output.ShouldNotContain("failed");
        (await File.ReadAllTextAsync(download, Ct)).ShouldBe("hello from cadaver");
    }

    private async Task<Dictionary<string, string>> RcloneEnvironmentAsync()
    {
        var (exitCode, obscured) = await PeerTool.RunAsync("rclone", ["obscure", Password], _work);
        exitCode.ShouldBe(0, obscured);
        return new Dictionary<string, string>
        {
            ["RCLONE_CONFIG"] = Path.Combine(_work, "rclone.conf"),
            ["RCLONE_CONFIG_S_TYPE"] = "webdav",
            ["RCLONE_CONFIG_S_URL"] = new Uri(_server, $"/dav{Home}/").ToString(),
            ["RCLONE_CONFIG_S_VENDOR"] = "owncloud",
            ["RCLONE_CONFIG_S_USER"] = Email,
            ["RCLONE_CONFIG_S_PASS"] = obscured.Trim(),
        };
    }

    private static async Task WriteRandomFileAsync(string path, long size)
    {
        await using var file = File.Create(path);
        var chunk = new byte[4 << 20];
        for (long written = 0; written < size; written += chunk.Length)
        {
            RandomNumberGenerator.Fill(chunk);
            await file.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, size - written)), Ct);
        }
    }
}
