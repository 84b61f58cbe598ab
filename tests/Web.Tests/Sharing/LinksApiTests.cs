using System.Net;
using System.Net.Http.Json;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Sharing;

public sealed class LinksApiTests : LinkScenario
{
    private const string Doc = "/Private/alice/doc.txt";
    private static readonly Uri Links = LinkClient.Links;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        (await Alice.PutTextAsync(Doc, "the document")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_visitor_opens_and_downloads_a_link_whose_info_reveals_no_secret()
    {
        var (_, token) = await CreateAsync(new { path = Doc });

        using var info = await Visitor.GetAsync(Open(token), Ct);

        info.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await info.Content.ReadAsStringAsync(Ct);
        body.ShouldContain("doc.txt");
        body.ShouldNotContain(token);
        body.ShouldNotContain("hash", Case.Insensitive);
        body.ShouldNotContain("url", Case.Insensitive);
        (await DownloadAsync(token)).ShouldBe((HttpStatusCode.OK, "the document"));
        token.Length.ShouldBeGreaterThanOrEqualTo(43);
    }

    [Fact]
    public async Task A_password_link_opens_only_with_its_password()
    {
        var (_, token) = await CreateAsync(new { path = Doc, password = "open sesame" });

        (await Visitor.GetAsync(Open(token), Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await DownloadAsync(token)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await DownloadAsync(token, "wrong password")).Status.ShouldBe(HttpStatusCode.Unauthorized);
        (await DownloadAsync(token, "open sesame")).ShouldBe((HttpStatusCode.OK, "the document"));
    }

    [Fact]
    public async Task Repeated_wrong_passwords_are_throttled_with_retry_after()
    {
        var (_, token) = await CreateAsync(new { path = Doc, password = "open sesame" });
        for (var i = 0; i < 5; i++)
        {
            (await DownloadAsync(token, $"guess {i}")).Status.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var throttled = await Visitor.VisitAsync(Open(token, "/content"), "open sesame");

        throttled.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        throttled.Headers.RetryAfter.ShouldNotBeNull();
    }

    [Fact]
    public async Task Guessing_tokens_gets_404_then_429()
    {
        for (var i = 0; i < 30; i++)
        {
            (await Visitor.GetAsync(Open($"guess{i:D40}"), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        (await Visitor.GetAsync(Open("one-more"), Ct)).StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task An_expired_link_is_gone()
    {
        var (_, token) = await CreateAsync(new { path = Doc, expiresAt = Clock.GetUtcNow().AddHours(1) });
        (await DownloadAsync(token)).Status.ShouldBe(HttpStatusCode.OK);

        Clock.Advance(TimeSpan.FromHours(2));

        (await DownloadAsync(token)).Status.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_link_stops_after_its_download_limit()
    {
        var (_, token) = await CreateAsync(new { path = Doc, maxDownloads = 2 });

        (await DownloadAsync(token)).Status.ShouldBe(HttpStatusCode.OK);
        (await DownloadAsync(token)).Status.ShouldBe(HttpStatusCode.OK);

        (await DownloadAsync(token)).Status.ShouldBe(HttpStatusCode.NotFound);
        (await Visitor.GetAsync(Open(token), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_preview_only_link_shows_but_never_downloads()
    {
        var (_, token) = await CreateAsync(new { path = Doc, previewOnly = true });

        (await Visitor.GetAsync(Open(token), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await DownloadAsync(token)).Status.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Only_the_owner_or_an_admin_lists_and_revokes_a_link()
    {
        var (id, token) = await CreateAsync(new { path = Doc });
        using var admin = await App.CreateAdminClientAsync();

        (await Bob.DeleteAsync(new Uri($"/api/v1/links/{id}", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.GetJsonAsync(Links)).GetArrayLength().ShouldBe(0);
        (await admin.GetJsonAsync(Links)).GetArrayLength().ShouldBe(1);
        (await Alice.DeleteAsync(new Uri($"/api/v1/links/{id}", UriKind.Relative), Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await Visitor.GetAsync(Open(token), Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Alice.GetJsonAsync(Links)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Links_are_refused_on_what_the_caller_may_not_share_and_bad_requests_leave_no_link()
    {
        (await Alice.PutTextAsync("/Shared/Team/open.txt", "x")).EnsureSuccessStatusCode();

        (await Bob.PostAsJsonAsync(Links, new { path = Doc }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Bob.PostAsJsonAsync(Links, new { path = "/Shared/Team/open.txt" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Alice.PostAsJsonAsync(Links, new { path = "/Private/alice/missing.txt" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Alice.PostAsJsonAsync(Links, new { path = Doc, password = "short" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Alice.PostAsJsonAsync(Links, new { path = Doc, maxDownloads = 0 }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Alice.PostAsJsonAsync(Links, new { path = Doc, expiresAt = Clock.GetUtcNow().AddMinutes(-1) }, Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Alice.GetJsonAsync(Links)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Switching_the_flag_off_closes_links_with_503()
    {
        var (_, token) = await CreateAsync(new { path = Doc });
        using var admin = await App.CreateAdminClientAsync();

        (await admin.PutAsJsonAsync(new Uri("/api/v1/admin/flags/PublicLinks", UriKind.Relative), new { enabled = false, rolloutPercentage = 0 }, Ct)).EnsureSuccessStatusCode();

        (await Visitor.GetAsync(Open(token), Ct)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await Alice.PostAsJsonAsync(Links, new { path = Doc }, Ct)).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    private static Uri Open(string token, string suffix = "") => LinkClient.Api(token, suffix);

    private Task<(long Id, string Token)> CreateAsync(object request) => Alice.CreateLinkAsync(request);

    private Task<(HttpStatusCode Status, string Body)> DownloadAsync(string token, string? password = null) =>
        Visitor.FetchAsync(Open(token, "/content"), password);
}
