using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Trash;

public sealed class TrashApiTests : TeamScenario
{
    [Fact]
    public async Task Deleted_file_goes_to_trash_and_restores_to_its_place()
    {
        (await Alice.PutTextAsync("/Shared/Team/report.txt", "v1")).EnsureSuccessStatusCode();

        using var deleted = await Alice.DeleteAsync(FsClient.Fs("/Shared/Team/report.txt"), Ct);

        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Alice.GetAsync(FsClient.Fs("/Shared/Team/report.txt"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var item = (await TrashAsync(Alice)).Single();
        item.GetProperty("originalPath").GetString().ShouldBe("/Shared/Team/report.txt");
        item.GetProperty("trashedBy").GetString().ShouldNotBeNullOrEmpty();

        using var restored = await Alice.PostAsync(new Uri($"/api/v1/trash/{Id(item)}/restore", UriKind.Relative), null, Ct);

        restored.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Alice.GetTextAsync("/Shared/Team/report.txt")).ShouldBe("v1");
        (await TrashAsync(Alice)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Restore_onto_a_taken_name_comes_back_as_restored_sibling()
    {
        (await Alice.PutTextAsync("/Shared/Team/plan.md", "old")).EnsureSuccessStatusCode();
        (await Alice.DeleteAsync(FsClient.Fs("/Shared/Team/plan.md"), Ct)).EnsureSuccessStatusCode();
        (await Alice.PutTextAsync("/Shared/Team/plan.md", "new")).EnsureSuccessStatusCode();
        var item = (await TrashAsync(Alice)).Single();

        using var restored = await Alice.PostAsync(new Uri($"/api/v1/trash/{Id(item)}/restore", UriKind.Relative), null, Ct);

        restored.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Alice.GetTextAsync("/Shared/Team/plan.md")).ShouldBe("new");
        (await Alice.GetTextAsync("/Shared/Team/plan (restored).md")).ShouldBe("old");
    }

    [Fact]
    public async Task Deleted_folder_restores_with_its_subtree_even_if_its_parent_is_gone()
    {
        await Alice.MkdirAsync("/Shared/Team/a");
        await Alice.MkdirAsync("/Shared/Team/a/b");
        (await Alice.PutTextAsync("/Shared/Team/a/b/deep.txt", "deep")).EnsureSuccessStatusCode();
        (await Alice.DeleteAsync(FsClient.Fs("/Shared/Team/a/b"), Ct)).EnsureSuccessStatusCode();
        (await Alice.DeleteAsync(FsClient.Fs("/Shared/Team/a"), Ct)).EnsureSuccessStatusCode();
        var b = (await TrashAsync(Alice)).Single(i => i.GetProperty("name").GetString() == "b");

        using var restored = await Alice.PostAsync(new Uri($"/api/v1/trash/{Id(b)}/restore", UriKind.Relative), null, Ct);

        restored.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Alice.GetTextAsync("/Shared/Team/a/b/deep.txt")).ShouldBe("deep");
    }

    [Fact]
    public async Task Purged_item_is_gone_for_good()
    {
        (await Alice.PutTextAsync("/Shared/Team/tmp.bin", "x")).EnsureSuccessStatusCode();
        (await Alice.DeleteAsync(FsClient.Fs("/Shared/Team/tmp.bin"), Ct)).EnsureSuccessStatusCode();
        var id = Id((await TrashAsync(Alice)).Single());

        using var purged = await Alice.DeleteAsync(new Uri($"/api/v1/trash/{id}", UriKind.Relative), Ct);

        purged.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await TrashAsync(Alice)).ShouldBeEmpty();
        using var restore = await Alice.PostAsync(new Uri($"/api/v1/trash/{id}/restore", UriKind.Relative), null, Ct);
        restore.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Empty_trash_purges_what_the_caller_sees()
    {
        foreach (var name in new[] { "x1", "x2", "x3" })
        {
            (await Alice.PutTextAsync($"/Private/alice/{name}", name)).EnsureSuccessStatusCode();
            (await Alice.DeleteAsync(FsClient.Fs($"/Private/alice/{name}"), Ct)).EnsureSuccessStatusCode();
        }

        using var response = await Alice.DeleteAsync(new Uri("/api/v1/trash", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var result = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        result.GetProperty("purged").GetInt32().ShouldBe(3);
        (await TrashAsync(Alice)).ShouldBeEmpty();
    }

    [Fact]
    public async Task Another_users_private_trash_is_invisible_and_untouchable()
    {
        (await Alice.PutTextAsync("/Private/alice/secret.txt", "s")).EnsureSuccessStatusCode();
        (await Alice.DeleteAsync(FsClient.Fs("/Private/alice/secret.txt"), Ct)).EnsureSuccessStatusCode();
        var id = Id((await TrashAsync(Alice)).Single());

        (await TrashAsync(Bob)).ShouldBeEmpty();
        (await Bob.PostAsync(new Uri($"/api/v1/trash/{id}/restore", UriKind.Relative), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.DeleteAsync(new Uri($"/api/v1/trash/{id}", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await TrashAsync(Alice)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task Unknown_trash_id_returns_404_problem()
    {
        using var response = await Alice.PostAsync(new Uri("/api/v1/trash/987654/restore", UriKind.Relative), null, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.ProblemDetailAsync()).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task Non_numeric_trash_id_is_not_routed() =>
        (await Alice.PostAsync(new Uri("/api/v1/trash/abc/restore", UriKind.Relative), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

    private static async Task<List<JsonElement>> TrashAsync(HttpClient client) =>
        (await client.GetJsonAsync(new Uri("/api/v1/trash", UriKind.Relative))).EnumerateArray().ToList();

    private static long Id(JsonElement item) => item.GetProperty("id").GetInt64();
}
