using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Sharing;

/// <summary>
/// Folder links through the visitor API: browsing stays inside the linked sub-tree, zips stream, Range works, and
/// preview-only, passwords, expiry, limits and revocation hold on every endpoint.
/// </summary>
public sealed class FolderLinkTests : LinkScenario
{
    private const string Projects = "/Private/alice/Projects";

    /// <summary>Every visitor endpoint of a folder link, each with what it needs to succeed.</summary>
    public static TheoryData<string> VisitorEndpoints => ["", "/list", "/list/sub", "/content/a.txt", "/content/a.txt?inline=1", "/content/sub/b.txt", "/zip", "/zip/sub"];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        foreach (var folder in new[] { Projects, Projects + "/sub", Projects + "/sub/deep", "/Private/alice/Projects2" })
        {
            (await Alice.MkdirAsync(folder)).EnsureSuccessStatusCode();
        }

        foreach (var (path, text) in new[]
        {
            (Projects + "/a.txt", "alpha"), (Projects + "/sub/b.txt", "bravo"), (Projects + "/sub/deep/c.txt", "charlie"),
            (Projects + "/page.html", "<script>alert(1)</script>"), (Projects + "/x.svg", "<svg onload='alert(1)'/>"),
            ("/Private/alice/Projects2/secret.txt", "secret"), ("/Private/alice/outside.txt", "secret"),
        })
        {
            (await Alice.PutTextAsync(path, text)).EnsureSuccessStatusCode();
        }

    }

    [Fact]
    public async Task A_visitor_browses_the_sub_tree_and_downloads_inside_it()
    {
        var (_, token) = await Alice.CreateLinkAsync(new { path = Projects });

        (await ListAsync(token, "")).ShouldBe(["sub", "a.txt", "page.html", "x.svg"], ignoreOrder: true);
        (await ListAsync(token, "/sub")).ShouldBe(["deep", "b.txt"], ignoreOrder: true);
        var deep = await ListJsonAsync(token, "/sub/deep");
        deep.Single().GetProperty("path").GetString().ShouldBe("sub/deep/c.txt");
        (await Visitor.FetchAsync(LinkClient.Api(token, "/content/sub/deep/c.txt"))).ShouldBe((HttpStatusCode.OK, "charlie"));
    }

    /// <summary>
    /// Plain <c>..</c> segments are resolved by the client and the server before routing (they can only climb the URL, not
    /// the tree), so these are the forms that reach the link: encoded separators and dots, and backslashes.
    /// </summary>
    [Theory]
    [InlineData("/list/..%2F..%2Falice")]
    [InlineData("/list/sub%2F..%2F..%2FProjects2")]
    [InlineData("/content/..%2FProjects2%2Fsecret.txt")]
    [InlineData("/content/%2e%2e%2Foutside.txt")]
    [InlineData("/content/..%5Coutside.txt")]
    [InlineData("/content/sub%5C..%5C..%5Coutside.txt")]
    [InlineData("/content/%2e%2e/%2e%2e/Projects2/secret.txt")]
    [InlineData("/list/Projects2")]
    [InlineData("/content/Projects2/secret.txt")]
    [InlineData("/zip/%2e%2e%2FProjects2")]
    public async Task Nothing_outside_the_root_is_reachable(string suffix)
    {
        var (_, token) = await Alice.CreateLinkAsync(new { path = Projects });

        using var response = await Visitor.VisitAsync(LinkClient.Api(token, suffix));

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldNotContain("secret");
    }

    [Fact]
    public async Task A_sibling_with_a_common_prefix_is_not_inside_the_link()
    {
        (await Alice.PutTextAsync(Projects + "/sub2.txt", "inside")).EnsureSuccessStatusCode();
        var (_, token) = await Alice.CreateLinkAsync(new { path = Projects + "/sub" });

        (await Visitor.FetchAsync(LinkClient.Api(token, "/content/b.txt"))).ShouldBe((HttpStatusCode.OK, "bravo"));
        (await Visitor.FetchAsync(LinkClient.Api(token, "/content/sub2.txt"))).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Visitor.FetchAsync(LinkClient.Api(token, "/content/..%2Fsub2.txt"))).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_file_link_has_no_inside()
    {
        var (_, token) = await Alice.CreateLinkAsync(new { path = Projects + "/a.txt" });

        (await Visitor.FetchAsync(LinkClient.Api(token, "/content"))).ShouldBe((HttpStatusCode.OK, "alpha"));
        (await Visitor.FetchAsync(LinkClient.Api(token, "/content/a.txt"))).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Visitor.FetchAsync(LinkClient.Api(token, "/list"))).Status.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task The_folder_and_a_sub_folder_download_as_streamed_zips()
    {
        var (_, token) = await Alice.CreateLinkAsync(new { path = Projects });

        (await ZipEntriesAsync(token, "/zip")).ShouldBe(
            ["Projects/", "Projects/a.txt", "Projects/page.html", "Projects/sub/", "Projects/sub/b.txt", "Projects/sub/deep/", "Projects/sub/deep/c.txt", "Projects/x.svg"],
            ignoreOrder: true);
        (await ZipEntriesAsync(token, "/zip/sub")).ShouldBe(["sub/", "sub/b.txt", "sub/deep/", "sub/deep/c.txt"], ignoreOrder: true);
    }

    [Fact]
    public async Task Range_requests_work_on_link_downloads()
    {
        var (_, token) = await Alice.CreateLinkAsync(new { path = Projects });

        using var response = await Visitor.VisitAsync(LinkClient.Api(token, "/content/sub/deep/c.txt"), configure: r => r.Headers.Range = new RangeHeaderValue(2, 4));

        response.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        response.Content.Headers.ContentRange!.ToString().ShouldBe("bytes 2-4/7");
        (await response.Content.ReadAsStringAsync(Ct)).ShouldBe("arl");
    }

    [Fact]
    public async Task A_suffix_range_is_a_download_that_counts()
    {
        var (_, token) = await Alice.CreateLinkAsync(new { path = Projects, maxDownloads = 1 });

        using (var whole = await Visitor.VisitAsync(LinkClient.Api(token, "/content/a.txt"), configure: r => r.Headers.Range = new RangeHeaderValue(null, 1000)))
        {
            whole.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        }

        (await Visitor.FetchAsync(LinkClient.Api(token, "/content/a.txt"))).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Only_real_downloads_count_against_the_limit()
    {
        var (_, token) = await Alice.CreateLinkAsync(new { path = Projects, maxDownloads = 2 });

        for (var i = 0; i < 3; i++)
        {
            (await Visitor.FetchAsync(LinkClient.Api(token, "/content/a.txt?inline=1"))).ShouldBe((HttpStatusCode.OK, "alpha"));
            using var continuation = await Visitor.VisitAsync(LinkClient.Api(token, "/content/a.txt"), configure: r => r.Headers.Range = new RangeHeaderValue(1, null));
            continuation.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
            (await Visitor.FetchAsync(LinkClient.Api(token, "/list"))).Status.ShouldBe(HttpStatusCode.OK);
        }

        (await Visitor.FetchAsync(LinkClient.Api(token, "/content/a.txt"))).Status.ShouldBe(HttpStatusCode.OK);
        (await ZipEntriesAsync(token, "/zip/sub")).ShouldNotBeEmpty();

        (await Visitor.FetchAsync(LinkClient.Api(token, "/content/a.txt"))).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Visitor.FetchAsync(LinkClient.Api(token))).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("/content/a.txt")]
    [InlineData("/content/sub/b.txt")]
    [InlineData("/content/a.txt?inline=1")]
    [InlineData("/content/page.html?inline=1")]
    [InlineData("/content/x.svg?inline=1")]
    [InlineData("/zip")]
    [InlineData("/zip/sub")]
    public async Task A_preview_only_link_refuses_every_download_path(string suffix)
    {
        var (_, token) = await Alice.CreateLinkAsync(new { path = Projects, previewOnly = true });

        (await Visitor.FetchAsync(LinkClient.Api(token, suffix))).Status.ShouldBe(HttpStatusCode.Forbidden);
        using var ranged = await Visitor.VisitAsync(LinkClient.Api(token, suffix), configure: r => r.Headers.Range = new RangeHeaderValue(0, 1));
        ranged.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Theory]
    [MemberData(nameof(VisitorEndpoints))]
    public async Task The_password_is_required_by_every_visitor_endpoint(string suffix)
    {
        var (_, token) = await Alice.CreateLinkAsync(new { path = Projects, password = "open sesame" });

        (await Visitor.FetchAsync(LinkClient.Api(token, suffix))).Status.ShouldBe(HttpStatusCode.Unauthorized);
        using (var ranged = await Visitor.VisitAsync(LinkClient.Api(token, suffix), configure: r => r.Headers.Range = new RangeHeaderValue(0, 0)))
        {
            ranged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using (var forged = await Visitor.VisitAsync(LinkClient.Api(token, suffix), configure: r => r.Headers.Add("Cookie", "strata-link=forged")))
        {
            forged.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await Visitor.FetchAsync(LinkClient.Api(token, suffix), "wrong password")).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await Visitor.FetchAsync(LinkClient.Api(token, suffix), "open sesame")).Status.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_expired_folder_link_closes_every_endpoint()
    {
        var (_, token) = await Alice.CreateLinkAsync(new { path = Projects, expiresAt = Clock.GetUtcNow().AddDays(1) });
        (await Visitor.FetchAsync(LinkClient.Api(token, "/list/sub"))).Status.ShouldBe(HttpStatusCode.OK);

        Clock.Advance(TimeSpan.FromDays(1) + TimeSpan.FromSeconds(1));

        foreach (var suffix in VisitorEndpoints)
        {
            (await Visitor.FetchAsync(LinkClient.Api(token, suffix))).Status.ShouldBe(HttpStatusCode.NotFound, suffix);
        }
    }

    [Fact]
    public async Task A_revoked_folder_link_closes_every_endpoint()
    {
        var (id, token) = await Alice.CreateLinkAsync(new { path = Projects });
        (await Alice.DeleteAsync(new Uri($"/api/v1/links/{id}", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        foreach (var suffix in VisitorEndpoints)
        {
            (await Visitor.FetchAsync(LinkClient.Api(token, suffix))).Status.ShouldBe(HttpStatusCode.NotFound, suffix);
        }
    }

    [Fact]
    public async Task A_link_shows_no_more_than_its_creator_may_still_read()
    {
        using var admin = await App.CreateAdminClientAsync();
        (await admin.MkdirAsync(Team + "/Docs")).EnsureSuccessStatusCode();
        (await admin.PutTextAsync(Team + "/Docs/plan.txt", "plan")).EnsureSuccessStatusCode();
        await admin.GrantUserAsync(Team, "alice", "Owner");
        var (_, token) = await Alice.CreateLinkAsync(new { path = Team });
        (await Visitor.FetchAsync(LinkClient.Api(token, "/content/Docs/plan.txt"))).Status.ShouldBe(HttpStatusCode.OK);

        (await admin.GrantAsync(Team + "/Docs", "alice", null, "None")).EnsureSuccessStatusCode();

        (await Visitor.FetchAsync(LinkClient.Api(token, "/content/Docs/plan.txt"))).Status.ShouldBe(HttpStatusCode.NotFound);
        (await ListAsync(token, "")).ShouldNotContain("Docs");
    }

    private async Task<List<string>> ListAsync(string token, string path) =>
        (await ListJsonAsync(token, path)).Select(e => e.GetProperty("name").GetString()!).ToList();

    private async Task<List<JsonElement>> ListJsonAsync(string token, string path)
    {
        var (status, body) = await Visitor.FetchAsync(LinkClient.Api(token, "/list" + path));
        status.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(body).RootElement.EnumerateArray().ToList();
    }

    private async Task<List<string>> ZipEntriesAsync(string token, string suffix)
    {
        using var response = await Visitor.VisitAsync(LinkClient.Api(token, suffix));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        await using var body = await response.Content.ReadAsStreamAsync(Ct);
        using var archive = new ZipArchive(body, ZipArchiveMode.Read);
        return archive.Entries.Select(e => e.FullName).ToList();
    }
}
