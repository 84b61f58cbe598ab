using System.Net;
using System.Text;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Uploads;

namespace Strata.Web.Tests.Sharing;

/// <summary>
/// A link serves only while its creator could still create it: each front door of a link, as alice's rights on the
/// folder change, answers as it did (the right held) or as an unknown link does (lost).
/// </summary>
public sealed class LinkCreatorRightsTests : LinkScenario
{
    private const string Docs = Team + "/Docs";

    private HttpClient _admin = null!;

    /// <summary>Every door of a link and the status it answers while the link serves; a lost link answers as an unknown one.</summary>
    public static TheoryData<string, int> Doors => new()
    {
        { "page", 200 },
        { "api", 200 },
        { "list", 200 },
        { "content", 200 },
        { "zip", 200 },
        { "upload-page", 200 },
        { "upload", 201 },
    };

    /// <summary>How alice's right changes, in order, and whether she could still create the link after each change.</summary>
    private static readonly (string Level, bool Serves)[] Changes = [("Viewer", false), ("Full", false), ("Owner", true), ("Editor", false), ("Owner", true)];

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _admin = await App.CreateAdminClientAsync();
        (await _admin.MkdirAsync(Docs)).EnsureSuccessStatusCode();
        (await _admin.PutTextAsync(Docs + "/a.txt", "alpha")).EnsureSuccessStatusCode();
        await _admin.GrantUserAsync(Team, "alice", "Owner");
        await _admin.GrantUserAsync(Team, "bob", "Owner");
    }

    public override ValueTask DisposeAsync()
    {
        _admin.Dispose();
        return base.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task A_link_serves_only_while_its_creator_could_create_it(string door, int serving)
    {
        var (_, token) = await Alice.CreateLinkAsync(new { path = Docs, kind = IsUpload(door) ? "upload" : "download" });
        var unknown = await VisitAsync(door, LinkClient.UnknownLike(token));
        (await VisitAsync(door, token)).ShouldBe(serving, "while alice is Owner");

        foreach (var (level, serves) in Changes)
        {
            await _admin.GrantUserAsync(Team, "alice", level);

            (await VisitAsync(door, token)).ShouldBe(serves ? serving : unknown, $"alice {level}");
        }
    }

    [Theory]
    [MemberData(nameof(Doors))]
    public async Task A_disabled_creators_links_stop_and_a_new_link_by_someone_with_the_right_serves(string door, int serving)
    {
        var kind = IsUpload(door) ? "upload" : "download";
        var (_, token) = await Alice.CreateLinkAsync(new { path = Docs, kind });
        var unknown = await VisitAsync(door, LinkClient.UnknownLike(token));
        (await _admin.PostAsync(new Uri($"/api/v1/admin/users/{await Alice.UserIdAsync()}/disable", UriKind.Relative), null, Ct)).EnsureSuccessStatusCode();

        var (_, recreated) = await Bob.CreateLinkAsync(new { path = Docs, kind });

        (await VisitAsync(door, token)).ShouldBe(unknown);
        (await VisitAsync(door, recreated)).ShouldBe(serving);
    }

    [Fact]
    public async Task The_links_page_shows_a_suspended_link_and_why()
    {
        (await Alice.PutTextAsync("/Private/alice/mine.txt", "mine")).EnsureSuccessStatusCode();
        await Alice.CreateLinkAsync(new { path = Docs });
        await Alice.CreateLinkAsync(new { path = "/Private/alice/mine.txt" });
        await _admin.GrantUserAsync(Team, "alice", "Viewer");

        var links = await Alice.GetJsonAsync(LinkClient.Links);
        var own = await PageAsync(Alice);
        var admins = await PageAsync(_admin);

        links.EnumerateArray().ToDictionary(l => l.GetProperty("path").GetString()!, l => l.GetProperty("suspended").GetBoolean())
            .ShouldBe(new Dictionary<string, bool> { [Docs] = true, ["/Private/alice/mine.txt"] = false });
        own.Split("data-testid=\"link-suspended\"").Length.ShouldBe(2);
        own.ShouldContain("you no longer have the right to share this");
        admins.ShouldContain("its creator lost the right to share this");
    }

    private static bool IsUpload(string door) => door.StartsWith("upload", StringComparison.Ordinal);

    private async Task<int> VisitAsync(string door, string token)
    {
        if (door == "upload")
        {
            var bytes = Encoding.UTF8.GetBytes("dropped");
            using var uploaded = await Visitor.SendAsLinkVisitorAsync(TusClient.LinkCreation($"{Guid.NewGuid():N}.txt", bytes.Length, bytes), token);
            return (int)uploaded.StatusCode;
        }

        var uri = door switch
        {
            "page" or "upload-page" => LinkClient.Page(token),
            "api" => LinkClient.Api(token),
            "list" => LinkClient.Api(token, "/list"),
            "content" => LinkClient.Api(token, "/content/a.txt"),
            "zip" => LinkClient.Api(token, "/zip"),
            _ => throw new ArgumentOutOfRangeException(nameof(door), door, null),
        };
        using var response = await Visitor.VisitAsync(uri);
        return (int)response.StatusCode;
    }

    private static async Task<string> PageAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/links", UriKind.Relative), Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync(Ct);
    }
}
