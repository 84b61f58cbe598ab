using System.Net;
using System.Xml.Linq;
using Strata.Web.Tests.Files;
using static Strata.Web.Tests.Dav.DavClient;

namespace Strata.Web.Tests.Dav;

/// <summary>COPY's and MOVE's success and error paths, through the real host.</summary>
public sealed class CopyMoveHandlerTests : DavScenario
{
    [Fact]
    public async Task Copy_honours_overwrite_and_percent_encoded_destinations()
    {
        (await Alice.PutAsync($"{Home}/src.txt", "source")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Alice.PutAsync($"{Home}/taken.txt", "taken")).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var copied = await Alice.SendAsync("COPY", $"{Home}/src.txt", null, ("Destination", "http://localhost/dav/Private/alice/caf%C3%A9%20copy.txt"));
        using var refused = await Alice.SendAsync("COPY", $"{Home}/src.txt", null, ("Destination", "/dav/Private/alice/taken.txt"), ("Overwrite", "F"));
        using var overwritten = await Alice.SendAsync("COPY", $"{Home}/src.txt", null, ("Destination", "/dav/Private/alice/taken.txt"));

        copied.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Alice.GetStringAsync(FsClient.Content($"{Home}/café copy.txt"), Ct)).ShouldBe("source");
        refused.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        overwritten.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Alice.GetStringAsync(FsClient.Content($"{Home}/taken.txt"), Ct)).ShouldBe("source");
    }

    [Theory]
    [InlineData("http://elsewhere.example/dav/Private/alice/x.txt", HttpStatusCode.BadGateway)]
    [InlineData("/somewhere/else.txt", HttpStatusCode.BadGateway)]
    [InlineData("/dav/Private/alice/a%5C..%5C..%5Cbob%5Cx.txt", HttpStatusCode.BadRequest)]
    [InlineData("/dav/Private/bob/stolen.txt", HttpStatusCode.Conflict)]
    [InlineData("/dav/Private/nobody/stolen.txt", HttpStatusCode.Conflict)]
    [InlineData("/dav/Private/alice/src.txt", HttpStatusCode.Forbidden)]
    public async Task Move_refuses_bad_destinations(string destination, HttpStatusCode expected)
    {
        (await Alice.PutAsync($"{Home}/src.txt", "source")).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var response = await Alice.SendAsync("MOVE", $"{Home}/src.txt", null, ("Destination", destination));

        response.StatusCode.ShouldBe(expected);
        (await Alice.GetStringAsync(FsClient.Content($"{Home}/src.txt"), Ct)).ShouldBe("source");
    }

    [Fact]
    public async Task Move_renames_and_dead_properties_follow()
    {
        (await Alice.PutAsync($"{Home}/a.txt", "a")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var color = XName.Get("color", "urn:test");
        (await Alice.SendAsync("PROPPATCH", $"{Home}/a.txt", PropPatchBody(color, "blue"))).StatusCode.ShouldBe((HttpStatusCode)207);

        using var moved = await Alice.SendAsync("MOVE", $"{Home}/a.txt", null, ("Destination", "/dav/Private/alice/b.txt"));

        moved.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Alice.GetAsync(DavUri($"{Home}/a.txt"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var xml = await Alice.PropfindXmlAsync($"{Home}/b.txt", "0", NamedPropBody(color));
        xml.Property("/dav/Private/alice/b.txt", color)!.Value.ShouldBe("blue");
    }

    [Fact]
    public async Task Saving_by_moving_a_temporary_file_over_a_document_keeps_the_documents_history()
    {
        (await Alice.PutAsync($"{Home}/plan.docx", "draft 1")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Alice.PutAsync($"{Home}/~plan.tmp", "draft 2")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var color = XName.Get("color", "urn:test");
        (await Alice.SendAsync("PROPPATCH", $"{Home}/~plan.tmp", PropPatchBody(color, "blue"))).StatusCode.ShouldBe((HttpStatusCode)207);

        using var moved = await Alice.SendAsync("MOVE", $"{Home}/~plan.tmp", null, ("Destination", "/dav/Private/alice/plan.docx"), ("Overwrite", "T"));

        moved.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Alice.GetStringAsync(FsClient.Content($"{Home}/plan.docx"), Ct)).ShouldBe("draft 2");
        var versions = await Alice.GetJsonAsync(new Uri($"/api/v1/versions{Home}/plan.docx", UriKind.Relative));
        versions.GetArrayLength().ShouldBe(2);
        (await Alice.GetAsync(DavUri($"{Home}/~plan.tmp"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var xml = await Alice.PropfindXmlAsync($"{Home}/plan.docx", "0", NamedPropBody(color));
        xml.Property("/dav/Private/alice/plan.docx", color)!.Value.ShouldBe("blue");
    }

    [Theory]
    [InlineData("/Shared/readme.txt", "/Private/bob/mine.txt")]
    [InlineData("/Shared/Team", "/Private/bob/mine")]
    public async Task A_refused_move_over_an_existing_destination_leaves_it_in_place(string source, string destination)
    {
        using (var admin = await App.CreateAdminClientAsync())
        {
            (await admin.PutTextAsync("/Shared/readme.txt", "the admin's")).EnsureSuccessStatusCode();
        }

        var kept = destination.EndsWith(".txt", StringComparison.Ordinal) ? destination : destination + "/inside.txt";
        if (kept != destination)
        {
            (await Bob.MkdirAsync(destination)).EnsureSuccessStatusCode();
        }

        (await Bob.PutTextAsync(kept, "bob's")).EnsureSuccessStatusCode();

        using var moved = await Bob.SendAsync("MOVE", source, null, ("Destination", "/dav" + destination), ("Overwrite", "T"));

        moved.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Bob.GetStringAsync(FsClient.Content(kept), Ct)).ShouldBe("bob's");
        (await Bob.GetJsonAsync(new Uri("/api/v1/trash", UriKind.Relative))).GetArrayLength().ShouldBe(0);
    }
}
