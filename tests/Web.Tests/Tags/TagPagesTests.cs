using System.Net;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Tags;

/// <summary>The favorites and per-tag pages and the file manager's row marks, as the server renders them.</summary>
public sealed class TagPagesTests : TeamScenario
{
    [Fact]
    public async Task Pages_show_the_callers_stars_and_tags_but_never_someone_elses_personal_tag()
    {
        (await Alice.PutTextAsync(Team + "/plan.txt", "p")).EnsureSuccessStatusCode();
        (await Alice.TagAsync("Draft", Team + "/plan.txt")).EnsureSuccessStatusCode();
        (await Alice.TagAsync("secret-label", Team + "/plan.txt", "personal")).EnsureSuccessStatusCode();
        (await Alice.PutAsync(TagClient.FavoriteUri(Team + "/plan.txt"), null, Ct)).EnsureSuccessStatusCode();

        var favorites = await HtmlAsync(Alice, "/favorites");
        var bobsFavorites = await HtmlAsync(Bob, "/favorites");
        var tagged = await HtmlAsync(Bob, "/tags/Draft");
        var tags = await HtmlAsync(Bob, "/tags");
        var bobsFolder = await HtmlAsync(Bob, "/files/Shared/Team");

        favorites.ShouldContain("plan.txt");
        favorites.ShouldContain("secret-label");
        bobsFavorites.ShouldNotContain("plan.txt");
        tagged.ShouldContain("plan.txt");
        tagged.ShouldNotContain("secret-label");
        tags.ShouldContain("Draft");
        tags.ShouldNotContain("secret-label");
        bobsFolder.ShouldNotContain("secret-label");
    }

    private static async Task<string> HtmlAsync(HttpClient client, string page)
    {
        using var response = await client.GetAsync(new Uri(page, UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
