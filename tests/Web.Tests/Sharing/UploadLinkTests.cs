using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Sharing;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Uploads;

namespace Strata.Web.Tests.Sharing;

/// <summary>
/// File requests: alice owns <c>/Shared/Requests</c> and makes upload links for it; bob may view the folder.
/// Visitors upload through the tus endpoint with the link's token and learn nothing of the folder.
/// </summary>
public sealed class UploadLinkTests : TeamScenario
{
    private const string Requests = "/Shared/Requests";
    private static readonly Uri Links = new("/api/v1/links", UriKind.Relative);
    private static readonly Uri Policy = new("/api/v1/admin/link-policy", UriKind.Relative);
    private readonly FakeTimeProvider _clock = new(TimeProvider.System.GetUtcNow());
    private readonly CountingHasher _hasher = new();
    private readonly SqlCommandCounter _counter;
    private HttpClient _admin = null!;
    private HttpClient _visitor = null!;

    public UploadLinkTests()
    {
        App.ConfigureTestServices = services =>
        {
            services.AddSingleton<TimeProvider>(_clock);
            services.AddSingleton<IPasswordHasher<PublicLink>>(_hasher);
        };
        _counter = SqlCommandCounter.AttachTo(App);
    }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _admin = await App.CreateAdminClientAsync();
        _visitor = App.CreateAnonymousClient();
        (await _admin.MkdirAsync(Requests)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await _admin.GrantUserAsync(Requests, "alice", "Owner");
        await _admin.GrantUserAsync(Requests, "bob", "Viewer");
        (await Alice.PutTextAsync($"{Requests}/report.txt", "the original")).EnsureSuccessStatusCode();
    }

    public override ValueTask DisposeAsync()
    {
        _admin.Dispose();
        _visitor.Dispose();
        return base.DisposeAsync();
    }

    [Fact]
    public async Task A_visitor_uploads_in_chunks_into_the_folder_and_the_owner_sees_who_did()
    {
        var token = await CreateLinkAsync(new { path = Requests, kind = "upload" });
        var bytes = Encoding.UTF8.GetBytes("quarterly numbers");

        using var created = await StartAsync(token, "numbers.csv", bytes.Length, ("uploader", "Jane Client"), ("email", "jane@client.com"), ("folder", "/Private/alice"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var upload = created.Headers.Location!.ToString();
        (await SendAsync(token, TusClient.Request(HttpMethod.Patch, upload), offset: 0, bytes[..5])).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using (var head = await SendAsync(token, TusClient.Request(HttpMethod.Head, upload)))
        {
            head.Offset().ShouldBe(5);
        }

        using var done = await SendAsync(token, TusClient.Request(HttpMethod.Patch, upload), offset: 5, bytes[5..]);

        done.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        done.Headers.Contains("Strata-Node-Path").ShouldBeFalse("a visitor learns neither the folder's path nor the final name");
        done.Headers.ETag.ShouldBeNull();
        (await Alice.GetTextAsync($"{Requests}/numbers.csv")).ShouldBe("quarterly numbers");
        var events = await EventsAsync(Alice);
        var uploaded = events.Single(e => e.GetProperty("type").GetString() == "LinkUploaded");
        uploaded.GetProperty("path").GetString().ShouldBe($"{Requests}/numbers.csv");
        uploaded.GetProperty("details").GetProperty("email").GetString().ShouldBe("jane@client.com");
        uploaded.GetProperty("details").GetProperty("uploader").GetString().ShouldBe("Jane Client");
        events.Select(e => e.GetProperty("type").GetString()).ShouldContain("FileCreated");
        events.Select(e => e.GetProperty("type").GetString()).ShouldContain("LinkOpened");
    }

    [Fact]
    public async Task The_activity_page_tells_of_a_link_upload_once_as_the_visitors()
    {
        var token = await CreateLinkAsync(new { path = Requests, kind = "upload" });
        (await UploadAsync(token, "numbers.csv", "quarterly numbers")).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var response = await Alice.GetAsync(new Uri("/activity", UriKind.Relative), Ct);
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Ct));

        // The journal holds both the file's creation and the upload through the link; people read it once.
        page.ShouldContain("Anonymous visitor uploaded numbers.csv via file request");
        page.ShouldNotContain("added numbers.csv");
    }

