using System.Net;
using static Strata.Web.Tests.Dav.DavClient;

namespace Strata.Web.Tests.Dav;

/// <summary>WebDAV answers with the same access rules as the API: bob may not change what only admins may.</summary>
public sealed class DavPermissionTests : TeamScenario
{
    public static TheoryData<string, string, string?, string?> Denied => new()
    {
        { "PUT", "/Shared/x.txt", null, null },
        { "MKCOL", "/Shared/NewTeam", null, null },
        { "DELETE", Team, null, null },
        { "MOVE", Team, null, "/dav/Shared/Renamed" },
        { "PROPPATCH", Team, PropPatchBody(System.Xml.Linq.XName.Get("x", "urn:test"), "y"), null },
        { "LOCK", Team, LockBody(), null },
    };

    [Theory]
    [MemberData(nameof(Denied))]
    public async Task A_user_without_rights_is_refused_with_403(string method, string path, string? body, string? destination)
    {
        using var response = method == "PUT"
            ? await Bob.PutAsync(path, "x")
            : await Bob.SendAsync(method, path, body, destination is null ? [] : [("Destination", destination)]);

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var listing = await Bob.PropfindXmlAsync("/Shared/", "1");
        listing.Hrefs().ShouldBe(["/dav/Shared/", "/dav/Shared/Team/"]);
    }

    /// <summary>Writes answer as they would at a user who does not exist: a PUT finds no folder (409), a LOCK may not create in /Private (403).</summary>
    [Theory]
    [InlineData("PROPFIND", HttpStatusCode.NotFound)]
    [InlineData("GET", HttpStatusCode.NotFound)]
    [InlineData("PUT", HttpStatusCode.Conflict)]
    [InlineData("DELETE", HttpStatusCode.NotFound)]
    [InlineData("LOCK", HttpStatusCode.Forbidden)]
    public async Task Another_users_private_folder_answers_as_a_missing_one(string method, HttpStatusCode expected)
    {
        foreach (var owner in new[] { "bob", "nobody" })
        {
            using var response = method == "PUT"
                ? await Alice.PutAsync($"/Private/{owner}/x.txt", "x")
                : await Alice.SendAsync(method, $"/Private/{owner}/", method == "LOCK" ? LockBody() : null, ("Depth", "0"));

            response.StatusCode.ShouldBe(expected, owner);
        }
    }

    /// <summary>Each path would reach /Shared/Team, which Alice may see, if it were decoded twice or its backslashes were separators.</summary>
    [Theory]
    [InlineData("/Private/alice/..%5C..%5CShared%5CTeam")]
    [InlineData("/Private/alice/%252e%252e/%252e%252e/Shared/Team")]
    [InlineData("/Private/alice/..%5c..%5cShared%5cTeam")]
    public async Task Paths_that_would_escape_by_a_second_decode_or_a_backslash_reach_nothing(string path)
    {
        (await Alice.PropfindAsync(Team + "/", "0")).StatusCode.ShouldBe((HttpStatusCode)207);

        using var read = await Alice.PropfindAsync(path + "/", "0");
        using var write = await Alice.PutAsync(path + "%5Cescaped.txt", "x");

        ((int)read.StatusCode).ShouldBeInRange(400, 499);
        ((int)write.StatusCode).ShouldBeInRange(400, 499);
        (await Alice.PropfindXmlAsync(Team + "/", "1")).Hrefs().ShouldBe(["/dav/Shared/Team/"]);
    }

    [Theory]
    [InlineData("/Private/alice/x%01y")]
    [InlineData("/Elsewhere/")]
    public async Task Paths_with_invalid_names_or_outside_the_tree_are_4xx(string path)
    {
        using var response = await Alice.PropfindAsync(path, "0");

        ((int)response.StatusCode).ShouldBeInRange(400, 499);
    }
}
