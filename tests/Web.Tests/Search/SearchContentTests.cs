using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Strata.Tests.Previews;
using Strata.Web.Tests.Comments;
using Strata.Web.Tests.Dav;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Tags;

namespace Strata.Web.Tests.Search;

/// <summary>
/// What search finds besides names: the text of documents (extracted in the background after the upload), shared
/// tags and comments, with the words highlighted; accents folded and names split the way people join words.
/// </summary>
public sealed class SearchContentTests : TeamScenario
{
    public SearchContentTests() => App.SearchIndexer = true;

    [Fact]
    public async Task A_word_inside_a_pdf_uploaded_over_webdav_is_found_with_a_highlighted_snippet()
    {
        var pdf = TestDocuments.TextPdf("The committee reviewed photosynthesis yields for the spring trial.", "Second line of the report.");
        using var put = new HttpRequestMessage(HttpMethod.Put, DavClient.DavUri($"{Team}/trial-report.pdf")) { Content = new ByteArrayContent(pdf) };
        put.Content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        var clock = Stopwatch.StartNew();
        (await Alice.SendAsync(put, Ct)).EnsureSuccessStatusCode();

        var page = await Bob.FindAsync("photosynthesis", $"{Team}/trial-report.pdf");
        TestContext.Current.TestOutputHelper?.WriteLine($"Upload to searchable content: {clock.ElapsedMilliseconds} ms");

        var parts = page.GetProperty("items")[0].GetProperty("snippets")[0].GetProperty("parts").EnumerateArray().ToList();
        parts.Where(p => p.GetProperty("isMatch").GetBoolean()).Select(p => p.GetProperty("text").GetString()).ShouldBe(["photosynthesis"]);
        string.Concat(parts.Select(p => p.GetProperty("text").GetString())).ShouldContain("The committee reviewed photosynthesis yields");
        (await Bob.SearchAsync("\"photosynthesis yields\"")).Paths().ShouldBe([$"{Team}/trial-report.pdf"]);
        (await Bob.SearchAsync("photosynth*")).Paths().ShouldBe([$"{Team}/trial-report.pdf"]);
        (await Bob.SearchAsync("\"yields photosynthesis\"")).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task Accents_are_folded_in_names_and_text()
    {
        (await Alice.PutTextAsync($"{Team}/Café-menu.txt", "crème brûlée and a résumé")).EnsureSuccessStatusCode();

        await Alice.FindAsync("cafe", $"{Team}/Café-menu.txt");
        await Alice.FindAsync("CAFÉ", $"{Team}/Café-menu.txt");
        await Alice.FindAsync("resume", $"{Team}/Café-menu.txt");
        await Alice.FindAsync("brulee", $"{Team}/Café-menu.txt");
    }

    [Fact]
    public async Task Names_are_split_on_camel_case_underscores_dashes_and_dots()
    {
        (await Alice.PutTextAsync($"{Team}/quarterlyForecastQ3.txt", "x")).EnsureSuccessStatusCode();
        (await Alice.PutTextAsync($"{Team}/release_notes-v2.final.txt", "x")).EnsureSuccessStatusCode();

        await Alice.FindAsync("forecast", $"{Team}/quarterlyForecastQ3.txt");
        await Alice.FindAsync("quarterlyforecastq3", $"{Team}/quarterlyForecastQ3.txt");
        await Alice.FindAsync("notes", $"{Team}/release_notes-v2.final.txt");
        await Alice.FindAsync("final", $"{Team}/release_notes-v2.final.txt");
        await Alice.FindAsync("release_notes", $"{Team}/release_notes-v2.final.txt");
    }

    [Fact]
    public async Task Shared_tags_and_comments_are_searchable_and_personal_tags_are_not()
    {
        (await Alice.PutTextAsync($"{Team}/contract.txt", "x")).EnsureSuccessStatusCode();
        (await Alice.TagAsync("release-7", $"{Team}/contract.txt")).EnsureSuccessStatusCode();
        (await Alice.TagAsync("mysecretlabel", $"{Team}/contract.txt", "personal")).EnsureSuccessStatusCode();
        await Alice.CommentAsync($"{Team}/contract.txt", "Needs a legal review before signing");

        await Bob.FindAsync("tag:release-7", $"{Team}/contract.txt");
        var page = await Bob.FindAsync("legal", $"{Team}/contract.txt");
        var snippet = page.GetProperty("items")[0].GetProperty("snippets")[0].GetProperty("parts").EnumerateArray();
        snippet.Single(p => p.GetProperty("isMatch").GetBoolean()).GetProperty("text").GetString().ShouldBe("legal");
        (await Bob.SearchAsync("release", "&tag=release-7")).Paths().ShouldBe([$"{Team}/contract.txt"]);

        // Not even its owner finds an item by a personal tag: the index never holds one.
        (await Alice.SearchAsync("mysecretlabel")).GetProperty("total").GetInt32().ShouldBe(0);
        (await Alice.SearchAsync("tag:mysecretlabel")).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_tag_renamed_by_an_administrator_is_found_by_its_new_name()
    {
        using var admin = await App.CreateAdminClientAsync();
        (await Alice.PutTextAsync($"{Team}/roadmap.txt", "x")).EnsureSuccessStatusCode();
        (await Alice.TagAsync("Urgent", $"{Team}/roadmap.txt")).EnsureSuccessStatusCode();
        await Alice.FindAsync("tag:urgent", $"{Team}/roadmap.txt");
        var id = (await Alice.TagsAsync()).Single(t => t.GetProperty("name").GetString() == "Urgent").GetProperty("id").GetInt64();

        (await admin.PatchAsJsonAsync(new Uri($"/api/v1/admin/tags/{id}", UriKind.Relative), new { name = "Critical" }, Ct)).EnsureSuccessStatusCode();

        await Alice.FindAsync("tag:critical", $"{Team}/roadmap.txt");
        (await Alice.SearchAsync("tag:urgent")).GetProperty("total").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_long_document_costs_only_its_first_part_for_snippets()
    {
        var text = string.Concat(Enumerable.Repeat("filler words without meaning ", 40_000)) + " needle at the end";
        (await Alice.PutTextAsync($"{Team}/haystack.txt", text)).EnsureSuccessStatusCode();

        var page = await Alice.FindAsync("needle", $"{Team}/haystack.txt");

        page.GetProperty("items")[0].GetProperty("snippets").GetArrayLength().ShouldBe(0, "the match lies beyond the highlighted part");
        page.GetProperty("items")[0].GetProperty("snippets").ValueKind.ShouldBe(JsonValueKind.Array);
    }
}
