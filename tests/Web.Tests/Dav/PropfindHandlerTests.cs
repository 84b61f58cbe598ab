using System.Globalization;
using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Strata.Web.Tests.Files;
using static Strata.Web.Tests.Dav.DavClient;

namespace Strata.Web.Tests.Dav;

/// <summary>PROPFIND's success and error paths, through the real host.</summary>
public sealed class PropfindHandlerTests : DavScenario
{
    [Fact]
    public async Task Propfind_depth_1_lists_children_with_live_properties_and_the_same_etag_as_put_and_get()
    {
        (await Alice.SendAsync("MKCOL", $"{Home}/docs")).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var put = await Alice.PutAsync($"{Home}/docs/a b.txt", "hello");
        using var get = await Alice.GetAsync(DavUri($"{Home}/docs/a%20b.txt"), Ct);
        (await Alice.PutAsync($"{Home}/docs/café (2).txt", "copy")).StatusCode.ShouldBe(HttpStatusCode.Created);

        var xml = await Alice.PropfindXmlAsync($"{Home}/docs/", "1");

        xml.Hrefs().ShouldBe(["/dav/Private/alice/docs/", "/dav/Private/alice/docs/a%20b.txt", "/dav/Private/alice/docs/caf%C3%A9%20(2).txt"]);
        const string file = "/dav/Private/alice/docs/a%20b.txt";
        xml.Property(file, D + "getcontentlength")!.Value.ShouldBe("5");
        xml.Property(file, D + "getetag")!.Value.ShouldBe(put.Headers.ETag!.Tag);
        get.Headers.ETag!.Tag.ShouldBe(put.Headers.ETag!.Tag);
        xml.Property(file, D + "getlastmodified")!.Value.ShouldEndWith(" GMT");
        DateTimeOffset.ParseExact(xml.Property(file, D + "getlastmodified")!.Value, "R", CultureInfo.InvariantCulture);
        xml.Property(file, D + "creationdate")!.Value.ShouldMatch(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$");
        xml.Property(file, D + "resourcetype")!.HasElements.ShouldBeFalse();
        xml.Property("/dav/Private/alice/docs/", D + "resourcetype")!.Element(D + "collection").ShouldNotBeNull();
        xml.Property("/dav/Private/alice/docs/", D + "getcontentlength").ShouldBeNull();
        xml.Property(file, D + "supportedlock")!.Elements(D + "lockentry").Count().ShouldBe(2);
    }

    [Fact]
    public async Task Propfind_of_private_lists_only_the_callers_own_folder()
    {
        var xml = await Bob.PropfindXmlAsync("/Private/", "1");

        xml.Hrefs().ShouldBe(["/dav/Private/", "/dav/Private/bob/"]);
    }

    [Fact]
    public async Task Propfind_depth_infinity_on_a_collection_is_refused_with_propfind_finite_depth()
    {
        using var infinity = await Alice.PropfindAsync($"{Home}/", "infinity");
        using var missing = await Alice.SendAsync("PROPFIND", $"{Home}/");

        infinity.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await infinity.Content.ReadAsStringAsync(Ct)).ShouldContain("propfind-finite-depth");
        missing.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Propfind_without_depth_on_a_file_answers_207()
    {
        (await Alice.PutAsync($"{Home}/f.txt", "x")).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var response = await Alice.SendAsync("PROPFIND", $"{Home}/f.txt");

        ((int)response.StatusCode).ShouldBe(207);
    }

    [Fact]
    public async Task Propname_names_properties_without_values_and_unknown_named_properties_are_404()
    {
        (await Alice.PutAsync($"{Home}/f.txt", "x")).StatusCode.ShouldBe(HttpStatusCode.Created);

        var names = await Alice.PropfindXmlAsync($"{Home}/f.txt", "0", """<D:propfind xmlns:D="DAV:"><D:propname/></D:propfind>""");
        var named = await Alice.PropfindXmlAsync($"{Home}/f.txt", "0", NamedPropBody(D + "getetag", XName.Get("nope", "urn:x")));

        names.Property("/dav/Private/alice/f.txt", D + "getetag")!.Value.ShouldBeEmpty();
        var notFound = named.Descendants(D + "propstat").Single(p => p.Element(D + "status")!.Value.Contains("404", StringComparison.Ordinal));
        notFound.Descendants(XName.Get("nope", "urn:x")).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Explorer_lists_a_folder_of_a_thousand_office_files_within_its_one_megabyte_limit()
    {
        const string Folder = Home + "/Quarterly reports";
        XNamespace z = "urn:schemas-microsoft-com:";
        const string ExplorerAgent = "Microsoft-WebDAV-MiniRedir/10.0.19045";
        (await Alice.SendAsync("MKCOL", Folder + "/")).Dispose();
        for (var i = 1; i <= 20; i++)
        {
            var file = $"{Folder}/Quarterly report {i:D3}.docx";
            (await Alice.PutAsync(Uri.EscapeDataString(file).Replace("%2F", "/", StringComparison.Ordinal), "v1")).StatusCode.ShouldBe(HttpStatusCode.Created);
            var win32 = new XDocument(new XElement(D + "propertyupdate", new XElement(D + "set", new XElement(D + "prop",
                new[] { "Win32CreationTime", "Win32LastAccessTime", "Win32LastModifiedTime" }.Select(n => new XElement(z + n, "Thu, 03 Dec 2026 10:00:00 GMT")),
                new XElement(z + "Win32FileAttributes", "00000020"))))).ToString();
            (await Alice.SendAsync("PROPPATCH", Uri.EscapeDataString(file).Replace("%2F", "/", StringComparison.Ordinal), win32)).StatusCode.ShouldBe((HttpStatusCode)207);
        }

        using var explorer = await Alice.SendAsync("PROPFIND", Uri.EscapeDataString(Folder).Replace("%2F", "/", StringComparison.Ordinal) + "/", null, ("Depth", "1"), ("User-Agent", ExplorerAgent));
        var bytes = (await explorer.Content.ReadAsByteArrayAsync(Ct)).Length;
        var listing = XDocument.Parse(await explorer.Content.ReadAsStringAsync(Ct));
        var others = await Alice.PropfindXmlAsync(Uri.EscapeDataString(Folder).Replace("%2F", "/", StringComparison.Ordinal) + "/", "1");

        var entries = listing.Hrefs().Count;
        entries.ShouldBe(21);
        (bytes / entries).ShouldBeLessThan(1_000_000 / 1_000, $"{bytes} bytes for {entries} entries");
        var href = "/dav/Private/alice/Quarterly%20reports/Quarterly%20report%20007.docx";
        listing.Property(href, z + "Win32FileAttributes")!.Value.ShouldBe("00000020");
        listing.Property(href, D + "getlastmodified")!.Value.ShouldBe("Thu, 03 Dec 2026 10:00:00 GMT");
        listing.Property(href, D + "supportedlock").ShouldBeNull();
        others.Property(href, D + "supportedlock").ShouldNotBeNull("other clients get RFC 4918's allprop");
    }

    [Fact]
    public async Task Finder_metadata_is_kept_and_listed_over_webdav_but_people_do_not_see_it()
    {
        (await Alice.SendAsync("MKCOL", $"{Home}/copied/")).StatusCode.ShouldBe(HttpStatusCode.Created);
        foreach (var name in new[] { "report.docx", "._report.docx", ".DS_Store" })
        {
            (await Alice.PutAsync($"{Home}/copied/{name}", "bytes of " + name)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        var dav = await Alice.PropfindXmlAsync($"{Home}/copied/", "1");
        var api = await Alice.ListNamesAsync($"{Home}/copied");
        var files = App.Services.GetRequiredService<Strata.Infrastructure.Files.FileService>();
        var caller = new Strata.Domain.Access.Caller((await Alice.GetJsonAsync(new Uri("/api/v1/me", UriKind.Relative))).GetProperty("id").GetString()!, "alice", IsAdmin: false);
        var folder = (await files.GetAsync(caller, Strata.Domain.Files.NodePath.Parse($"{Home}/copied"), Ct)).Value!;
        var page = await files.ListChildrenPageAsync(caller, folder.Id, Strata.Domain.Files.NodePath.Parse(folder.Path), Strata.Infrastructure.Files.ChildOrder.Name, false, 0, 50, Ct);

        dav.Hrefs().ShouldBe(["/dav/Private/alice/copied/", "/dav/Private/alice/copied/._report.docx", "/dav/Private/alice/copied/.DS_Store", "/dav/Private/alice/copied/report.docx"], ignoreOrder: true);
        (await Alice.GetStringAsync(DavUri($"{Home}/copied/._report.docx"), Ct)).ShouldBe("bytes of ._report.docx");
        api.ShouldBe(["report.docx"]);
        page.Items.Select(i => i.Name).ShouldBe(["report.docx"]);
        page.Total.ShouldBe(1);
    }
}
