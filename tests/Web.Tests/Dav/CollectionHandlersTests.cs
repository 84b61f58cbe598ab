using System.Net;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Dav;

/// <summary>MKCOL's and DELETE's success and error paths, through the real host.</summary>
public sealed class CollectionHandlersTests : DavScenario
{
    [Fact]
    public async Task Mkcol_creates_then_refuses_existing_missing_parent_and_bodies()
    {
        using var created = await Alice.SendAsync("MKCOL", $"{Home}/new");
        using var again = await Alice.SendAsync("MKCOL", $"{Home}/new");
        using var orphan = await Alice.SendAsync("MKCOL", $"{Home}/missing/new");
        using var withBody = await Alice.SendAsync("MKCOL", $"{Home}/other", "<x/>");

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        orphan.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        withBody.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await Alice.ListNamesAsync(Home)).ShouldBe(["new"]);
    }

    [Fact]
    public async Task Delete_moves_to_the_trash_and_a_missing_resource_is_404()
    {
        (await Alice.SendAsync("MKCOL", $"{Home}/gone")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Alice.PutAsync($"{Home}/gone/f.txt", "x")).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var deleted = await Alice.SendAsync("DELETE", $"{Home}/gone");
        using var again = await Alice.SendAsync("DELETE", $"{Home}/gone");

        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var trash = await Alice.GetJsonAsync(new Uri("/api/v1/trash", UriKind.Relative));
        trash.EnumerateArray().Select(t => t.GetProperty("originalPath").GetString()).ShouldContain($"{Home}/gone");
    }
}
