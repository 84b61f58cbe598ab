using System.Net;
using System.Net.Http.Json;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Sharing;

namespace Strata.Web.Tests.Search;

/// <summary>
/// The search API through the real pipeline: names become searchable within seconds, results are filtered by the
/// caller's rights at query time (a revoked grant hides results on the next query), trash is never found, and the
/// filters of the query language narrow results.
/// </summary>
public sealed class SearchApiTests : TeamScenario
{
    public SearchApiTests() => App.SearchIndexer = true;

    private HttpClient _admin = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _admin = await App.CreateAdminClientAsync();
    }

    public override ValueTask DisposeAsync()
    {
        _admin.Dispose();
        return base.DisposeAsync();
    }

    [Fact]
    public async Task A_new_file_is_found_by_a_part_of_its_name()
    {
        (await Alice.PutTextAsync($"{Team}/quarterly_forecast-2026.txt", "numbers")).EnsureSuccessStatusCode();

        var page = await Bob.FindAsync("forecast", $"{Team}/quarterly_forecast-2026.txt");

        var hit = page.GetProperty("items")[0];
        hit.GetProperty("name").GetString().ShouldBe("quarterly_forecast-2026.txt");
        hit.GetProperty("isFolder").GetBoolean().ShouldBeFalse();
        hit.GetProperty("kind").GetString().ShouldBe("text");
        page.GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Another_users_private_files_give_no_result_snippet_or_count()
    {
        (await Alice.PutTextAsync("/Private/alice/zephyr-plan.txt", "the zephyr launch plan")).EnsureSuccessStatusCode();
        await Alice.FindAsync("zephyr", "/Private/alice/zephyr-plan.txt");

        var page = await Bob.SearchAsync("zephyr");

        page.GetProperty("total").GetInt32().ShouldBe(0);
        page.GetProperty("items").GetArrayLength().ShouldBe(0);
        (await _admin.SearchAsync("zephyr")).GetProperty("total").GetInt32().ShouldBe(0, "administrators see no one's private folder either");
    }

    [Fact]
    public async Task A_governed_folder_is_searchable_only_by_its_grantees_until_the_grant_goes()
    {
        (await _admin.MkdirAsync("/Shared/Vault")).EnsureSuccessStatusCode();
        await _admin.GrantUserAsync("/Shared/Vault", "alice", "Viewer");
        await _admin.GrantUserAsync("/Shared/Vault", "bob", "Editor");
        (await _admin.PutTextAsync("/Shared/Vault/merger-terms.txt", "confidential")).EnsureSuccessStatusCode();
        await Alice.FindAsync("merger", "/Shared/Vault/merger-terms.txt");
        using var carol = await App.CreateUserClientAsync("carol@strata.test");

        (await carol.SearchAsync("merger")).GetProperty("total").GetInt32().ShouldBe(0);
        (await carol.SearchAsync("merger*")).GetProperty("total").GetInt32().ShouldBe(0);
        (await carol.SearchAsync(string.Empty, "&path=/Shared/Vault")).GetProperty("total").GetInt32().ShouldBe(0);

        // Bob's grant keeps the folder governed once Alice's goes.
        (await _admin.DeleteAsync(SharingClient.Permissions("/Shared/Vault?user=alice"), Ct)).EnsureSuccessStatusCode();

        (await Alice.SearchAsync("merger")).GetProperty("total").GetInt32().ShouldBe(0, "the next query after the grant went");
        (await Bob.SearchAsync("merger")).GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_grant_inside_a_denied_folder_opens_only_that_folder()
    {
        (await _admin.MkdirAsync("/Shared/Board")).EnsureSuccessStatusCode();
        (await _admin.MkdirAsync("/Shared/Board/Minutes")).EnsureSuccessStatusCode();
        await _admin.GrantUserAsync("/Shared/Board", "bob", "Viewer");
        await _admin.GrantUserAsync("/Shared/Board/Minutes", "alice", "Viewer");
        (await _admin.PutTextAsync("/Shared/Board/budget-draft.txt", "x")).EnsureSuccessStatusCode();
        (await _admin.PutTextAsync("/Shared/Board/Minutes/budget-minutes.txt", "x")).EnsureSuccessStatusCode();
        await _admin.SearchUntilAsync("budget", page => page.GetProperty("total").GetInt32() == 2);

        (await Alice.SearchAsync("budget")).Paths().ShouldBe(["/Shared/Board/Minutes/budget-minutes.txt"]);
        (await Bob.SearchAsync("budget")).Paths().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Trashed_items_leave_the_results()
    {
        (await Alice.PutTextAsync($"{Team}/obsolete-notes.txt", "x")).EnsureSuccessStatusCode();
        await Alice.FindAsync("obsolete", $"{Team}/obsolete-notes.txt");

        (await Alice.DeleteAsync(FsClient.Fs($"{Team}/obsolete-notes.txt"), Ct)).EnsureSuccessStatusCode();

        await Alice.SearchUntilAsync("obsolete", page => page.GetProperty("total").GetInt32() == 0);
    }

    [Fact]
    public async Task A_renamed_folder_moves_its_files_paths_in_the_index()
    {
        (await Alice.MkdirAsync($"{Team}/Drafts")).EnsureSuccessStatusCode();
        (await Alice.PutTextAsync($"{Team}/Drafts/keynote-outline.txt", "x")).EnsureSuccessStatusCode();
        await Alice.FindAsync("keynote", $"{Team}/Drafts/keynote-outline.txt");

        (await Alice.ActAsync($"{Team}/Drafts", new { action = "rename", name = "Final" })).EnsureSuccessStatusCode();

        await Alice.SearchUntilAsync("keynote", page => page.Paths().SequenceEqual([$"{Team}/Final/keynote-outline.txt"]));
        (await Alice.SearchAsync("keynote", $"&path={Uri.EscapeDataString($"{Team}/Final")}")).Paths().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Filters_narrow_by_folder_type_size_and_date()
    {
        (await Alice.MkdirAsync($"{Team}/Orbit")).EnsureSuccessStatusCode();
        (await Alice.PutTextAsync($"{Team}/Orbit/orbit-small.md", "tiny")).EnsureSuccessStatusCode();
        (await Alice.PutTextAsync($"{Team}/Orbit/orbit-large.txt", new string('x', 3000))).EnsureSuccessStatusCode();
        (await Alice.PutTextAsync($"{Team}/orbit-outside.txt", "x")).EnsureSuccessStatusCode();
        await Alice.SearchUntilAsync("orbit", page => page.GetProperty("total").GetInt32() == 4);

        // in: is strictly inside, not the folder itself.
        (await Alice.SearchAsync($"orbit in:{Team}/Orbit")).Paths().Order().ToList().ShouldBe([$"{Team}/Orbit/orbit-large.txt", $"{Team}/Orbit/orbit-small.md"]);
        (await Alice.SearchAsync("orbit type:md")).Paths().ShouldBe([$"{Team}/Orbit/orbit-small.md"]);
        (await Alice.SearchAsync("orbit type:folder")).Paths().ShouldBe([$"{Team}/Orbit"]);
        (await Alice.SearchAsync("orbit size:>2KB")).Paths().ShouldBe([$"{Team}/Orbit/orbit-large.txt"]);
        (await Alice.SearchAsync("orbit modified:>2000-01-01")).GetProperty("total").GetInt32().ShouldBe(4);
        (await Alice.SearchAsync("orbit modified:<2000-01-01")).GetProperty("total").GetInt32().ShouldBe(0);
        (await Alice.SearchAsync("orbit -large")).Paths().ShouldNotContain($"{Team}/Orbit/orbit-large.txt");
        (await Alice.SearchAsync(string.Empty, $"&path={Uri.EscapeDataString($"{Team}/Orbit")}&sort=name")).Paths()
            .ShouldBe([$"{Team}/Orbit/orbit-large.txt", $"{Team}/Orbit/orbit-small.md"], "browsing a folder needs no words");
    }

    [Fact]
    public async Task Pages_follow_the_cursor_to_the_end()
    {
        for (var i = 0; i < 5; i++)
        {
            (await Alice.PutTextAsync($"{Team}/paging-{i}.txt", "x")).EnsureSuccessStatusCode();
        }

        await Alice.SearchUntilAsync("paging", page => page.GetProperty("total").GetInt32() == 5);
        var first = await Alice.SearchAsync("paging", "&sort=name&limit=3");
        var second = await Alice.SearchAsync("paging", $"&sort=name&limit=3&cursor={Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!)}");

        first.Paths().Concat(second.Paths()).ShouldBe(Enumerable.Range(0, 5).Select(i => $"{Team}/paging-{i}.txt"));
        second.GetProperty("nextCursor").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.Null);
    }

    [Fact]
    public async Task A_syntax_error_is_a_400_with_the_reason()
    {
        using var response = await Alice.GetAsync(SearchClient.SearchUri("\"unclosed phrase"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemDetailAsync()).ShouldContain("closing quote");
    }

    [Fact]
    public async Task An_empty_query_without_a_filter_is_a_400()
    {
        using var response = await Alice.GetAsync(SearchClient.SearchUri(string.Empty), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Anonymous_callers_get_no_search()
    {
        using var anonymous = App.CreateAnonymousClient();
        using var response = await anonymous.GetAsync(SearchClient.SearchUri("anything"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task With_the_flag_off_search_answers_503()
    {
        (await _admin.PutAsJsonAsync(new Uri("/api/v1/admin/flags/Search", UriKind.Relative), new { enabled = false, rolloutPercentage = 0 }, Ct)).EnsureSuccessStatusCode();

        using var response = await Alice.GetAsync(SearchClient.SearchUri("anything"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }
}
