using System.Net;

namespace Strata.Web.Tests.Files;

public sealed class RecentPageTests : TeamScenario
{
    [Fact]
    public async Task Recent_lists_shared_and_own_files_newest_first_but_never_another_users_private_files()
    {
        (await Alice.PutTextAsync("/Private/alice/mine.txt", "a")).EnsureSuccessStatusCode();
        (await Bob.PutTextAsync("/Private/bob/bobs-secret.txt", "b")).EnsureSuccessStatusCode();
        (await Bob.PutTextAsync($"{Team}/plan.txt", "c")).EnsureSuccessStatusCode();

        using var response = await Alice.GetAsync(new Uri("/recent", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("mine.txt");
        html.ShouldContain("plan.txt");
        html.ShouldNotContain("bobs-secret.txt");
        html.IndexOf("plan.txt", StringComparison.Ordinal).ShouldBeLessThan(html.IndexOf("mine.txt", StringComparison.Ordinal));
    }
}
