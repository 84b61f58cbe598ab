using System.Globalization;
using System.Net;
using System.Text;
using System.Xml.Linq;
using static Strata.Web.Tests.Dav.DavClient;

namespace Strata.Web.Tests.Dav;

/// <summary>Request bodies that are malformed, dangerous or too large, through the real host.</summary>
public sealed class DavXmlTests : DavScenario
{
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
}
