using System.Net;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Search;

/// <summary>The results page as the server renders it: results the caller may see, the syntax error's reason, the empty state.</summary>
public sealed class SearchResultsPageTests : TeamScenario
{
    public SearchResultsPageTests() => App.SearchIndexer = true;

    [Fact]
    public async Task Results_show_their_folder_and_marked_words_and_never_another_users_private_file()
    {
        (await Alice.PutTextAsync($"{Team}/plan.txt", "The lighthouse budget for <b>next</b> year.")).EnsureSuccessStatusCode();
        (await Alice.PutTextAsync("/Private/alice/diary.txt", "My own lighthouse notes.")).EnsureSuccessStatusCode();
        await Alice.FindAsync("lighthouse", $"{Team}/plan.txt");
        await Alice.FindAsync("lighthouse", "/Private/alice/diary.txt");

        var bobs = await HtmlAsync(Bob, "/search?q=lighthouse");

        bobs.ShouldContain("data-name=\"plan.txt\"");
        bobs.ShouldContain("href=\"/files/Shared/Team\"");
        bobs.ShouldContain("<mark>lighthouse</mark>");
        bobs.ShouldContain("&lt;b&gt;next&lt;/b&gt;");
        bobs.ShouldContain("1 result");
        bobs.ShouldNotContain("diary.txt");
    }

    [Fact]
    public async Task A_filter_in_the_address_narrows_the_results()
    {
        (await Alice.PutTextAsync($"{Team}/harbour.txt", "harbour")).EnsureSuccessStatusCode();
        (await Alice.MkdirAsync($"{Team}/harbour")).EnsureSuccessStatusCode();
        await Alice.FindAsync("harbour", $"{Team}/harbour.txt");
        await Alice.FindAsync("harbour", $"{Team}/harbour");

        var all = await HtmlAsync(Alice, "/search?q=harbour");
        var folders = await HtmlAsync(Alice, "/search?q=harbour&type=folder");

        all.ShouldContain("2 results");
        folders.ShouldContain("1 result");
        folders.ShouldContain("data-name=\"harbour\"");
        folders.ShouldNotContain("data-name=\"harbour.txt\"");
    }

    [Fact]
    public async Task A_syntax_error_shows_its_reason_and_nothing_found_says_so()
    {
        var error = await HtmlAsync(Alice, "/search?q=%22unclosed");
        var empty = await HtmlAsync(Alice, "/search?q=zzyzx");

        error.ShouldContain("data-testid=\"search-error\"");
        error.ShouldContain("A phrase is missing its closing quote.");
        empty.ShouldContain("data-testid=\"search-empty\"");
        empty.ShouldContain("Nothing found for");
        empty.ShouldContain("zzyzx");
    }

    private static async Task<string> HtmlAsync(HttpClient client, string page)
    {
        using var response = await client.GetAsync(new Uri(page, UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
