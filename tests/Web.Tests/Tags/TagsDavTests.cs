using System.Net;
using System.Xml.Linq;
using Strata.Web.Tests.Files;
using static Strata.Web.Tests.Dav.DavClient;

namespace Strata.Web.Tests.Tags;

/// <summary><c>oc:tags</c> and <c>oc:favorite</c> over WebDAV, as ownCloud and Nextcloud clients read and set them.</summary>
public sealed class TagsDavTests : TeamScenario
{
    private static readonly XName Tags = Oc + "tags";
    private static readonly XName Favorite = Oc + "favorite";
    private readonly SqlCommandCounter _counter;

    public TagsDavTests() => _counter = SqlCommandCounter.AttachTo(App);

    [Fact]
    public async Task Propfind_answers_the_tags_each_caller_sees_and_their_own_star()
    {
        (await Alice.PutTextAsync(Team + "/a.txt", "a")).EnsureSuccessStatusCode();
        (await Alice.TagAsync("Draft", Team + "/a.txt")).EnsureSuccessStatusCode();
        (await Alice.TagAsync("mine", Team + "/a.txt", "personal")).EnsureSuccessStatusCode();
        (await Alice.PutAsync(TagClient.FavoriteUri(Team + "/a.txt"), null, Ct)).EnsureSuccessStatusCode();

        var alices = await Alice.PropfindXmlAsync(Team + "/", "1", NamedPropBody(Tags, Favorite));
        var bobs = await Bob.PropfindXmlAsync(Team + "/", "1", NamedPropBody(Tags, Favorite));

        TagsOf(alices, "a.txt").ShouldBe(["Draft", "mine"]);
        FavoriteOf(alices, "a.txt").ShouldBe("1");
        TagsOf(bobs, "a.txt").ShouldBe(["Draft"]);
        FavoriteOf(bobs, "a.txt").ShouldBe("0");
        FavoriteOf(bobs, "Team").ShouldBe("0");
    }

    [Fact]
    public async Task Proppatch_of_oc_favorite_stars_and_unstars_even_a_read_only_item()
    {
        using var admin = await App.CreateAdminClientAsync();
        (await admin.MkdirAsync("/Shared/Gov")).EnsureSuccessStatusCode();
        (await admin.PutTextAsync("/Shared/Gov/g.txt", "g")).EnsureSuccessStatusCode();
        await Sharing.SharingClient.GrantUserAsync(admin, "/Shared/Gov", "alice", "Viewer");

        using var set = await Alice.SendAsync("PROPPATCH", "/Shared/Gov/g.txt", PropPatchBody(Favorite, "1"));
        set.StatusCode.ShouldBe((HttpStatusCode)207, await set.Content.ReadAsStringAsync(Ct));
        (await Alice.FavoritePathsAsync()).ShouldBe(["/Shared/Gov/g.txt"]);
        FavoriteOf(await Alice.PropfindXmlAsync("/Shared/Gov/g.txt", "0", NamedPropBody(Favorite)), "g.txt").ShouldBe("1");

        using var cleared = await Alice.SendAsync("PROPPATCH", "/Shared/Gov/g.txt", PropPatchBody(Favorite, "0"));
        cleared.StatusCode.ShouldBe((HttpStatusCode)207);
        (await Alice.FavoritePathsAsync()).ShouldBeEmpty();

        // Any other property still needs the right to write the item; for Bob, who cannot see it, it is missing.
        (await Alice.SendAsync("PROPPATCH", "/Shared/Gov/g.txt", PropPatchBody(XName.Get("note", "urn:test"), "x"))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Bob.SendAsync("PROPPATCH", "/Shared/Gov/g.txt", PropPatchBody(Favorite, "1"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_depth_1_propfind_of_tags_costs_the_same_for_3_or_30_children()
    {
        await Alice.MkdirAsync(Team + "/small");
        await Alice.MkdirAsync(Team + "/big");
        for (var i = 0; i < 30; i++)
        {
            (await Alice.PutTextAsync($"{Team}/big/f{i}.txt", "x")).EnsureSuccessStatusCode();
            (await Alice.TagAsync($"t{i % 3}", $"{Team}/big/f{i}.txt")).EnsureSuccessStatusCode();
            if (i < 3)
            {
                (await Alice.PutTextAsync($"{Team}/small/f{i}.txt", "x")).EnsureSuccessStatusCode();
                (await Alice.TagAsync($"t{i}", $"{Team}/small/f{i}.txt")).EnsureSuccessStatusCode();
            }
        }

        var body = NamedPropBody(Tags, Favorite, D + "getetag");
        await Alice.PropfindXmlAsync(Team + "/small/", "1", body);
        var small = await _counter.WorkDuringAsync(() => Alice.PropfindXmlAsync(Team + "/small/", "1", body));
        var big = await _counter.WorkDuringAsync(() => Alice.PropfindXmlAsync(Team + "/big/", "1", body));

        big.Count.ShouldBe(small.Count, string.Join("\n---\n", big));
    }

    private static XElement Props(XDocument multistatus, string name) => multistatus.Descendants(D + "response")
        .Single(r => r.Element(D + "href")!.Value.TrimEnd('/').EndsWith("/" + name, StringComparison.Ordinal))
        .Descendants(D + "prop").First();

    private static List<string> TagsOf(XDocument multistatus, string name) =>
        Props(multistatus, name).Element(Tags)!.Elements(Oc + "tag").Select(t => t.Value).ToList();

    private static string FavoriteOf(XDocument multistatus, string name) => Props(multistatus, name).Element(Favorite)!.Value;
}