    [Fact]
    public async Task An_upload_link_neither_lists_reads_downloads_nor_resumes_someone_elses_upload()
    {
        var token = await CreateLinkAsync(new { path = Requests, kind = "upload" });
        var alicesUpload = await Alice.StartAsync(Requests, "private.bin", 10);

        using var info = await _visitor.GetAsync(new Uri($"/api/v1/public/{token}", UriKind.Relative), Ct);
        var body = await info.Content.ReadAsStringAsync(Ct);

        info.StatusCode.ShouldBe(HttpStatusCode.OK);
        body.ShouldContain("\"kind\":\"Upload\"");
        body.ShouldNotContain("report.txt");
        body.ShouldNotContain("/Shared");
        (await _visitor.GetAsync(new Uri($"/api/v1/public/{token}/zip/", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await SendAsync(token, TusClient.Request(HttpMethod.Head, alicesUpload))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await SendAsync(token, TusClient.Request(HttpMethod.Patch, alicesUpload), offset: 0, new byte[10])).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        using var listing = new HttpRequestMessage(HttpMethod.Get, FsClient.Fs(Requests));
        listing.Headers.Add("X-Link-Token", token);
        (await _visitor.SendAsync(listing, Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_verified_link_password_is_not_hashed_again_until_the_password_changes()
    {
        var (id, token) = await CreateLinkWithIdAsync(new { path = Requests, kind = "upload", password = "drop it here" });
        (await UploadAsync(token, "a.txt", "a", password: "drop it here")).StatusCode.ShouldBe(HttpStatusCode.Created);
        _hasher.Verifications.ShouldBe(1);

        (await UploadAsync(token, "b.txt", "b", password: "drop it here")).StatusCode.ShouldBe(HttpStatusCode.Created);
        _hasher.Verifications.ShouldBe(1);

        await using (var scope = App.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<StrataDbContext>();
            var link = await db.PublicLinks.SingleAsync(l => l.Id == id, Ct);
            link.PasswordHash = _hasher.HashPassword(link, "a new secret");
            await db.SaveChangesAsync(Ct);
        }

        (await UploadAsync(token, "c.txt", "c", password: "drop it here")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await UploadAsync(token, "c.txt", "c", password: "a new secret")).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task A_visit_reads_the_links_creator_once()
    {
        var token = await CreateLinkAsync(new { path = Requests, kind = "upload" });

        var commands = await _counter.DuringAsync(async () =>
            (await _visitor.GetAsync(new Uri($"/api/v1/public/{token}", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK));

        commands.Count(c => c.Contains("\"AspNetUsers\"", StringComparison.Ordinal)).ShouldBe(1, string.Join("\n---\n", commands));
    }

    [Fact]
    public async Task A_name_clash_makes_a_sibling_and_never_a_new_version()
    {
        var token = await CreateLinkAsync(new { path = Requests, kind = "upload" });

        (await UploadAsync(token, "report.txt", "from the visitor")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await UploadAsync(token, "REPORT.txt", "again")).StatusCode.ShouldBe(HttpStatusCode.Created);

        (await Alice.GetTextAsync($"{Requests}/report.txt")).ShouldBe("the original");
        (await Alice.GetTextAsync($"{Requests}/report (2).txt")).ShouldBe("from the visitor");
        (await Alice.GetTextAsync($"{Requests}/REPORT (3).txt")).ShouldBe("again");
        var versions = await Alice.GetJsonAsync(new Uri($"/api/v1/versions{Requests}/report.txt", UriKind.Relative));
        versions.GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task A_password_link_takes_uploads_only_with_its_password_and_throttles_guesses()
    {
        var token = await CreateLinkAsync(new { path = Requests, kind = "upload", password = "drop it here" });

        (await UploadAsync(token, "a.txt", "x")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await UploadAsync(token, "a.txt", "x", password: "drop it there")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await UploadAsync(token, "a.txt", "x", password: "drop it here")).StatusCode.ShouldBe(HttpStatusCode.Created);
        for (var i = 0; i < 4; i++)
        {
            (await UploadAsync(token, "a.txt", "x", password: $"guess {i}")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var throttled = await UploadAsync(token, "a.txt", "x", password: "drop it here");

        throttled.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        throttled.Headers.RetryAfter.ShouldNotBeNull();
        (await EventsAsync(Alice)).Count(e => e.GetProperty("type").GetString() == "LinkPasswordFailed").ShouldBe(5);
    }

    [Fact]
    public async Task Expired_and_revoked_links_refuse_uploads_even_midway()
    {
        var expiring = await CreateLinkAsync(new { path = Requests, kind = "upload", expiresAt = _clock.GetUtcNow().AddHours(1) });
        using var started = await StartAsync(expiring, "late.bin", 4);
        started.StatusCode.ShouldBe(HttpStatusCode.Created);

        _clock.Advance(TimeSpan.FromHours(2));

        (await SendAsync(expiring, TusClient.Request(HttpMethod.Patch, started.Headers.Location!.ToString()), offset: 0, new byte[4])).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await UploadAsync(expiring, "late.txt", "x")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var (id, revoked) = await CreateLinkWithIdAsync(new { path = Requests, kind = "upload" });
        (await Alice.DeleteAsync(new Uri($"/api/v1/links/{id}", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await UploadAsync(revoked, "gone.txt", "x")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await EventsAsync(Alice)).Select(e => e.GetProperty("type").GetString()).ShouldContain("LinkRevoked");
        (await Alice.ListNamesAsync(Requests)).ShouldBe(["report.txt"]);
    }

    [Fact]
    public async Task Links_are_of_one_kind_and_only_folders_with_write_access_take_upload_links()
    {
        var download = await CreateLinkAsync(new { path = $"{Requests}/report.txt" });
        var upload = await CreateLinkAsync(new { path = Requests, kind = "upload" });

        (await UploadAsync(download, "a.txt", "x")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _visitor.GetAsync(new Uri($"/api/v1/public/{upload}/list/", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Alice.PostAsJsonAsync(Links, new { path = $"{Requests}/report.txt", kind = "upload" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Alice.PostAsJsonAsync(Links, new { path = Requests, kind = "upload", maxDownloads = 3 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Bob.PostAsJsonAsync(Links, new { path = Requests, kind = "upload" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var listed = await Alice.GetJsonAsync(Links);
        listed.EnumerateArray().Select(l => l.GetProperty("kind").GetString()).Order().ShouldBe(["Download", "Upload"]);
    }

    [Fact]
    public async Task Switching_UploadLinks_off_answers_503_to_creation_and_uploads_but_not_to_download_links()
    {
        var token = await CreateLinkAsync(new { path = Requests, kind = "upload" });

        (await _admin.PutAsJsonAsync(new Uri("/api/v1/admin/flags/UploadLinks", UriKind.Relative), new { enabled = false, rolloutPercentage = 0 }, Ct)).EnsureSuccessStatusCode();

        using var upload = await UploadAsync(token, "a.txt", "x");
        upload.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        upload.Headers.RetryAfter.ShouldNotBeNull();
        using var create = await Alice.PostAsJsonAsync(Links, new { path = Requests, kind = "upload" }, Ct);
        create.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        create.Headers.RetryAfter.ShouldNotBeNull();
        (await _visitor.GetAsync(new Uri($"/api/v1/public/{token}", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        await CreateLinkAsync(new { path = $"{Requests}/report.txt" });
    }

    [Fact]
    public async Task The_admin_link_policy_is_enforced_on_creation_with_the_rule_named()
    {
        (await Alice.PutAsJsonAsync(Policy, new { }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await _admin.PutAsJsonAsync(Policy, new { download = new { maxExpiryDays = 0 }, upload = new { } }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        using var set = await _admin.PutAsJsonAsync(Policy, new { download = new { maxExpiryDays = (int?)null, requirePassword = false }, upload = new { maxExpiryDays = 7, requirePassword = true } }, Ct);
        set.StatusCode.ShouldBe(HttpStatusCode.OK);
        var policy = await _admin.GetJsonAsync(Policy);
        policy.GetProperty("upload").GetProperty("maxExpiryDays").GetInt32().ShouldBe(7);
        policy.GetProperty("upload").GetProperty("requirePassword").GetBoolean().ShouldBeTrue();

        using var noPassword = await Alice.PostAsJsonAsync(Links, new { path = Requests, kind = "upload", expiresAt = _clock.GetUtcNow().AddDays(1) }, Ct);
        using var tooLong = await Alice.PostAsJsonAsync(Links, new { path = Requests, kind = "upload", password = "long enough", expiresAt = _clock.GetUtcNow().AddDays(30) }, Ct);
        using var forever = await Alice.PostAsJsonAsync(Links, new { path = Requests, kind = "upload", password = "long enough" }, Ct);

        noPassword.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noPassword.ProblemDetailAsync()).ShouldContain("password required");
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLong.ProblemDetailAsync()).ShouldContain("maximum expiry");
        forever.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await CreateLinkAsync(new { path = Requests, kind = "upload", password = "long enough", expiresAt = _clock.GetUtcNow().AddDays(6) });
        await CreateLinkAsync(new { path = $"{Requests}/report.txt" });
        (await Alice.GetJsonAsync(Links)).GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task The_link_policy_page_shows_both_kinds_to_admins_only()
    {
        using var page = await _admin.GetAsync(new Uri("/admin/link-policy", UriKind.Relative), Ct);

        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("Download links");
        html.ShouldContain("Upload links");
        (await Alice.GetAsync(new Uri("/admin/link-policy", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Link_events_are_seen_by_the_links_creator_and_admins_but_not_by_other_viewers_of_the_folder()
    {
        var token = await CreateLinkAsync(new { path = Requests, kind = "upload" });
        (await UploadAsync(token, "dropped.txt", "x")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var download = await CreateLinkAsync(new { path = $"{Requests}/report.txt" });
        (await _visitor.GetAsync(new Uri($"/api/v1/public/{download}/content/", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var bobs = await EventsAsync(Bob);
        var alices = await EventsAsync(Alice);
        var admins = await EventsAsync(_admin);

        bobs.ShouldContain(e => e.GetProperty("type").GetString() == "FileCreated" && e.GetProperty("path").GetString() == $"{Requests}/dropped.txt");
        bobs.ShouldNotContain(e => e.GetProperty("type").GetString()!.StartsWith("Link", StringComparison.Ordinal));
        string[] linkEvents = ["LinkCreated", "LinkOpened", "LinkUploaded", "LinkDownloaded"];
        linkEvents.ShouldBeSubsetOf(alices.Select(e => e.GetProperty("type").GetString()!));
        linkEvents.ShouldBeSubsetOf(admins.Select(e => e.GetProperty("type").GetString()!));
    }

    private async Task<string> CreateLinkAsync(object request) => (await CreateLinkWithIdAsync(request)).Token;

    private async Task<(long Id, string Token)> CreateLinkWithIdAsync(object request)
    {
        using var response = await Alice.PostAsJsonAsync(Links, request, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return (json.GetProperty("link").GetProperty("id").GetInt64(), json.GetProperty("token").GetString()!);
    }

    /// <summary>A whole small file in one creation-with-upload request, as a visitor of the link.</summary>
    private Task<HttpResponseMessage> UploadAsync(string token, string name, string text, string? password = null)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        return _visitor.SendAsLinkVisitorAsync(TusClient.LinkCreation(name, bytes.Length, bytes), token, password);
    }

    private Task<HttpResponseMessage> StartAsync(string token, string name, long length, params (string, string)[] metadata) =>
        _visitor.SendAsLinkVisitorAsync(TusClient.LinkCreation(name, length, body: null, metadata), token);

    private Task<HttpResponseMessage> SendAsync(string token, HttpRequestMessage request, long? offset = null, byte[]? body = null)
    {
        if (offset is { } at)
        {
            request.Headers.Add("Upload-Offset", at.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Content = TusClient.OffsetContent(new ByteArrayContent(body!));
        }

        return _visitor.SendAsLinkVisitorAsync(request, token);
    }

    private static async Task<List<JsonElement>> EventsAsync(HttpClient client) =>
        (await client.GetJsonAsync(new Uri("/api/v1/events?after=0&limit=1000", UriKind.Relative))).GetProperty("events").EnumerateArray().ToList();

    /// <summary>The real hasher, counting how often a password is checked the slow way.</summary>
    private sealed class CountingHasher : PasswordHasher<PublicLink>
    {
        private int _verifications;

        public int Verifications => Volatile.Read(ref _verifications);

        public override PasswordVerificationResult VerifyHashedPassword(PublicLink user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref _verifications);
            return base.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
