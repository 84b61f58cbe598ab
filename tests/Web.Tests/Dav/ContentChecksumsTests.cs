using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Strata.Infrastructure.Checksums;
using Strata.Infrastructure.Dav;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Uploads;
using static Strata.Web.Tests.Dav.DavClient;

namespace Strata.Web.Tests.Dav;

/// <summary><c>oc:checksums</c> for content from every front door: the filler, its sweep, and PROPFIND's own hashing.</summary>
public sealed class ContentChecksumsTests
{
    private const string Home = "/Private/alice";
    private const string HomeHref = "/dav/Private/alice/";
    private static readonly XName Checksums = Oc + "checksums";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Uploads_through_the_api_tus_and_plain_webdav_answer_oc_checksums()
    {
        using var app = Host();
        using var alice = await app.CreateUserClientAsync();
        var api = RandomNumberGenerator.GetBytes(100_000);
        var tus = RandomNumberGenerator.GetBytes(70_000);
        const string Dav = "through webdav, without ownCloud's headers";

        (await alice.PutBytesAsync($"{Home}/api.bin", api)).StatusCode.ShouldBe(HttpStatusCode.Created);
        using (var created = await alice.CreateAsync(Home, "tus.bin", tus.Length, tus))
        {
            created.StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        (await alice.PutAsync($"{Home}/dav.txt", Dav)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var listing = await alice.PropfindXmlAsync($"{Home}/", "1", NamedPropBody(Checksums));
        var single = await alice.PropfindXmlAsync($"{Home}/api.bin", "0", NamedPropBody(Checksums));

        listing.Property(HomeHref + "api.bin", Checksums)!.Value.ShouldBe(OwnCloudForm(api));
        listing.Property(HomeHref + "tus.bin", Checksums)!.Value.ShouldBe(OwnCloudForm(tus));
        listing.Property(HomeHref + "dav.txt", Checksums)!.Value.ShouldBe(OwnCloudForm(Encoding.UTF8.GetBytes(Dav)));
        single.Property(HomeHref + "api.bin", Checksums)!.Value.ShouldBe(OwnCloudForm(api));
    }

    [Fact]
    public async Task Propfind_hashes_small_content_itself_and_leaves_large_content_to_the_filler()
    {
        using var app = Host(filler: false, inlineMaxBytes: 64 << 10);
        using var alice = await app.CreateUserClientAsync();
        var small = RandomNumberGenerator.GetBytes(10_000);
        var large = RandomNumberGenerator.GetBytes(100_000);
        (await alice.PutBytesAsync($"{Home}/small.bin", small)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await alice.PutBytesAsync($"{Home}/large.bin", large)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var listing = await alice.PropfindXmlAsync($"{Home}/", "1", NamedPropBody(Checksums));

        listing.Property(HomeHref + "small.bin", Checksums)!.Value.ShouldBe(OwnCloudForm(small));
        listing.Property(HomeHref + "large.bin", Checksums).ShouldBeNull();
        listing.Descendants(D + "response").Single(r => r.Element(D + "href")!.Value == HomeHref + "large.bin")
            .Elements(D + "propstat").Single(p => p.Element(D + "status")!.Value.Contains(" 404 ", StringComparison.Ordinal))
            .Descendants(Checksums).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Filler_records_checksums_of_large_content_in_the_background()
    {
        using var app = Host(inlineMaxBytes: 64 << 10);
        using var alice = await app.CreateUserClientAsync();
        var content = RandomNumberGenerator.GetBytes(4 << 20);

        (await alice.PutBytesAsync($"{Home}/large.bin", content)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await WaitForChecksumsAsync(app, content);
        var listing = await alice.PropfindXmlAsync($"{Home}/", "1", NamedPropBody(Checksums));

        listing.Property(HomeHref + "large.bin", Checksums)!.Value.ShouldBe(OwnCloudForm(content));
    }

    [Fact]
    public async Task Restart_sweeps_committed_content_and_old_versions_that_have_no_checksums()
    {
        var first = Host(filler: false);
        var versions = new[] { RandomNumberGenerator.GetBytes(5_000), RandomNumberGenerator.GetBytes(6_000) };
        var other = RandomNumberGenerator.GetBytes(7_000);
        using (var alice = await first.CreateUserClientAsync())
        {
            foreach (var version in versions)
            {
                (await alice.PutBytesAsync($"{Home}/report.bin", version)).IsSuccessStatusCode.ShouldBeTrue();
            }

            (await alice.PutBytesAsync($"{Home}/other.bin", other)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        (await RecordedAsync(first, other)).ShouldBeNull();
        using var restarted = first.Restart();
        first.Dispose();
        using var client = await restarted.CreateUserClientAsync();

        foreach (var content in versions.Append(other))
        {
            await WaitForChecksumsAsync(restarted, content);
        }
    }

    [Fact]
    public async Task Propfind_depth_1_over_files_without_checksums_costs_a_bounded_number_of_commands()
    {
        using var app = Host(filler: false);
        var counter = SqlCommandCounter.AttachTo(app);
        using var alice = await app.CreateUserClientAsync();
        var contents = Enumerable.Range(0, 40).Select(_ => RandomNumberGenerator.GetBytes(1_000)).ToList();
        for (var i = 0; i < contents.Count; i++)
        {
            (await alice.PutBytesAsync($"{Home}/f{i:D2}.bin", contents[i])).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        XDocument listing = null!;
        var commands = await counter.WorkDuringAsync(async () => listing = await alice.PropfindXmlAsync($"{Home}/", "1", NamedPropBody(Checksums)));

        for (var i = 0; i < contents.Count; i++)
        {
            listing.Property($"{HomeHref}f{i:D2}.bin", Checksums)!.Value.ShouldBe(OwnCloudForm(contents[i]));
        }

        // The flags, the listing, and one join of the children with their checksums: nothing per file, and no write.
        commands.Count.ShouldBeLessThanOrEqualTo(3, string.Join("\n---\n", commands));
        commands.Count(c => c.Contains("\"BlobChecksums\"", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Put_from_an_owncloud_client_records_its_checksums_before_answering()
    {
        using var app = Host(filler: false);
        using var alice = await app.CreateUserClientAsync();
        const string Body = "synced content";

        (await alice.PutAsync($"{Home}/synced.txt", Body, ("X-OC-Mtime", "1700000000"))).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await RecordedAsync(app, Encoding.UTF8.GetBytes(Body)))!.OwnCloudForm.ShouldBe(OwnCloudForm(Encoding.UTF8.GetBytes(Body)));
    }

    /// <summary>A host on a fresh data folder; without the filler, only PROPFIND and ownCloud uploads record checksums.</summary>
    private static StrataAppFactory Host(bool filler = true, long? inlineMaxBytes = null)
    {
        var app = new StrataAppFactory();
        if (inlineMaxBytes is { } max)
        {
            app.Settings["Strata:Dav:InlineChecksumMaxBytes"] = max.ToString(CultureInfo.InvariantCulture);
        }

        if (!filler)
        {
            app.ConfigureTestServices = services => services.Remove(
                services.Single(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(ChecksumFiller)));
        }

        return app;
    }

    private static Task<BlobChecksum?> RecordedAsync(StrataAppFactory app, byte[] content) =>
        app.Services.GetRequiredService<ContentChecksums>().GetAsync(Convert.ToHexStringLower(SHA256.HashData(content)), Ct);

    /// <summary>Polls the recorded checksums of <paramref name="content"/> for a bounded time; fails unless they appear and are right.</summary>
    private static async Task WaitForChecksumsAsync(StrataAppFactory app, byte[] content)
    {
        var waited = Stopwatch.StartNew();
        BlobChecksum? recorded;
        while ((recorded = await RecordedAsync(app, content)) is null && waited.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(25, Ct);
        }

        recorded.ShouldNotBeNull("the filler did not record the checksums in time");
        recorded.OwnCloudForm.ShouldBe(OwnCloudForm(content));
    }

#pragma warning disable CA5350, CA5351 // The hashes ownCloud clients compare by, not a security measure.
    private static string OwnCloudForm(byte[] content) =>
        $"SHA1:{Convert.ToHexStringLower(SHA1.HashData(content))} MD5:{Convert.ToHexStringLower(MD5.HashData(content))}";
#pragma warning restore CA5350, CA5351
}
