using System.Net;
using System.Net.Http.Json;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Sharing;

namespace Strata.Web.Tests.Tags;

/// <summary>
/// Tags through the API on a team folder everyone may write, and <c>/Shared/Gov</c>, where alice may only read and
/// bob may not go: scopes, rights, rename and merge, the tag filter and the per-tag page.
/// </summary>
public sealed class TagsApiTests : TeamScenario
{
    private const string Gov = "/Shared/Gov";
    private HttpClient _admin = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _admin = await App.CreateAdminClientAsync();
        (await Alice.PutTextAsync(Team + "/a.txt", "a")).EnsureSuccessStatusCode();
        (await Alice.PutTextAsync(Team + "/b.txt", "b")).EnsureSuccessStatusCode();
        (await _admin.MkdirAsync(Gov)).EnsureSuccessStatusCode();
        (await _admin.PutTextAsync(Gov + "/secret.txt", "s")).EnsureSuccessStatusCode();
        await _admin.GrantUserAsync(Gov, "alice", "Viewer");
    }

    public override ValueTask DisposeAsync()
    {
        _admin.Dispose();
        return base.DisposeAsync();
    }

    [Fact]
    public async Task A_shared_tag_is_seen_by_everyone_who_sees_the_item_and_follows_a_rename()
    {
        (await Alice.TagAsync("Draft", Team + "/a.txt")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Alice.TagAsync("draft", Team + "/a.txt")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Alice.ActAsync(Team + "/a.txt", new { action = "rename", name = "c.txt" })).EnsureSuccessStatusCode();

        var tags = await Bob.ChildTagsAsync(Team);

        tags["c.txt"].ShouldBe(["Draft"]);
        tags["b.txt"].ShouldBeEmpty();
        var draft = (await Bob.TagsAsync()).Single(t => t.GetProperty("name").GetString() == "Draft");
        draft.GetProperty("scope").GetString().ShouldBe("Shared");
        draft.GetProperty("count").GetInt32().ShouldBe(1);
        (await Bob.TaggedPathsAsync("DRAFT")).ShouldBe([Team + "/c.txt"]);
    }

    [Fact]
    public async Task A_personal_tag_is_invisible_to_others_everywhere()
    {
        (await Alice.TagAsync("mine", Team + "/a.txt", "personal")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Alice.PutAsync(TagClient.FavoriteUri(Team + "/a.txt"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Alice.ChildTagsAsync(Team))["a.txt"].ShouldBe(["mine"]);
        (await Bob.ChildTagsAsync(Team))["a.txt"].ShouldBeEmpty();
        (await _admin.ChildTagsAsync(Team))["a.txt"].ShouldBeEmpty();
        (await Bob.TagsAsync()).ShouldBeEmpty();
        (await Bob.GetAsync(new Uri("/api/v1/tags/mine/items?scope=personal", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.GetAsync(new Uri("/api/v1/tags/mine/items", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // Neither the events API nor the activity data tells others of a personal tag or a star.
        var bobs = await Bob.AllEventsAsync();
        var admins = await _admin.AllEventsAsync();
        var alices = await Alice.AllEventsAsync();
        bobs.Concat(admins).Select(e => e.GetProperty("type").GetString()).ShouldNotContain(t => t == "TagAdded" || t == "Favorited");
        alices.Single(e => e.GetProperty("type").GetString() == "TagAdded").GetProperty("details").GetProperty("tag").GetString().ShouldBe("mine");
        alices.Single(e => e.GetProperty("type").GetString() == "TagAdded").GetProperty("details").GetProperty("scope").GetString().ShouldBe("Personal");
        alices.ShouldContain(e => e.GetProperty("type").GetString() == "Favorited");

        // Bob's own personal tag of the same name is another tag.
        (await Bob.TagAsync("mine", Team + "/b.txt", "personal")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Bob.TaggedPathsAsync("mine", "personal")).ShouldBe([Team + "/b.txt"]);
        (await Alice.TaggedPathsAsync("mine", "personal")).ShouldBe([Team + "/a.txt"]);
    }

    [Fact]
    public async Task A_shared_tag_event_is_public_with_its_details()
    {
        (await Alice.TagAsync("Review", Team + "/a.txt")).EnsureSuccessStatusCode();
        (await Alice.UntagAsync("Review", Team + "/a.txt")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var events = (await Bob.AllEventsAsync()).Where(e => e.GetProperty("type").GetString()!.StartsWith("Tag", StringComparison.Ordinal)).ToList();

        events.Select(e => e.GetProperty("type").GetString()).ShouldBe(["TagAdded", "TagRemoved"]);
        var details = events[0].GetProperty("details");
        details.GetProperty("tag").GetString().ShouldBe("Review");
        details.GetProperty("scope").GetString().ShouldBe("Shared");
        details.GetProperty("tagId").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task Restricted_tags_are_created_and_put_on_by_administrators_only()
    {
        (await Alice.CreateTagAsync("Legal hold", scope: "restricted")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Alice.TagAsync("Legal hold", Team + "/a.txt", "restricted")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _admin.CreateTagAsync("Legal hold", "red", "restricted")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Alice.TagAsync("Legal hold", Team + "/a.txt")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        (await _admin.TagAsync("Legal hold", Team + "/a.txt")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Alice.UntagAsync("Legal hold", Team + "/a.txt")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Bob.ChildTagsAsync(Team))["a.txt"].ShouldBe(["Legal hold"]);
        (await Bob.TagsAsync()).Single().GetProperty("color").GetString().ShouldBe("#e53935");
    }

    [Fact]
    public async Task A_shared_tag_needs_write_and_an_unseen_item_is_missing()
    {
        var shared = await Alice.TagAsync("Draft", Gov + "/secret.txt");
        shared.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await shared.ProblemDetailAsync()).ShouldContain("read-only");
        (await Alice.TagAsync("Own", Gov + "/secret.txt", "personal")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _admin.TagAsync("Confidential", Gov + "/secret.txt")).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Bob.TagAsync("Draft", Gov + "/secret.txt")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.TagAsync("Mine", Gov + "/secret.txt", "personal")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.UntagAsync("Confidential", Gov + "/secret.txt")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.TagAsync("Draft", Gov + "/missing.txt")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.PutAsync(TagClient.FavoriteUri(Gov + "/secret.txt"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.GetAsync(new Uri(FsClient.Fs(Gov) + "?tag=Confidential", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        (await Bob.TaggedPathsAsync("Confidential")).ShouldBeEmpty();
        (await Alice.TaggedPathsAsync("Confidential")).ShouldBe([Gov + "/secret.txt"]);
        (await Bob.TagsAsync()).Single().GetProperty("count").GetInt32().ShouldBe(0);
        (await Bob.AllEventsAsync()).ShouldNotContain(e => e.GetProperty("path").GetString()!.StartsWith(Gov, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_folder_listing_filters_by_tag()
    {
        await Alice.MkdirAsync(Team + "/sub");
        (await Alice.PutTextAsync(Team + "/sub/deep.txt", "d")).EnsureSuccessStatusCode();
        (await Alice.TagAsync("Draft", Team + "/b.txt")).EnsureSuccessStatusCode();
        (await Alice.TagAsync("Draft", Team + "/sub")).EnsureSuccessStatusCode();
        (await Alice.TagAsync("Draft", Team + "/sub/deep.txt")).EnsureSuccessStatusCode();
        (await Alice.TagAsync("Star", Team + "/a.txt", "personal")).EnsureSuccessStatusCode();

        (await Bob.ChildTagsAsync(Team, "?tag=draft")).Keys.ShouldBe(["sub", "b.txt"], ignoreOrder: true);
        (await Alice.ChildTagsAsync(Team, "?tag=Star&scope=personal")).Keys.ShouldBe(["a.txt"]);
        (await Bob.GetAsync(new Uri(FsClient.Fs(Team) + "?tag=Star&scope=personal", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.GetAsync(new Uri(FsClient.Fs(Team) + "?tag=%20", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Bob.GetAsync(new Uri(FsClient.Fs(Team) + "?tag=Draft&scope=nope", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Bob.TaggedPathsAsync("Draft")).ShouldBe([Team + "/b.txt", Team + "/sub", Team + "/sub/deep.txt"]);
    }

    [Fact]
    public async Task Administrators_rename_recolour_and_merge_tags()
    {
        (await Alice.TagAsync("Urgent", Team + "/a.txt")).EnsureSuccessStatusCode();
        (await Alice.TagAsync("ASAP", Team + "/a.txt")).EnsureSuccessStatusCode();
        (await Alice.TagAsync("ASAP", Team + "/b.txt")).EnsureSuccessStatusCode();
        var ids = (await Alice.TagsAsync()).ToDictionary(t => t.GetProperty("name").GetString()!, t => t.GetProperty("id").GetInt64());

        (await Alice.PatchAsJsonAsync(AdminTag(ids["Urgent"]), new { name = "Hot" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _admin.PatchAsJsonAsync(AdminTag(ids["Urgent"]), new { name = "asap" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await _admin.PatchAsJsonAsync(AdminTag(ids["Urgent"]), new { color = "#12" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _admin.PatchAsJsonAsync(AdminTag(ids["Urgent"]), new { name = " " }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _admin.PatchAsJsonAsync(AdminTag(ids["Urgent"]), new { name = "Hot", color = "green" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await _admin.PostAsync(new Uri($"/api/v1/admin/tags/{ids["ASAP"]}/merge-into/{ids["Urgent"]}", UriKind.Relative), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var tags = await Bob.ChildTagsAsync(Team);
        tags["a.txt"].ShouldBe(["Hot"]);
        tags["b.txt"].ShouldBe(["Hot"]);
        var all = await Bob.TagsAsync();
        all.Single().GetProperty("name").GetString().ShouldBe("Hot");
        all.Single().GetProperty("color").GetString().ShouldBe("#43a047");
        all.Single().GetProperty("count").GetInt32().ShouldBe(2);
        (await _admin.PostAsync(new Uri($"/api/v1/admin/tags/{ids["ASAP"]}/merge-into/{ids["Urgent"]}", UriKind.Relative), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_administrator_cannot_reach_a_personal_tag()
    {
        (await Alice.TagAsync("mine", Team + "/a.txt", "personal")).EnsureSuccessStatusCode();
        var id = (await Alice.TagsAsync()).Single().GetProperty("id").GetInt64();

        (await _admin.PatchAsJsonAsync(AdminTag(id), new { name = "theirs" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("%20", null, null)]
    [InlineData("tab%09tab", null, null)]
    [InlineData("ok", "cosmic", null)]
    public async Task Bad_names_colours_and_scopes_are_400(string name, string? color, string? scope)
    {
        var decoded = Uri.UnescapeDataString(name);
        (await Alice.CreateTagAsync(decoded, color, scope)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        if (color is null)
        {
            (await Alice.PutAsync(new Uri($"/api/v1/tags/{name}{Team}/a.txt", UriKind.Relative), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        }
    }

    [Fact]
    public async Task Long_names_unknown_scopes_and_duplicates_are_refused()
    {
        (await Alice.CreateTagAsync(new string('x', 65))).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Alice.CreateTagAsync("ok", scope: "public")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Alice.TagAsync("ok", Team + "/a.txt", "everyone")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Alice.CreateTagAsync("Dup", "blue")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Bob.CreateTagAsync("DUP")).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Bob.CreateTagAsync("DUP", scope: "personal")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Alice.UntagAsync("Dup", Team + "/a.txt")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Alice.TagAsync("Dup", "/Shared")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Favorites_are_per_user_and_only_while_the_item_is_visible()
    {
        (await Alice.PutAsync(TagClient.FavoriteUri(Gov + "/secret.txt"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Alice.PutAsync(TagClient.FavoriteUri(Team + "/b.txt"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Alice.PutAsync(TagClient.FavoriteUri(Team + "/b.txt"), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await Alice.FavoritePathsAsync()).ShouldBe([Gov + "/secret.txt", Team + "/b.txt"]);
        (await Bob.FavoritePathsAsync()).ShouldBeEmpty();
        var listing = await Alice.GetJsonAsync(FsClient.Fs(Team));
        listing.GetProperty("children").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "b.txt").GetProperty("isFavorite").GetBoolean().ShouldBeTrue();
        (await Bob.GetJsonAsync(FsClient.Fs(Team))).GetProperty("children").EnumerateArray().ShouldAllBe(c => !c.GetProperty("isFavorite").GetBoolean());
        (await Alice.GetJsonAsync(FsClient.Fs(Team + "/b.txt"))).GetProperty("isFavorite").GetBoolean().ShouldBeTrue();

        await _admin.GrantUserAsync(Gov, "alice", "None");
        (await Alice.FavoritePathsAsync()).ShouldBe([Team + "/b.txt"]);

        (await Alice.DeleteAsync(TagClient.FavoriteUri(Team + "/b.txt"), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Alice.FavoritePathsAsync()).ShouldBeEmpty();
        var types = (await Alice.AllEventsAsync()).Select(e => e.GetProperty("type").GetString()).Where(t => t!.Contains("avorited", StringComparison.Ordinal));
        // The star on what alice can no longer see went out of her sight with the item.
        types.ShouldBe(["Favorited", "Unfavorited"]);
    }

    private static Uri AdminTag(long id) => new($"/api/v1/admin/tags/{id}", UriKind.Relative);
}
