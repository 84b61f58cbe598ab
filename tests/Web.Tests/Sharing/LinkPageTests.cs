using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Sharing;

/// <summary>The landing page <c>/s/{token}</c>, rendered statically: what a visitor sees in each case, and the password form.</summary>
public sealed partial class LinkPageTests : LinkScenario
{
    private const string Projects = "/Private/alice/Projects";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        (await Alice.MkdirAsync(Projects)).EnsureSuccessStatusCode();
        (await Alice.MkdirAsync(Projects + "/sub")).EnsureSuccessStatusCode();
        (await Alice.PutTextAsync(Projects + "/notes.txt", "the notes")).EnsureSuccessStatusCode();
        (await Alice.PutTextAsync(Projects + "/sub/inner.txt", "inner")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_folder_link_page_lists_its_items_with_breadcrumbs_and_a_zip_button()
    {
        var (_, token) = await Alice.CreateLinkAsync(new { path = Projects });

        var (status, html) = await Visitor.FetchAsync(LinkClient.Page(token, "/sub"));

        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("data-testid=\"link-breadcrumbs\"");
        html.ShouldContain($"href=\"/s/{token}\"");
        html.ShouldContain("inner.txt");
        html.ShouldNotContain("notes.txt");
        html.ShouldContain($"/api/v1/public/{token}/zip/sub");
        html.ShouldContain($"/api/v1/public/{token}/content/sub/inner.txt");
    }

    [Fact]
    public async Task A_file_page_shows_name_size_preview_and_download()
    {
        var (_, token) = await Alice.CreateLinkAsync(new { path = Projects + "/notes.txt" });

        var (status, html) = await Visitor.FetchAsync(LinkClient.Page(token));

        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("data-testid=\"link-file-name\">notes.txt<");
        html.ShouldContain("9 B");
        html.ShouldContain("data-testid=\"preview-text\">the notes<");
        html.ShouldContain("data-testid=\"link-download\"");
    }

    [Fact]
    public async Task A_preview_only_page_offers_no_download()
    {
        var (_, token) = await Alice.CreateLinkAsync(new { path = Projects, previewOnly = true });

        var folder = (await Visitor.FetchAsync(LinkClient.Page(token))).Body;
        var file = (await Visitor.FetchAsync(LinkClient.Page(token, "/notes.txt"))).Body;

        folder.ShouldContain("notes.txt");
        folder.ShouldNotContain("link-zip");
        folder.ShouldNotContain("link-entry-download");
        file.ShouldNotContain("the notes");
        file.ShouldNotContain("link-download");
    }

    [Fact]
    public async Task Unknown_expired_and_revoked_links_look_the_same()
    {
        var (id, token) = await Alice.CreateLinkAsync(new { path = Projects });
        (await Alice.DeleteAsync(new Uri($"/api/v1/links/{id}", UriKind.Relative), Ct)).EnsureSuccessStatusCode();

        using var revoked = await Visitor.VisitAsync(LinkClient.Page(token));
        using var unknown = await Visitor.VisitAsync(LinkClient.Page(LinkClient.UnknownLike(token)));

        revoked.StatusCode.ShouldBe(HttpStatusCode.Gone);
        unknown.StatusCode.ShouldBe(HttpStatusCode.Gone);
        var message = MainPart(await revoked.Content.ReadAsStringAsync(Ct));
        message.ShouldContain("link-missing");
        message.ShouldBe(MainPart(await unknown.Content.ReadAsStringAsync(Ct)));
    }

    [Fact]
    public async Task With_links_switched_off_the_page_says_so()
    {
        var (_, token) = await Alice.CreateLinkAsync(new { path = Projects });
        using var admin = await App.CreateAdminClientAsync();
        (await admin.PutAsJsonAsync(new Uri("/api/v1/admin/flags/PublicLinks", UriKind.Relative), new { enabled = false, rolloutPercentage = 0 }, Ct)).EnsureSuccessStatusCode();

        using var page = await Visitor.VisitAsync(LinkClient.Page(token));

        page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await page.Content.ReadAsStringAsync(Ct)).ShouldContain("link-disabled");
    }

    [Fact]
    public async Task The_password_form_sets_a_cookie_that_opens_only_this_link()
    {
        var (_, token) = await Alice.CreateLinkAsync(new { path = Projects, password = "open sesame" });
        var (_, other) = await Alice.CreateLinkAsync(new { path = Projects + "/sub", password = "other secret" });

        using var locked = await Visitor.VisitAsync(LinkClient.Page(token));
        locked.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var form = await locked.Content.ReadAsStringAsync(Ct);
        form.ShouldNotContain("notes.txt");
        using var wrong = await PostPasswordAsync(token, form, "wrong password");
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrong.Content.ReadAsStringAsync(Ct)).ShouldContain("link-password-error");

        using var unlocked = await PostPasswordAsync(token, form, "open sesame");

        unlocked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var cookies = unlocked.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith("strata-link=", StringComparison.Ordinal)).ToList();
        cookies.Count.ShouldBe(2);
        cookies.ShouldAllBe(c => c.Contains("httponly", StringComparison.OrdinalIgnoreCase) && c.Contains("samesite=strict", StringComparison.OrdinalIgnoreCase));
        cookies.ShouldContain(c => c.Contains($"path=/api/v1/public/{token}", StringComparison.Ordinal));
        var proof = cookies[0].Split(';')[0];
        using (var page = await Visitor.VisitAsync(LinkClient.Page(token), configure: r => r.Headers.Add("Cookie", proof)))
        {
            page.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await page.Content.ReadAsStringAsync(Ct)).ShouldContain("notes.txt");
        }

        using var content = await Visitor.VisitAsync(LinkClient.Api(token, "/content/notes.txt"), configure: r => r.Headers.Add("Cookie", proof));
        content.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var foreign = await Visitor.VisitAsync(LinkClient.Api(other, "/content/inner.txt"), configure: r => r.Headers.Add("Cookie", proof));
        foreign.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>Posts the page's own form back, with its antiforgery token (and the cookie that pairs with it).</summary>
    private async Task<HttpResponseMessage> PostPasswordAsync(string token, string formHtml, string password)
    {
        var antiforgery = AntiforgeryInput().Match(formHtml).Groups[1].Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, LinkClient.Page(token))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["_handler"] = "unlock",
                ["__RequestVerificationToken"] = antiforgery,
                ["Password"] = password,
            }),
        };
        return await Visitor.SendAsync(request, Ct);
    }

    private static string MainPart(string html) => html[html.IndexOf("<main", StringComparison.Ordinal)..html.IndexOf("</main>", StringComparison.Ordinal)];

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
