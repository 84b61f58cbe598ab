using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Strata.Web.Tests.Files;
using static Strata.Web.Tests.Dav.DavClient;

namespace Strata.Web.Tests.Dav;

/// <summary>Each WebDAV method's success and error paths, through the real host.</summary>
public sealed class DavMethodTests : TeamScenario
{
    private const string Home = "/Private/alice";

    [Theory]
    [InlineData("/")]
    [InlineData("/dav/")]
    [InlineData("/dav/Private/alice/anything")]
    public async Task Options_is_anonymous_and_advertises_class_1_and_2(string url)
    {
        using var anonymous = App.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, new Uri(url, UriKind.Relative));

        using var response = await anonymous.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("DAV").Single().ShouldBe("1, 2");
        response.Headers.GetValues("MS-Author-Via").Single().ShouldBe("DAV");
        response.Content.Headers.Allow.ShouldContain("PROPFIND");
        response.Content.Headers.Allow.ShouldContain("LOCK");
    }

    [Fact]
    public async Task A_windows_style_domain_before_the_email_is_ignored()
    {
        using var windows = App.CreateAnonymousClient();
        windows.DefaultRequestHeaders.Authorization = StrataAppFactory.BasicHeader(@"STRATA\alice@strata.test", StrataAppFactory.Password);

        using var response = await windows.PropfindAsync(Home, "0");

        response.StatusCode.ShouldBe((HttpStatusCode)207);
    }

    [Theory]
    [InlineData("/._.")]
    [InlineData("/Private/alice/._.")]
    public async Task Reading_a_name_that_cannot_exist_is_404_and_writing_it_400(string path)
    {
        using var probe = await Alice.PropfindAsync(path, "0");
        using var written = await Alice.PutAsync(path, "x");

        probe.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        written.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await written.Content.ReadAsStringAsync(Ct)).ShouldContain("cannot end with a dot");
    }

    [Theory]
    [InlineData("PUT", "/Private/alice/AUX.txt", "Windows reserves")]
    [InlineData("MKCOL", "/Private/alice/LPT1", "Windows reserves")]
    [InlineData("PUT", "/Private/alice/a%3Ab.txt", "':'")]
    [InlineData("MKCOL", "/Private/alice/why%3F", "'?'")]
    public async Task Writing_a_name_windows_cannot_hold_is_400_with_the_reason(string method, string path, string reason)
    {
        using var response = await Alice.SendAsync(method, path, method == "PUT" ? "x" : null);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain(reason);
    }

    [Fact]
    public async Task Anonymous_propfind_is_challenged_with_basic()
    {
        using var anonymous = App.CreateAnonymousClient();

        using var response = await anonymous.PropfindAsync("/", "0");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Basic realm=\"Strata\"");
    }

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

    [Theory]
    [InlineData("<D:propfind xmlns:D=\"DAV:\"><D:prop>")]
    [InlineData("<D:propfind xmlns:D=\"DAV:\" xmlns:bar=\"\"><D:prop><bar:foo/></D:prop></D:propfind>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><D:propfind xmlns:D=\"DAV:\"><D:prop><D:getetag>&e;</D:getetag></D:prop></D:propfind>")]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><D:propfind xmlns:D=\"DAV:\"><D:prop>&b;</D:prop></D:propfind>")]
    [InlineData("<other/>")]
    public async Task Malformed_or_dangerous_xml_is_400_and_echoes_nothing(string body)
    {
        using var response = await Alice.PropfindAsync($"{Home}/", "0", body);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldNotContain("root:");
    }

    public static TheoryData<string, string> DtdBodies => new()
    {
        { "PROPPATCH", """<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><D:propertyupdate xmlns:D="DAV:"><D:set><D:prop><n xmlns="urn:t">&e;</n></D:prop></D:set></D:propertyupdate>""" },
        { "LOCK", """<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype><D:owner>&e;</D:owner></D:lockinfo>""" },
        { "PROPFIND", BillionLaughs() },
    };

    [Theory]
    [MemberData(nameof(DtdBodies))]
    public async Task Every_xml_body_with_a_dtd_is_400_and_changes_nothing(string method, string body)
    {
        (await Alice.PutAsync($"{Home}/x.txt", "x")).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var response = await Alice.SendAsync(method, $"{Home}/x.txt", body, ("Depth", "0"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldNotContain("root:");
        var after = await Alice.PropfindXmlAsync($"{Home}/x.txt", "0", NamedPropBody(XName.Get("n", "urn:t"), D + "lockdiscovery"));
        after.Property("/dav/Private/alice/x.txt", XName.Get("n", "urn:t")).ShouldBeNull();
        after.Property("/dav/Private/alice/x.txt", D + "lockdiscovery")!.HasElements.ShouldBeFalse();
    }

    [Theory]
    [InlineData("Infinite")]
    [InlineData("Second-4294967296")]
    [InlineData("Infinite, Second-4100000000")]
    public async Task A_lock_lasts_at_most_an_hour_whatever_it_asks(string timeout)
    {
        (await Alice.PutAsync($"{Home}/held.txt", "x")).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var response = await Alice.SendAsync("LOCK", $"{Home}/held.txt", LockBody(), ("Timeout", timeout));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        XDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).Descendants(D + "timeout").Single().Value.ShouldBe("Second-3600");
    }

    /// <summary>Ten levels of ten: a billion 'lol's if a parser expanded it.</summary>
    private static string BillionLaughs()
    {
        var entities = new StringBuilder("""<!ENTITY l0 "lol">""");
        for (var level = 1; level <= 10; level++)
        {
            entities.Append(CultureInfo.InvariantCulture, $"""<!ENTITY l{level} "{string.Concat(Enumerable.Repeat($"&l{level - 1};", 10))}">""");
        }

        return $"""<?xml version="1.0"?><!DOCTYPE D:propfind [{entities}]><D:propfind xmlns:D="DAV:"><D:prop><D:getetag>&l10;</D:getetag></D:prop></D:propfind>""";
    }

    [Fact]
    public async Task Oversized_xml_body_is_413()
    {
        var body = "<D:propfind xmlns:D=\"DAV:\"><D:prop>" + new string(' ', 2 << 20) + "</D:prop></D:propfind>";

        using var response = await Alice.PropfindAsync($"{Home}/", "0", body);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Mkcol_creates_then_refuses_existing_missing_parent_and_bodies()
    {
        using var created = await Alice.SendAsync("MKCOL", $"{Home}/new");
        using var again = await Alice.SendAsync("MKCOL", $"{Home}/new");
        using var orphan = await Alice.SendAsync("MKCOL", $"{Home}/missing/new");
        using var withBody = await Alice.SendAsync("MKCOL", $"{Home}/other", "<x/>");

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        orphan.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        withBody.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await Alice.ListNamesAsync(Home)).ShouldBe(["new"]);
    }

    [Fact]
    public async Task Put_creates_201_then_overwrites_204_keeping_a_version()
    {
        using var created = await Alice.PutAsync($"{Home}/v.txt", "one");
        using var replaced = await Alice.PutAsync($"{Home}/v.txt", "two");

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        replaced.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        replaced.Headers.GetValues("OC-ETag").Single().ShouldBe(replaced.Headers.ETag!.Tag);
        replaced.Headers.GetValues("OC-FileId").Single().ShouldNotBeEmpty();
        (await Alice.GetStringAsync(DavUri($"{Home}/v.txt"), Ct)).ShouldBe("two");
        var versions = await Alice.GetJsonAsync(new Uri($"/api/v1/versions{Home}/v.txt", UriKind.Relative));
        versions.GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task Put_accepts_a_chunked_body_and_refuses_a_missing_parent()
    {
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        using var chunked = new HttpRequestMessage(HttpMethod.Put, DavUri($"{Home}/chunked.bin")) { Content = new StreamContent(new UnknownLengthStream(bytes)) };
        chunked.Headers.TryAddWithoutValidation("X-Expected-Entity-Length", bytes.Length.ToString(CultureInfo.InvariantCulture));

        using var response = await Alice.SendAsync(chunked, Ct);
        using var orphan = await Alice.PutAsync($"{Home}/missing/x.txt", "x");

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Alice.GetByteArrayAsync(DavUri($"{Home}/chunked.bin"), Ct)).ShouldBe(bytes);
        orphan.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Get_serves_ranges_and_head_sends_no_body()
    {
        (await Alice.PutAsync($"{Home}/r.txt", "0123456789")).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var range = new HttpRequestMessage(HttpMethod.Get, DavUri($"{Home}/r.txt"));
        range.Headers.Range = new RangeHeaderValue(2, 4);
        using var head = new HttpRequestMessage(HttpMethod.Head, DavUri($"{Home}/r.txt"));

        using var partial = await Alice.SendAsync(range, Ct);
        using var headers = await Alice.SendAsync(head, Ct);
        using var missing = await Alice.GetAsync(DavUri($"{Home}/none.txt"), Ct);

        partial.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        (await partial.Content.ReadAsStringAsync(Ct)).ShouldBe("234");
        headers.StatusCode.ShouldBe(HttpStatusCode.OK);
        headers.Content.Headers.ContentLength.ShouldBe(10);
        (await headers.Content.ReadAsByteArrayAsync(Ct)).ShouldBeEmpty();
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_moves_to_the_trash_and_a_missing_resource_is_404()
    {
        (await Alice.SendAsync("MKCOL", $"{Home}/gone")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Alice.PutAsync($"{Home}/gone/f.txt", "x")).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var deleted = await Alice.SendAsync("DELETE", $"{Home}/gone");
        using var again = await Alice.SendAsync("DELETE", $"{Home}/gone");

        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        again.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var trash = await Alice.GetJsonAsync(new Uri("/api/v1/trash", UriKind.Relative));
        trash.EnumerateArray().Select(t => t.GetProperty("originalPath").GetString()).ShouldContain($"{Home}/gone");
    }

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

    [Fact]
    public async Task Lock_requires_the_token_for_writes_and_unlock_releases_it()
    {
        (await Alice.PutAsync($"{Home}/l.txt", "l")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var token = await Alice.LockAsync($"{Home}/l.txt");

        using var withoutToken = await Alice.PutAsync($"{Home}/l.txt", "no");
        using var secondLock = await Alice.SendAsync("LOCK", $"{Home}/l.txt", LockBody(), ("Depth", "0"));
        using var withToken = await Alice.PutAsync($"{Home}/l.txt", "yes", ("If", $"(<{token}>)"));
        var discovery = await Alice.PropfindXmlAsync($"{Home}/l.txt", "0", NamedPropBody(D + "lockdiscovery"));
        using var unlocked = await Alice.SendAsync("UNLOCK", $"{Home}/l.txt", null, ("Lock-Token", token));
        using var afterUnlock = await Alice.PutAsync($"{Home}/l.txt", "free");

        withoutToken.StatusCode.ShouldBe(HttpStatusCode.Locked);
        (await withoutToken.Content.ReadAsStringAsync(Ct)).ShouldContain("lock-token-submitted");
        secondLock.StatusCode.ShouldBe(HttpStatusCode.Locked);
        withToken.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        discovery.Descendants(D + "locktoken").Single().Value.ShouldBe(token);
        unlocked.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        afterUnlock.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Lock_on_an_unmapped_url_creates_an_empty_file_and_a_refresh_extends_it()
    {
        using var created = await Alice.SendAsync("LOCK", $"{Home}/new.txt", LockBody(), ("Depth", "0"));
        var token = created.Headers.GetValues("Lock-Token").Single().Trim('<', '>');

        using var refreshed = await Alice.SendAsync("LOCK", $"{Home}/new.txt", null, ("If", $"(<{token}>)"), ("Timeout", "Second-100"));
        using var unknownUnlock = await Alice.SendAsync("UNLOCK", $"{Home}/new.txt", null, ("Lock-Token", "<urn:uuid:00000000-0000-0000-0000-000000000000>"));

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Alice.GetByteArrayAsync(DavUri($"{Home}/new.txt"), Ct)).ShouldBeEmpty();
        refreshed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refreshed.Content.ReadAsStringAsync(Ct)).ShouldContain("Second-100");
        unknownUnlock.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task A_file_locked_over_webdav_cannot_be_changed_by_another_user_through_the_rest_api()
    {
        (await Alice.PutAsync($"{Team}/plan.txt", "v1")).StatusCode.ShouldBe(HttpStatusCode.Created);
        await Alice.LockAsync($"{Team}/plan.txt");

        using var put = await Bob.PutTextAsync($"{Team}/plan.txt", "bob was here");
        using var delete = await Bob.DeleteAsync(FsClient.Fs($"{Team}/plan.txt"), Ct);
        using var move = await Bob.ActAsync($"{Team}/plan.txt", new { action = "move", destination = $"{Team}/moved.txt" });
        using var ownerPut = await Alice.PutTextAsync($"{Team}/plan.txt", "v2");

        put.StatusCode.ShouldBe(HttpStatusCode.Locked);
        (await put.ProblemDetailAsync()).ShouldContain("locked");
        delete.StatusCode.ShouldBe(HttpStatusCode.Locked);
        move.StatusCode.ShouldBe(HttpStatusCode.Locked);
        ownerPut.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_depth_infinity_lock_guards_everything_below_its_folder_and_nothing_beside_it()
    {
        foreach (var folder in new[] { $"{Team}/Specs", $"{Team}/Specs/v2", $"{Team}/Specs2" })
        {
            (await Alice.MkdirAsync(folder)).EnsureSuccessStatusCode();
        }

        (await Alice.PutAsync($"{Team}/Specs/v2/a.txt", "a")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var token = await Alice.LockAsync($"{Team}/Specs", depth: "infinity");

        using var below = await Bob.PutTextAsync($"{Team}/Specs/v2/a.txt", "bob");
        using var beside = await Bob.PutTextAsync($"{Team}/Specs2/b.txt", "bob");
        var discovered = await Alice.PropfindXmlAsync($"{Team}/Specs/v2/a.txt", "0", NamedPropBody(D + "lockdiscovery"));
        var besideDiscovered = await Alice.PropfindXmlAsync($"{Team}/Specs2/b.txt", "0", NamedPropBody(D + "lockdiscovery"));

        below.StatusCode.ShouldBe(HttpStatusCode.Locked);
        beside.StatusCode.ShouldBe(HttpStatusCode.Created);
        discovered.Descendants(D + "locktoken").Single().Value.ShouldBe(token);
        besideDiscovered.Descendants(D + "locktoken").ShouldBeEmpty();
    }

    [Fact]
    public async Task Each_holder_of_a_shared_lock_writes_with_their_own_token()
    {
        (await Alice.PutAsync($"{Team}/doc.txt", "v1")).StatusCode.ShouldBe(HttpStatusCode.Created);
        await Alice.LockAsync($"{Team}/doc.txt", shared: true);
        var bobs = await Bob.LockAsync($"{Team}/doc.txt", shared: true);

        using var withToken = await Bob.PutAsync($"{Team}/doc.txt", "v2", ("If", $"(<{bobs}>)"));
        using var exclusive = await Bob.SendAsync("LOCK", $"{Team}/doc.txt", LockBody(), ("Depth", "0"));

        withToken.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        exclusive.StatusCode.ShouldBe(HttpStatusCode.Locked);
    }

    [Fact]
    public async Task Only_the_lock_owner_or_an_administrator_releases_a_lock()
    {
        (await Alice.PutAsync($"{Team}/shared.txt", "s")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var token = await Alice.LockAsync($"{Team}/shared.txt");
        using var admin = await App.CreateAdminClientAsync();

        using var byBob = await Bob.SendAsync("UNLOCK", $"{Team}/shared.txt", null, ("Lock-Token", $"<{token}>"));
        using var byAdmin = await admin.SendAsync("UNLOCK", $"{Team}/shared.txt", null, ("Lock-Token", token));

        byBob.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await byBob.Content.ReadAsStringAsync(Ct)).ShouldNotContain(token);
        byAdmin.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Bob.PutTextAsync($"{Team}/shared.txt", "free")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Locks_survive_a_restart()
    {
        (await Alice.PutAsync($"{Home}/keep.txt", "k")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var token = await Alice.LockAsync($"{Home}/keep.txt");
        Alice.Dispose();
        Bob.Dispose();

        using var restarted = App.Restart();
        App.Dispose();
        using var alice = await restarted.CreateUserClientAsync("alice@strata.test");
        using var refused = await alice.PutAsync($"{Home}/keep.txt", "x");
        var discovery = await alice.PropfindXmlAsync($"{Home}/keep.txt", "0", NamedPropBody(D + "lockdiscovery"));

        refused.StatusCode.ShouldBe(HttpStatusCode.Locked);
        discovery.Descendants(D + "locktoken").Single().Value.ShouldBe(token);
    }

    [Fact]
    public async Task X_oc_mtime_is_accepted_and_kept_as_the_modification_time()
    {
        using var put = await Alice.PutAsync($"{Home}/m.txt", "m", ("X-OC-Mtime", "1700000000"));

        var xml = await Alice.PropfindXmlAsync($"{Home}/m.txt", "0", NamedPropBody(D + "getlastmodified", Oc + "fileid", Oc + "permissions"));

        put.Headers.GetValues("X-OC-Mtime").Single().ShouldBe("accepted");
        xml.Property("/dav/Private/alice/m.txt", D + "getlastmodified")!.Value.ShouldBe("Tue, 14 Nov 2023 22:13:20 GMT");
        xml.Property("/dav/Private/alice/m.txt", Oc + "fileid")!.Value.ShouldBe(put.Headers.GetValues("OC-FileId").Single());
        xml.Property("/dav/Private/alice/m.txt", Oc + "permissions")!.Value.ShouldBe("DNVW");
    }

    [Fact]
    public async Task Concurrent_puts_of_the_same_content_all_succeed_and_share_its_checksums()
    {
        var puts = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Alice.PutAsync($"{Home}/same-{i}.txt", "same", ("X-OC-Mtime", "1700000000"))));
        var xml = await Alice.PropfindXmlAsync($"{Home}/", "1", NamedPropBody(Oc + "checksums"));

        puts.ShouldAllBe(p => p.StatusCode == HttpStatusCode.Created);
        Enumerable.Range(0, 12).Select(i => xml.Property($"/dav/Private/alice/same-{i}.txt", Oc + "checksums")?.Value).Distinct().ShouldHaveSingleItem().ShouldStartWith("SHA1:");
        foreach (var put in puts)
        {
            put.Dispose();
        }
    }

    [Fact]
    public async Task Checksums_are_computed_for_ownCloud_style_clients_only()
    {
        using var plain = await Alice.PutAsync($"{Home}/plain.txt", "plain content");
        using var synced = await Alice.PutAsync($"{Home}/synced.txt", "synced content", ("X-OC-Mtime", "1700000000"));
        var xml = await Alice.PropfindXmlAsync($"{Home}/", "1", NamedPropBody(Oc + "checksums"));

        xml.Property("/dav/Private/alice/plain.txt", Oc + "checksums").ShouldBeNull();
        xml.Property("/dav/Private/alice/synced.txt", Oc + "checksums")!.Value.ShouldStartWith("SHA1:");
    }

    [Fact]
    public async Task Oc_checksum_is_verified_and_reported()
    {
#pragma warning disable CA5350, CA5351 // The hashes ownCloud clients compare by, not a security measure.
        var sha1 = Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes("good")));
        var md5 = Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes("good")));
#pragma warning restore CA5350, CA5351

        using var bad = await Alice.PutAsync($"{Home}/bad.txt", "good", ("OC-Checksum", "SHA1:" + new string('0', 40)));
        using var good = await Alice.PutAsync($"{Home}/good.txt", "good", ("OC-Checksum", "SHA1:" + sha1));
        var xml = await Alice.PropfindXmlAsync($"{Home}/", "1", NamedPropBody(Oc + "checksums"));

        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync(Ct)).ShouldContain("checksum does not match");
        (await Alice.GetAsync(DavUri($"{Home}/bad.txt"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        good.StatusCode.ShouldBe(HttpStatusCode.Created);
        xml.Property("/dav/Private/alice/good.txt", Oc + "checksums")!.Value.ShouldBe($"SHA1:{sha1} MD5:{md5}");
    }

    [Fact]
    public async Task Switching_the_flag_off_closes_the_endpoint_with_503()
    {
        using var admin = await App.CreateAdminClientAsync();
        using var off = await admin.PutAsJsonAsync(new Uri("/api/v1/admin/flags/WebDav", UriKind.Relative), new { enabled = false, users = (string[]?)null, groups = (string[]?)null, rolloutPercentage = 0 }, Ct);
        off.EnsureSuccessStatusCode();

        using var response = await Alice.PropfindAsync($"{Home}/", "0");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter.ShouldNotBeNull();
    }

    /// <summary>A body whose length HttpClient cannot know, so it is sent chunked (as Finder does).</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
