using System.Net;
using System.Text.Json;
using Strata.Web.Tests.Dav;
using Strata.Web.Tests.Files;
using static Strata.Web.Tests.Sharing.ArchiveFixture;

namespace Strata.Web.Tests.Sharing;

/// <summary>
/// alice holds Full on <c>/Shared/Team/Archive</c> and None on <c>Archive/Legal</c>: moving or deleting Archive
/// to another folder would carry Legal along, so it is refused on Archive (naming nothing below), over REST and WebDAV alike, and
/// nothing moves or goes to the trash. Renaming in place carries nothing; a copy takes only what she may read.
/// </summary>
public sealed class ProtectedSubtreeTests : IAsyncLifetime
{
    private readonly ArchiveFixture _archive = new();

    private static readonly Dictionary<string, Func<HttpClient, Task<HttpResponseMessage>>> Removals = new()
    {
        ["REST delete"] = c => c.DeleteAsync(FsClient.Fs(Archive), Ct),
        ["REST move"] = c => c.ActAsync(Archive, new { action = "move", destination = "/Shared/Team/Elsewhere/Archive" }),
        ["REST move to private"] = c => c.ActAsync(Archive, new { action = "move", destination = "/Private/alice/Archive" }),
        ["DAV DELETE"] = c => c.SendAsync("DELETE", Archive),
        ["DAV MOVE"] = c => c.SendAsync("MOVE", Archive, null, ("Destination", "/dav/Shared/Team/Elsewhere/Archive")),
        ["DAV MOVE over it"] = c => c.SendAsync("MOVE", "/Private/alice/mine.txt", null, ("Destination", "/dav" + Archive), ("Overwrite", "T")),
        ["DAV COPY over it"] = c => c.SendAsync("COPY", "/Private/alice/mine.txt", null, ("Destination", "/dav" + Archive), ("Overwrite", "T")),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> RemovalNames() => [.. Removals.Keys];

    public ValueTask InitializeAsync() => _archive.InitializeAsync();

    public ValueTask DisposeAsync() => _archive.DisposeAsync();

    [Theory]
    [MemberData(nameof(RemovalNames))]
    public async Task Moving_or_deleting_a_folder_that_holds_one_hidden_from_the_caller_is_refused_on_the_folder(string removal)
    {
        using var response = await Removals[removal](_archive.Alice);

        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, body);
        body.ShouldContain("Archive");
        body.ShouldContain("holds items you may not remove");
        foreach (var below in new[] { "Legal", "Contracts", "secret" })
        {
            body.ShouldNotContain(below);
        }

        await ShouldBeUntouchedAsync();
        (await _archive.Alice.GetTextAsync("/Private/alice/mine.txt")).ShouldBe("alice's");
    }

    [Fact]
    public async Task Renaming_in_place_carries_nothing_away_and_is_allowed()
    {
        using var renamed = await _archive.Alice.ActAsync(Archive, new { action = "rename", name = "Archive 2" });

        renamed.StatusCode.ShouldBe(HttpStatusCode.OK, await renamed.Content.ReadAsStringAsync(Ct));
        (await _archive.Bob.GetTextAsync("/Shared/Team/Archive 2/Legal/secret.txt")).ShouldBe("secret");
        using var hidden = await _archive.Alice.GetAsync(FsClient.Fs("/Shared/Team/Archive 2/Legal"), Ct);
        hidden.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData("REST")]
    [InlineData("DAV")]
    public async Task A_copy_takes_only_what_the_caller_may_read(string door)
    {
        using var copied = door == "REST"
            ? await _archive.Alice.ActAsync(Archive, new { action = "copy", destination = "/Private/alice/Copy" })
            : await _archive.Alice.SendAsync("COPY", Archive, null, ("Destination", "/dav/Private/alice/Copy"));

        copied.StatusCode.ShouldBe(HttpStatusCode.Created, await copied.Content.ReadAsStringAsync(Ct));
        (await _archive.Alice.ListNamesAsync("/Private/alice/Copy")).ShouldBe(["readme.txt"]);
        (await _archive.Alice.PropfindXmlAsync("/Private/alice/Copy/", "1")).Hrefs()
            .ShouldBe(["/dav/Private/alice/Copy/", "/dav/Private/alice/Copy/readme.txt"], ignoreOrder: true);
        await ShouldBeUntouchedAsync();
    }

    /// <summary>Archive and Legal are where they were, with their content, and nothing went to the trash.</summary>
    private async Task ShouldBeUntouchedAsync()
    {
        (await _archive.Admin.ListNamesAsync("/Shared/Team")).ShouldBe(["Archive", "Elsewhere"]);
        (await _archive.Admin.ListNamesAsync("/Shared/Team/Elsewhere")).ShouldBeEmpty();
        (await _archive.Admin.ListNamesAsync(Legal)).ShouldBe(["Contracts", "secret.txt"], ignoreOrder: true);
        (await _archive.Bob.GetTextAsync(Legal + "/secret.txt")).ShouldBe("secret");
        (await _archive.Alice.ListNamesAsync(Archive)).ShouldBe(["readme.txt"]);
        var trash = await _archive.Admin.GetJsonAsync(new Uri("/api/v1/trash", UriKind.Relative));
        trash.ValueKind.ShouldBe(JsonValueKind.Array);
        trash.GetArrayLength().ShouldBe(0);
    }
}
