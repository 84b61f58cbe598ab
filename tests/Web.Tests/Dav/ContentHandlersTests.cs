using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Strata.Web.Tests.Files;
using static Strata.Web.Tests.Dav.DavClient;

namespace Strata.Web.Tests.Dav;

/// <summary>GET's, HEAD's and PUT's success and error paths, ownCloud's checksums and modification times, through the real host.</summary>
public sealed class ContentHandlersTests : DavScenario
{
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
    public async Task X_oc_mtime_is_accepted_and_kept_as_the_modification_time_by_the_write_itself()
    {
        using var put = await Alice.PutAsync($"{Home}/m.txt", "m", ("X-OC-Mtime", "1700000000"));

        var xml = await Alice.PropfindXmlAsync($"{Home}/m.txt", "0", NamedPropBody(D + "getlastmodified", Oc + "fileid", Oc + "permissions"));
        var events = (await Alice.GetJsonAsync(new Uri("/api/v1/events?after=0&limit=1000", UriKind.Relative))).GetProperty("events").EnumerateArray();

        put.Headers.GetValues("X-OC-Mtime").Single().ShouldBe("accepted");
        put.Content.Headers.LastModified.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1700000000));
        // One commit: the time is kept by the write, not set by a second change after it.
        events.Where(e => e.GetProperty("path").GetString() == "/Private/alice/m.txt").Select(e => e.GetProperty("type").GetString()).ShouldBe(["FileCreated"]);
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

    /// <summary>A body whose length HttpClient cannot know, so it is sent chunked (as Finder does).</summary>
    private sealed class UnknownLengthStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
