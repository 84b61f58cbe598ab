using System.Net.Http.Json;
using System.Text.Json;
using System.Xml.Linq;
using Strata.Web.Tests.Dav;
using Strata.Web.Tests.Files;
using static Strata.Web.Tests.Sharing.ArchiveFixture;

namespace Strata.Web.Tests.Sharing;

/// <summary>
/// Every probe a user with a right on <c>/Shared/Team/Archive</c> can send, over REST and WebDAV, at the hidden
/// <c>Archive/Legal</c> and at the free <c>Archive/Nowhere</c>: the same status and the same body once the name they
/// sent is set aside, so nothing tells the two apart and no name they did not send comes back.
/// </summary>
public sealed class HiddenLikeMissingTests(ArchiveFixture archive) : IClassFixture<ArchiveFixture>
{
    private const string Hidden = "Legal";
    private const string Missing = "Nowhere";

    private static readonly string[] Roles = ["full", "viewer"];

    /// <summary>Each probe, given the client, its user name and the name probed inside Archive.</summary>
    private static readonly Dictionary<string, Func<HttpClient, string, string, Task<HttpResponseMessage>>> Probes = new()
    {
        ["REST upload"] = (c, _, x) => c.PutTextAsync($"{Archive}/{x}/new.txt", "new"),
        ["REST upload below"] = (c, _, x) => c.PutTextAsync($"{Archive}/{x}/Contracts/new.txt", "new"),
        ["REST add_folder"] = (c, _, x) => c.MkdirAsync($"{Archive}/{x}/New"),
        ["REST move into"] = (c, user, x) => c.ActAsync($"/Private/{user}/mine.txt", new { action = "move", destination = $"{Archive}/{x}/mine.txt" }),
        ["REST copy into"] = (c, user, x) => c.ActAsync($"/Private/{user}/mine.txt", new { action = "copy", destination = $"{Archive}/{x}/mine.txt" }),
        ["REST metadata"] = (c, _, x) => c.GetAsync(FsClient.Fs($"{Archive}/{x}"), Ct),
        ["REST download"] = (c, _, x) => c.GetAsync(FsClient.Content($"{Archive}/{x}/secret.txt"), Ct),
        ["REST rename"] = (c, _, x) => c.ActAsync($"{Archive}/{x}", new { action = "rename", name = "Renamed" }),
        ["REST move out"] = (c, user, x) => c.ActAsync($"{Archive}/{x}", new { action = "move", destination = $"/Private/{user}/{x}" }),
        ["REST copy out"] = (c, user, x) => c.ActAsync($"{Archive}/{x}", new { action = "copy", destination = $"/Private/{user}/{x}" }),
        ["REST delete"] = (c, _, x) => c.DeleteAsync(FsClient.Fs($"{Archive}/{x}"), Ct),
        ["REST permissions"] = (c, _, x) => c.GetAsync(SharingClient.Permissions($"{Archive}/{x}"), Ct),
        ["REST grant"] = (c, _, x) => c.GrantAsync($"{Archive}/{x}", "bob", null, "Viewer"),
        ["REST revoke grant"] = (c, _, x) => c.DeleteAsync(new Uri($"/api/v1/permissions{Archive}/{x}?user=bob", UriKind.Relative), Ct),
        ["REST download link"] = (c, _, x) => c.PostAsJsonAsync(LinkClient.Links, new { path = $"{Archive}/{x}", kind = "Download" }, Ct),
        ["REST upload link"] = (c, _, x) => c.PostAsJsonAsync(LinkClient.Links, new { path = $"{Archive}/{x}", kind = "Upload" }, Ct),
        ["DAV PUT"] = (c, _, x) => DavClient.PutAsync(c, $"{Archive}/{x}/new.txt", "new"),
        ["DAV PUT below"] = (c, _, x) => DavClient.PutAsync(c, $"{Archive}/{x}/Contracts/new.txt", "new"),
        ["DAV MKCOL"] = (c, _, x) => c.SendAsync("MKCOL", $"{Archive}/{x}/New"),
        ["DAV MOVE into"] = (c, user, x) => c.SendAsync("MOVE", $"/Private/{user}/mine.txt", null, ("Destination", $"/dav{Archive}/{x}/mine.txt")),
        ["DAV COPY into"] = (c, user, x) => c.SendAsync("COPY", $"/Private/{user}/mine.txt", null, ("Destination", $"/dav{Archive}/{x}/mine.txt")),
        ["DAV PROPFIND"] = (c, _, x) => c.PropfindAsync($"{Archive}/{x}/", "1"),
        ["DAV GET"] = (c, _, x) => c.SendAsync("GET", $"{Archive}/{x}/secret.txt"),
        ["DAV DELETE"] = (c, _, x) => c.SendAsync("DELETE", $"{Archive}/{x}"),
        ["DAV MOVE out"] = (c, user, x) => c.SendAsync("MOVE", $"{Archive}/{x}", null, ("Destination", $"/dav/Private/{user}/{x}")),
        ["DAV COPY out"] = (c, user, x) => c.SendAsync("COPY", $"{Archive}/{x}", null, ("Destination", $"/dav/Private/{user}/{x}")),
        ["DAV PROPPATCH"] = (c, _, x) => c.SendAsync("PROPPATCH", $"{Archive}/{x}", DavClient.PropPatchBody(XName.Get("x", "urn:test"), "y")),
        ["DAV LOCK"] = (c, _, x) => c.SendAsync("LOCK", $"{Archive}/{x}/new.txt", DavClient.LockBody(), ("Depth", "0")),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Cases()
    {
        var cases = new TheoryData<string, string>();
        foreach (var role in Roles)
        {
            foreach (var probe in Probes.Keys)
            {
                cases.Add(role, probe);
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hidden_folder_answers_exactly_as_a_missing_one(string role, string probe)
    {
        var client = archive.Clients[role];
        var user = role == "full" ? "alice" : "carol";

        using var hidden = await Probes[probe](client, user, Hidden);
        using var missing = await Probes[probe](client, user, Missing);

        var (hiddenShape, missingShape) = (await ShapeAsync(hidden, Hidden), await ShapeAsync(missing, Missing));
        ((int)hidden.StatusCode).ShouldBe((int)missing.StatusCode, $"{role} {probe}: hidden {hiddenShape} / missing {missingShape}");
        ((int)missing.StatusCode).ShouldBeInRange(400, 499, missingShape);
        hiddenShape.ShouldBe(missingShape, $"{role} {probe}");
    }

    /// <summary>
    /// What a client can tell from a refusal: its media type and body (for problem details their type, title,
    /// status and detail; the trace id differs per request anyway), with the probed name set aside.
    /// </summary>
    private static async Task<string> ShapeAsync(HttpResponseMessage response, string probedName)
    {
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        var body = await response.Content.ReadAsStringAsync(Ct);
        if (mediaType == "application/problem+json")
        {
            var json = JsonSerializer.Deserialize<JsonElement>(body);
            body = string.Join(" | ", new[] { "type", "title", "status", "detail" }.Select(p => json.TryGetProperty(p, out var v) ? v.ToString() : "-"));
        }

        return $"{mediaType}: {body.Replace(probedName, "{name}", StringComparison.Ordinal)}";
    }
}
