using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Strata.Infrastructure.Journal;
using Strata.Web.Journal;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Journal;

public sealed class ActivityPageTests : TeamScenario
{
    private static readonly Dictionary<string, string> Names = new() { ["u1"] = "Alice" };

    [Fact]
    public async Task Activity_shows_visible_events_newest_first_with_link_events_in_words_only_to_the_links_creator()
    {
        (await Alice.PutTextAsync("/Private/alice/report.pdf", "pdf")).EnsureSuccessStatusCode();
        (await Alice.PostAsJsonAsync(new Uri("/api/v1/links", UriKind.Relative), new { path = "/Private/alice/report.pdf" }, Ct)).EnsureSuccessStatusCode();
        (await Bob.PutTextAsync($"{Team}/plan.txt", "plan")).EnsureSuccessStatusCode();

        var alices = await PageAsync(Alice);
        var bobs = await PageAsync(Bob);

        alices.ShouldContain("created link #");
        alices.ShouldContain("added plan.txt");
        alices.IndexOf("added plan.txt", StringComparison.Ordinal).ShouldBeLessThan(alices.IndexOf("added report.pdf", StringComparison.Ordinal));
        bobs.ShouldContain("added plan.txt");
        bobs.ShouldNotContain("report.pdf");
    }

    [Fact]
    public async Task Activity_leaves_out_the_metadata_finder_writes_beside_each_file()
    {
        foreach (var name in new[] { "report.docx", "._report.docx", ".DS_Store" })
        {
            (await Alice.PutTextAsync($"/Private/alice/{name}", name)).EnsureSuccessStatusCode();
        }

        var page = await PageAsync(Alice);

        page.ShouldContain("added report.docx");
        page.ShouldNotContain("._report.docx");
        page.ShouldNotContain(".DS_Store");
    }

    [Fact]
    public async Task Thirty_uploads_by_one_person_into_one_folder_are_one_entry()
    {
        (await Bob.PutTextAsync($"{Team}/before.txt", "b")).EnsureSuccessStatusCode();
        for (var i = 0; i < 30; i++)
        {
            (await Alice.PutTextAsync($"{Team}/build-{i:D2}.zip", "zip")).EnsureSuccessStatusCode();
        }

        var page = await PageAsync(Bob);

        Texts(page).Take(2).ShouldBe(["alice uploaded 30 files to /Shared/Team", "bob added before.txt"]);
    }

    [Fact]
    public async Task A_burst_longer_than_a_page_is_not_split_across_pages()
    {
        for (var i = 0; i < 75; i++)
        {
            (await Alice.PutTextAsync($"{Team}/frame-{i:D3}.png", "png")).EnsureSuccessStatusCode();
        }

        (await Alice.PutTextAsync($"{Team}/notes.txt", "n")).EnsureSuccessStatusCode();
        (await Alice.ActAsync($"{Team}/notes.txt", new { action = "rename", name = "readme.txt" })).EnsureSuccessStatusCode();

        var texts = Texts(await PageAsync(Bob));

        // 77 events, more than a page of 50: the page reads on to the burst's end.
        texts.Take(3).ShouldBe(["alice renamed notes.txt to readme.txt", "alice uploaded 76 files to /Shared/Team", "system created the folder bob"]);
    }

    [Theory]
    [InlineData("LinkDownloaded", null, null, "Anonymous visitor downloaded report.pdf via link #12")]
    [InlineData("LinkUploaded", null, "jane@client.com", "jane@client.com uploaded report.pdf via file request #12")]
    [InlineData("LinkUploaded", "Jane", "jane@client.com", "Jane (jane@client.com) uploaded report.pdf via file request #12")]
    [InlineData("LinkUploaded", null, null, "Anonymous visitor uploaded report.pdf via file request #12")]
    [InlineData("FileUpdated", null, null, "Alice saved a new version of report.pdf")]
    [InlineData("Locked", null, null, "Alice locked report.pdf for editing")]
    [InlineData("Unlocked", null, null, "Alice released the lock on report.pdf")]
    [InlineData("PermissionsChanged", null, null, "Alice changed who may access report.pdf")]
    [InlineData("SomethingNew", null, null, "Alice: SomethingNew report.pdf")]
    public void Events_read_as_sentences(string type, string? uploader, string? email, string expected)
    {
        var details = new Dictionary<string, string>();
        if (uploader is not null)
        {
            details["uploader"] = uploader;
        }

        if (email is not null)
        {
            details["email"] = email;
        }

        var change = new EventView(1, type, 5, "/Shared/Docs/report.pdf", null, false, "u1", DateTimeOffset.UnixEpoch, LinkId: 12, Details: details);

        ActivitySentence.Describe(change, Names).ShouldBe(expected);
    }

    /// <summary>The sentences of the page's entries, top to bottom.</summary>
    private static List<string> Texts(string page) =>
        Regex.Matches(page, "data-testid=\"activity-text\"[^>]*>([^<]*)<").Select(m => m.Groups[1].Value.Trim()).ToList();

    private static async Task<string> PageAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/activity", UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
    }
}
