using System.Net;
using System.Net.Http.Json;

namespace Strata.Web.Tests.Files;

public sealed class FsApiTests : IAsyncLifetime
{
    private readonly StrataAppFactory _app = new();
    private readonly SqlCommandCounter _counter;
    private HttpClient _admin = null!;
    private HttpClient _alice = null!;
    private HttpClient _bob = null!;

    public FsApiTests() => _counter = SqlCommandCounter.AttachTo(_app);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _admin = await _app.CreateAdminClientAsync();
        _alice = await _app.CreateUserClientAsync("alice@strata.test");
        _bob = await _app.CreateUserClientAsync("bob@strata.test");
        (await _admin.MkdirAsync("/Shared/Builds")).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Theory]
    [InlineData("GET", "/api/v1/fs/Shared")]
    [InlineData("POST", "/api/v1/fs/Shared/Builds/x")]
    [InlineData("DELETE", "/api/v1/fs/Shared/Builds")]
    [InlineData("GET", "/api/v1/fs-content/Shared/Builds/a.txt")]
    [InlineData("PUT", "/api/v1/fs-content/Shared/Builds/a.txt")]
    [InlineData("GET", "/api/v1/trash")]
    [InlineData("POST", "/api/v1/trash/1/restore")]
    [InlineData("DELETE", "/api/v1/trash/1")]
    [InlineData("GET", "/api/v1/versions/Shared/Builds/a.txt")]
    [InlineData("GET", "/api/v1/events")]
    public async Task Endpoint_without_credentials_returns_401_with_basic_challenge(string method, string url)
    {
        using var anonymous = _app.CreateAnonymousClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), url) { Content = method is "POST" or "PUT" ? JsonContent.Create(new { action = "add_folder" }) : null };

        using var response = await anonymous.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("Basic realm=\"Strata\"");
    }

    [Fact]
    public async Task Root_lists_shared_and_private()
    {
        var names = await _alice.ListNamesAsync("/");

        names.ShouldBe(["Shared", "Private"]);
    }

    [Fact]
    public async Task Root_reads_both_areas_in_one_query()
    {
        await _alice.ListNamesAsync("/");

        var commands = await _counter.DuringAsync(() => _alice.ListNamesAsync("/"));

        commands.Count(c => c.Contains("FROM \"Nodes\"", StringComparison.Ordinal)).ShouldBe(1, string.Join("\n---\n", commands));
    }

    /// <summary>
    /// The check before the body is read and the commit after it each read the parent folder and the target in one
    /// query, and a new file is inserted with its content rather than updated right after.
    /// </summary>
    [Fact]
    public async Task Writing_a_file_reads_folder_and_target_together()
    {
        (await _alice.PutTextAsync("/Shared/Builds/warm.txt", "warm")).StatusCode.ShouldBe(HttpStatusCode.Created);

        var commands = await _counter.DuringAsync(async () =>
        {
            using var response = await _alice.PutTextAsync("/Shared/Builds/new.txt", "new");
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
        });

        var log = string.Join("\n---\n", commands);
        commands.Count(c => c.Contains("FROM \"Nodes\"", StringComparison.Ordinal)).ShouldBe(2, log);
        // The new node is inserted whole; the one update gives the folders above it a new ETag.
        commands.Where(c => c.StartsWith("UPDATE \"Nodes\"", StringComparison.Ordinal)).ShouldHaveSingleItem(log)
            .ShouldStartWith("UPDATE \"Nodes\" AS \"n\"\nSET \"ModifiedAt\" = ", Case.Sensitive, log);
        (await _alice.GetTextAsync("/Shared/Builds/new.txt")).ShouldBe("new");
    }

    [Fact]
    public async Task Private_listing_shows_only_the_callers_folder()
    {
        (await _alice.ListNamesAsync("/Private")).ShouldBe(["alice"]);
        (await _bob.ListNamesAsync("/Private")).ShouldBe(["bob"]);
    }

    [Fact]
    public async Task Top_level_shared_folder_by_non_admin_returns_403()
    {
        using var response = await _alice.MkdirAsync("/Shared/Mine");

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await response.ProblemDetailAsync()).ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Create_folder_with_existing_name_in_other_case_returns_409()
    {
        (await _alice.MkdirAsync("/Shared/Builds/Release")).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var response = await _alice.MkdirAsync("/Shared/Builds/RELEASE");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await response.ProblemDetailAsync()).ShouldContain("already exists");
    }

    [Theory]
    [InlineData("/Shared/Builds/trailing.")]
    [InlineData("/Shared/Builds/trailing%20")]
    [InlineData("/Shared/Builds/a%5Cb")]
    [InlineData("/Shared/Builds/%01ctl")]
    [InlineData("/Shared/Builds/del%7Fx")]
    [InlineData("/Elsewhere/x")]
    public async Task Create_folder_with_invalid_name_returns_400(string path)
    {
        using var response = await _alice.MkdirAsync(path);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemDetailAsync()).ShouldNotBeNullOrEmpty();
    }

    [Theory]
    [InlineData("/Shared/Builds/a%3Ab%2A%3F.txt", "':'")]
    [InlineData("/Shared/Builds/%3C", "'<'")]
    [InlineData("/Shared/Builds/%22quoted%22", "'\"'")]
    [InlineData("/Shared/Builds/CON", "Windows reserves")]
    [InlineData("/Shared/Builds/com1.txt", "Windows reserves")]
    public async Task Writing_a_name_windows_cannot_hold_is_400_with_the_reason(string path, string reason)
    {
        using var put = await _alice.PutTextAsync(path, "x");
        using var mkdir = await _alice.MkdirAsync(path);

        put.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await put.ProblemDetailAsync()).ShouldContain(reason);
        mkdir.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await mkdir.ProblemDetailAsync()).ShouldContain(reason);
        (await _alice.ListNamesAsync("/Shared/Builds")).ShouldBeEmpty();
    }

    [Fact]
    public async Task Renaming_to_a_name_windows_cannot_hold_is_400_with_the_reason()
    {
        await _alice.PutTextAsync("/Shared/Builds/a.txt", "a");

        using var device = await _alice.ActAsync("/Shared/Builds/a.txt", new { action = "rename", name = "nul.txt" });
        using var pipe = await _alice.ActAsync("/Shared/Builds/a.txt", new { action = "rename", name = "a|b.txt" });

        device.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await device.ProblemDetailAsync()).ShouldContain("Windows reserves");
        pipe.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await pipe.ProblemDetailAsync()).ShouldContain("'|'");
        (await _alice.ListNamesAsync("/Shared/Builds")).ShouldBe(["a.txt"]);
    }

    [Fact]
    public async Task Create_folder_with_name_over_255_bytes_returns_400()
    {
        using var response = await _alice.MkdirAsync("/Shared/Builds/" + new string('é', 128));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemDetailAsync()).ShouldContain("255");
    }

    [Fact]
    public async Task Create_folder_with_path_over_4096_bytes_returns_400()
    {
        var deep = "/Shared/Builds" + string.Concat(Enumerable.Repeat("/" + new string('d', 200), 21));

        using var response = await _alice.MkdirAsync(deep);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemDetailAsync()).ShouldContain("4096");
    }

    [Fact]
    public async Task Create_folder_in_missing_parent_returns_404()
    {
        using var response = await _alice.MkdirAsync("/Shared/Builds/missing/child");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Create_folder_under_a_file_returns_409()
    {
        (await _alice.PutTextAsync("/Shared/Builds/file.txt", "x")).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var response = await _alice.MkdirAsync("/Shared/Builds/file.txt/child");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Unknown_action_returns_400()
    {
        using var response = await _alice.ActAsync("/Shared/Builds", new { action = "explode" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemDetailAsync()).ShouldContain("Unknown action");
    }

    [Fact]
    public async Task Names_are_stored_in_NFC_and_keep_their_case()
    {
        using var response = await _alice.MkdirAsync("/Shared/Builds/Cafe\u0301");

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _alice.ListNamesAsync("/Shared/Builds")).ShouldBe(["Caf\u00e9"]);
        (await _alice.MkdirAsync("/Shared/Builds/CAF\u00c9")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Rename_changes_the_name_and_keeps_content()
    {
        await _alice.PutTextAsync("/Shared/Builds/old.txt", "content");

        using var response = await _alice.ActAsync("/Shared/Builds/old.txt", new { action = "rename", name = "new.txt" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _alice.GetTextAsync("/Shared/Builds/new.txt")).ShouldBe("content");
        (await _alice.GetAsync(FsClient.Fs("/Shared/Builds/old.txt"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Rename_to_invalid_name_returns_400()
    {
        await _alice.PutTextAsync("/Shared/Builds/a.txt", "a");

        using var response = await _alice.ActAsync("/Shared/Builds/a.txt", new { action = "rename", name = ".." });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Case_only_rename_is_allowed()
    {
        await _alice.PutTextAsync("/Shared/Builds/readme.md", "a");

        using var response = await _alice.ActAsync("/Shared/Builds/readme.md", new { action = "rename", name = "README.md" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _alice.ListNamesAsync("/Shared/Builds")).ShouldBe(["README.md"]);
    }

    [Fact]
    public async Task Move_folder_moves_its_whole_subtree()
    {
        await _alice.MkdirAsync("/Shared/Builds/1234");
        await _alice.MkdirAsync("/Shared/Builds/1234/logs");
        await _alice.PutTextAsync("/Shared/Builds/1234/logs/run.log", "log");
        await _alice.MkdirAsync("/Shared/Builds/archive");

        using var response = await _alice.ActAsync("/Shared/Builds/1234", new { action = "move", destination = "/Shared/Builds/archive/1234" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _alice.GetTextAsync("/Shared/Builds/archive/1234/logs/run.log")).ShouldBe("log");
        (await _alice.ListNamesAsync("/Shared/Builds")).ShouldBe(["archive"]);
    }

    [Fact]
    public async Task Move_folder_into_its_own_subtree_returns_409()
    {
        await _alice.MkdirAsync("/Shared/Builds/a");
        await _alice.MkdirAsync("/Shared/Builds/a/b");

        using var response = await _alice.ActAsync("/Shared/Builds/a", new { action = "move", destination = "/Shared/Builds/a/b/a" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Move_onto_an_existing_name_returns_409()
    {
        await _alice.PutTextAsync("/Shared/Builds/a.txt", "a");
        await _alice.PutTextAsync("/Shared/Builds/b.txt", "b");

        using var response = await _alice.ActAsync("/Shared/Builds/a.txt", new { action = "move", destination = "/Shared/Builds/B.TXT" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await _alice.GetTextAsync("/Shared/Builds/b.txt")).ShouldBe("b");
    }

    [Fact]
    public async Task Move_without_destination_returns_400()
    {
        await _alice.PutTextAsync("/Shared/Builds/a.txt", "a");

        using var response = await _alice.ActAsync("/Shared/Builds/a.txt", new { action = "move" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Prefix_sibling_is_not_part_of_a_moved_subtree()
    {
        await _alice.MkdirAsync("/Shared/Builds/a");
        await _alice.MkdirAsync("/Shared/Builds/ab");
        await _alice.PutTextAsync("/Shared/Builds/ab/keep.txt", "keep");

        await _alice.ActAsync("/Shared/Builds/a", new { action = "rename", name = "z" });

        (await _alice.GetTextAsync("/Shared/Builds/ab/keep.txt")).ShouldBe("keep");
    }

    [Fact]
    public async Task Copy_folder_shares_blobs_and_copies_the_tree()
    {
        await _alice.MkdirAsync("/Shared/Builds/src");
        await _alice.PutTextAsync("/Shared/Builds/src/a.txt", "alpha");

        using var response = await _alice.ActAsync("/Shared/Builds/src", new { action = "copy", destination = "/Shared/Builds/dst" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await _alice.GetTextAsync("/Shared/Builds/dst/a.txt")).ShouldBe("alpha");
        (await _alice.GetTextAsync("/Shared/Builds/src/a.txt")).ShouldBe("alpha");
        // Content-addressed: the copy names the original's blob (counting blobs raced with its thumbnail being made).
        var original = (await _alice.GetJsonAsync(FsClient.Fs("/Shared/Builds/src/a.txt"))).GetProperty("contentHash").GetString();
        (await _alice.GetJsonAsync(FsClient.Fs("/Shared/Builds/dst/a.txt"))).GetProperty("contentHash").GetString().ShouldBe(original);
    }

    [Fact]
    public async Task Copy_onto_existing_returns_409()
    {
        await _alice.PutTextAsync("/Shared/Builds/a.txt", "a");
        await _alice.PutTextAsync("/Shared/Builds/b.txt", "b");

        using var response = await _alice.ActAsync("/Shared/Builds/a.txt", new { action = "copy", destination = "/Shared/Builds/b.txt" });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Another_users_private_files_are_404_for_every_operation()
    {
        await _alice.PutTextAsync("/Private/alice/secret.txt", "secret");

        (await _bob.GetAsync(FsClient.Fs("/Private/alice/secret.txt"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _bob.GetAsync(FsClient.Fs("/Private/alice"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _bob.GetAsync(FsClient.Content("/Private/alice/secret.txt"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _bob.PutTextAsync("/Private/alice/secret.txt", "overwrite")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _bob.DeleteAsync(FsClient.Fs("/Private/alice/secret.txt"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _bob.ActAsync("/Private/alice/secret.txt", new { action = "move", destination = "/Private/bob/stolen.txt" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _bob.ActAsync("/Private/bob", new { action = "copy", destination = "/Private/alice/planted" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _bob.GetAsync(new Uri("/api/v1/versions/Private/alice/secret.txt", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _admin.GetAsync(FsClient.Fs("/Private/alice/secret.txt"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _alice.GetTextAsync("/Private/alice/secret.txt")).ShouldBe("secret");
    }

    [Fact]
    public async Task System_folders_cannot_be_deleted_or_renamed()
    {
        (await _admin.DeleteAsync(FsClient.Fs("/Shared"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _alice.DeleteAsync(FsClient.Fs("/Private/alice"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _alice.ActAsync("/Private/alice", new { action = "rename", name = "mallory" })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _alice.DeleteAsync(FsClient.Fs("/Shared/Builds"), Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Listing_is_sorted_and_carries_metadata()
    {
        await _alice.PutTextAsync("/Shared/Builds/b.txt", "bb");
        await _alice.MkdirAsync("/Shared/Builds/A");

        var json = await _alice.GetJsonAsync(FsClient.Fs("/Shared/Builds"));

        var children = json.GetProperty("children").EnumerateArray().ToList();
        children.Select(c => c.GetProperty("name").GetString()).ShouldBe(["A", "b.txt"]);
        children[1].GetProperty("size").GetInt64().ShouldBe(2);
        children[1].GetProperty("contentType").GetString().ShouldBe("text/plain");
        children[0].GetProperty("isFolder").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Malformed_json_body_returns_400()
    {
        using var content = new StringContent("{not json", System.Text.Encoding.UTF8, "application/json");

        using var response = await _alice.PostAsync(FsClient.Fs("/Shared/Builds/x"), content, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    // Through the store: small content shares pack volumes, so files on disk no longer count blobs.
    public ValueTask DisposeAsync()
    {
        _admin.Dispose();
        _alice.Dispose();
        _bob.Dispose();
        _app.Dispose();
        return ValueTask.CompletedTask;
    }
}
