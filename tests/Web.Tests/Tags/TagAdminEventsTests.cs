using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Strata.Infrastructure.Journal;
using Strata.Web.Journal;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Tags;

/// <summary>
/// An administrator's rename, recolour and merge of a tag are journalled in the same save, and only administrators
/// read them: the events are about no item, so they carry no tag name to anyone else.
/// </summary>
public sealed class TagAdminEventsTests : TeamScenario
{
    private static readonly Uri AdminTags = new("/api/v1/admin/tags", UriKind.Relative);
    private static readonly Dictionary<string, string> Names = new(StringComparer.Ordinal) { ["u1"] = "Alice" };
    private HttpClient _admin = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _admin = await App.CreateAdminClientAsync();
        (await Alice.PutTextAsync(Team + "/a.txt", "a")).EnsureSuccessStatusCode();
    }

    public override ValueTask DisposeAsync()
    {
        _admin.Dispose();
        return base.DisposeAsync();
    }

    [Fact]
    public async Task A_rename_and_recolour_is_one_event_with_what_changed()
    {
        var id = await CreateAsync("Urgent");

        (await _admin.PatchAsJsonAsync(AdminTag(id), new { name = "Hot", color = "green" }, Ct)).EnsureSuccessStatusCode();
        (await _admin.PatchAsJsonAsync(AdminTag(id), new { name = "Hot", color = "green" }, Ct)).EnsureSuccessStatusCode();
        (await _admin.PatchAsJsonAsync(AdminTag(id), new { scope = "restricted" }, Ct)).EnsureSuccessStatusCode();

        var changes = Administration(await _admin.AllEventsAsync());
        changes.Count.ShouldBe(2);
        var renamed = changes[0].GetProperty("details");
        changes[0].GetProperty("type").GetString().ShouldBe("TagChanged");
        renamed.GetProperty("tag").GetString().ShouldBe("Hot");
        renamed.GetProperty("oldName").GetString().ShouldBe("Urgent");
        renamed.GetProperty("oldColor").GetString().ShouldBe("#757575");
        renamed.GetProperty("color").GetString().ShouldBe("#43a047");
        renamed.TryGetProperty("oldScope", out _).ShouldBeFalse();
        changes[1].GetProperty("details").GetProperty("oldScope").GetString().ShouldBe("Shared");
        changes[1].GetProperty("details").GetProperty("scope").GetString().ShouldBe("Restricted");
    }

    [Fact]
    public async Task A_merge_is_one_event_naming_both_tags_and_the_items_moved()
    {
        var asap = await CreateAsync("ASAP");
        var urgent = await CreateAsync("Urgent");
        (await Alice.TagAsync("ASAP", Team + "/a.txt")).EnsureSuccessStatusCode();

        (await _admin.PostAsync(new Uri($"/api/v1/admin/tags/{asap}/merge-into/{urgent}", UriKind.Relative), null, Ct)).EnsureSuccessStatusCode();

        var merged = Administration(await _admin.AllEventsAsync()).ShouldHaveSingleItem();
        merged.GetProperty("type").GetString().ShouldBe("TagsMerged");
        merged.GetProperty("nodeId").ValueKind.ShouldBe(JsonValueKind.Null);
        var details = merged.GetProperty("details");
        details.GetProperty("mergedTag").GetString().ShouldBe("ASAP");
        details.GetProperty("tag").GetString().ShouldBe("Urgent");
        details.GetProperty("items").GetString().ShouldBe("1");
    }

    [Fact]
    public async Task Users_never_read_tag_administration_events()
    {
        var secret = await CreateAsync("Legal hold", "restricted");
        var other = await CreateAsync("Audit", "restricted");
        (await _admin.PatchAsJsonAsync(AdminTag(secret), new { name = "Litigation 2026" }, Ct)).EnsureSuccessStatusCode();
        (await _admin.PostAsync(new Uri($"/api/v1/admin/tags/{other}/merge-into/{secret}", UriKind.Relative), null, Ct)).EnsureSuccessStatusCode();

        var alices = await Alice.AllEventsAsync();

        Administration(await _admin.AllEventsAsync()).Count.ShouldBe(2);
        Administration(alices).ShouldBeEmpty();
        alices.Select(e => e.GetRawText()).ShouldAllBe(text => !text.Contains("Litigation", StringComparison.Ordinal) && !text.Contains("Legal hold", StringComparison.Ordinal));
        Administration(await Bob.AllEventsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_activity_page_tells_administrators_alone_and_leads_them_to_tag_administration()
    {
        var id = await CreateAsync("Legal hold", "restricted");
        (await _admin.PatchAsJsonAsync(AdminTag(id), new { name = "Litigation 2026" }, Ct)).EnsureSuccessStatusCode();

        var admins = await ActivityAsync(_admin);
        var alices = await ActivityAsync(Alice);

        admins.ShouldContain("renamed the tag \"Legal hold\" to \"Litigation 2026\"");
        admins.ShouldContain("href=\"/admin/tags\"");
        alices.ShouldNotContain("Litigation 2026");
        alices.ShouldNotContain("Legal hold");
    }

    [Fact]
    public async Task Administrators_list_shared_and_restricted_tags_with_their_use_and_nobody_else_does()
    {
        await CreateAsync("Legal hold", "restricted");
        (await Alice.TagAsync("Draft", Team + "/a.txt")).EnsureSuccessStatusCode();
        (await Alice.TagAsync("mine", Team + "/a.txt", "personal")).EnsureSuccessStatusCode();
        (await Alice.PutTextAsync("/Private/alice/b.txt", "b")).EnsureSuccessStatusCode();
        (await Alice.TagAsync("Draft", "/Private/alice/b.txt")).EnsureSuccessStatusCode();

        var listed = await _admin.GetJsonAsync(AdminTags);

        listed.EnumerateArray().Select(t => (t.GetProperty("name").GetString(), t.GetProperty("scope").GetString(), t.GetProperty("count").GetInt32()))
            .ShouldBe([("Draft", "Shared", 2), ("Legal hold", "Restricted", 0)]);
        (await Alice.GetAsync(AdminTags, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_refused_change_writes_no_event()
    {
        var urgent = await CreateAsync("Urgent");
        await CreateAsync("Hot");

        (await _admin.PatchAsJsonAsync(AdminTag(urgent), new { name = "hot" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Alice.PatchAsJsonAsync(AdminTag(urgent), new { name = "Cold" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        Administration(await _admin.AllEventsAsync()).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("Urgent", "#757575", null, "Alice renamed the tag \"Urgent\" to \"Hot\" and recoloured it")]
    [InlineData(null, "#757575", "Shared", "Alice recoloured the tag \"Hot\" and made it restricted")]
    [InlineData(null, null, "Shared", "Alice made the tag \"Hot\" restricted")]
    public void A_tag_change_reads_as_what_changed(string? oldName, string? oldColor, string? oldScope, string expected)
    {
        var details = new Dictionary<string, string> { ["tag"] = "Hot", ["scope"] = "Restricted" };
        foreach (var (key, value) in new[] { ("oldName", oldName), ("oldColor", oldColor), ("oldScope", oldScope) })
        {
            if (value is not null)
            {
                details[key] = value;
            }
        }

        var change = new EventView(1, "TagChanged", null, "/Shared", null, true, "u1", DateTimeOffset.UnixEpoch, Details: details);

        ActivitySentence.Describe(change, Names).ShouldBe(expected);
    }

    [Fact]
    public void A_merge_reads_as_both_tags_and_the_number_of_items()
    {
        var details = new Dictionary<string, string> { ["tag"] = "Urgent", ["mergedTag"] = "ASAP", ["items"] = "3" };
        var change = new EventView(1, "TagsMerged", null, "/Shared", null, true, "u1", DateTimeOffset.UnixEpoch, Details: details);

        ActivitySentence.Describe(change, Names).ShouldBe("Alice merged the tag \"ASAP\" into \"Urgent\" (3 items)");
    }

    private async Task<long> CreateAsync(string name, string? scope = null)
    {
        using var created = await _admin.CreateTagAsync(name, scope: scope);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        return (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt64();
    }

    private static List<JsonElement> Administration(IEnumerable<JsonElement> events) =>
        events.Where(e => e.GetProperty("type").GetString() is "TagChanged" or "TagsMerged").ToList();

    private static async Task<string> ActivityAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/activity", UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));
    }

    private static Uri AdminTag(long id) => new($"/api/v1/admin/tags/{id}", UriKind.Relative);
}
