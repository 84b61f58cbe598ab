using System.Net;
using System.Xml.Linq;
using static Strata.Web.Tests.Dav.DavClient;

namespace Strata.Web.Tests.Dav;

/// <summary>PROPPATCH's success and error paths, through the real host.</summary>
public sealed class ProppatchHandlerTests : DavScenario
{
    [Fact]
    public async Task The_lock_owner_may_set_windows_properties_without_the_token_as_explorer_and_office_do_but_nothing_else()
    {
        (await Alice.PutAsync($"{Team}/report.docx", "v1")).StatusCode.ShouldBe(HttpStatusCode.Created);
        await Alice.LockAsync($"{Team}/report.docx");
        var windows = PropPatchBody(XName.Get("Win32FileAttributes", "urn:schemas-microsoft-com:"), "00000020");
        var other = PropPatchBody(XName.Get("color", "urn:test"), "blue");

        using var owners = await Alice.SendAsync("PROPPATCH", $"{Team}/report.docx", windows);
        using var ownersOther = await Alice.SendAsync("PROPPATCH", $"{Team}/report.docx", other);
        using var someoneElses = await Bob.SendAsync("PROPPATCH", $"{Team}/report.docx", windows);

        owners.StatusCode.ShouldBe((HttpStatusCode)207);
        ownersOther.StatusCode.ShouldBe(HttpStatusCode.Locked);
        someoneElses.StatusCode.ShouldBe(HttpStatusCode.Locked);
    }

    [Fact]
    public async Task Proppatch_sets_and_removes_dead_properties_and_refuses_protected_ones_atomically()
    {
        (await Alice.PutAsync($"{Home}/p.txt", "p")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var note = XName.Get("note", "urn:test");
        const string both = """<D:propertyupdate xmlns:D="DAV:" xmlns:t="urn:test"><D:set><D:prop><t:other>x</t:other><D:getetag>"forged"</D:getetag></D:prop></D:set></D:propertyupdate>""";

        using var set = await Alice.SendAsync("PROPPATCH", $"{Home}/p.txt", PropPatchBody(note, "ünïcode 😀 <&>"));
        var afterSet = await Alice.PropfindXmlAsync($"{Home}/p.txt", "0", NamedPropBody(note));
        using var refused = await Alice.SendAsync("PROPPATCH", $"{Home}/p.txt", both);
        var afterRefused = await Alice.PropfindXmlAsync($"{Home}/p.txt", "0", NamedPropBody(XName.Get("other", "urn:test")));
        using var removed = await Alice.SendAsync("PROPPATCH", $"{Home}/p.txt", PropPatchBody(note, string.Empty, remove: true));
        var afterRemove = await Alice.PropfindXmlAsync($"{Home}/p.txt", "0", NamedPropBody(note));

        ((int)set.StatusCode).ShouldBe(207);
        afterSet.Property("/dav/Private/alice/p.txt", note)!.Value.ShouldBe("ünïcode 😀 <&>");
        var refusedBody = await refused.Content.ReadAsStringAsync(Ct);
        refusedBody.ShouldContain("403");
        refusedBody.ShouldContain("424");
        afterRefused.Property("/dav/Private/alice/p.txt", XName.Get("other", "urn:test")).ShouldBeNull();
        ((int)removed.StatusCode).ShouldBe(207);
        afterRemove.Property("/dav/Private/alice/p.txt", note).ShouldBeNull();
    }

    [Fact]
    public async Task Proppatch_refuses_names_longer_than_the_store_keeps()
    {
        (await Alice.PutAsync($"{Home}/n.txt", "n")).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var longName = await Alice.SendAsync("PROPPATCH", $"{Home}/n.txt", PropPatchBody(XName.Get(new string('n', 256), "urn:test"), "v"));
        using var longNamespace = await Alice.SendAsync("PROPPATCH", $"{Home}/n.txt", PropPatchBody(XName.Get("n", "urn:" + new string('x', 1100)), "v"));

        longName.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        longNamespace.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
