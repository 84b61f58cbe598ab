using System.Net;
using System.Net.Http.Json;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Sharing;

/// <summary>An upload link's landing page: the upload form with the folder's name, and never what the folder holds.</summary>
public sealed class LinkUploadPageTests : LinkScenario
{
    private const string Inbox = "/Private/alice/Inbox";

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        (await Alice.MkdirAsync(Inbox)).EnsureSuccessStatusCode();
        (await Alice.PutTextAsync(Inbox + "/secret-plan.txt", "not for visitors")).EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task An_upload_link_page_shows_the_upload_form_and_not_the_folder()
    {
        var (_, token) = await Alice.CreateLinkAsync(new { path = Inbox, kind = "upload" });

        var (status, html) = await Visitor.FetchAsync(LinkClient.Page(token));

        status.ShouldBe(HttpStatusCode.OK);
        html.ShouldContain("data-testid=\"link-upload-title\">Send files to Inbox<");
        html.ShouldContain("data-testid=\"link-upload-name\"");
        html.ShouldContain("data-testid=\"link-upload-email\"");
        html.ShouldContain("data-testid=\"link-upload-input\"");
        html.ShouldContain("js/link-page.js");
        html.ShouldNotContain("secret-plan.txt");
        html.ShouldNotContain("link-entry");
    }

    [Fact]
    public async Task An_upload_link_has_no_pages_below_its_own()
    {
        var (_, token) = await Alice.CreateLinkAsync(new { path = Inbox, kind = "upload" });

        using var page = await Visitor.VisitAsync(LinkClient.Page(token, "/secret-plan.txt"));

        page.StatusCode.ShouldBe(HttpStatusCode.Gone);
        var html = await page.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("link-missing");
        html.ShouldNotContain("not for visitors");
    }

    [Fact]
    public async Task With_upload_links_switched_off_the_page_says_so()
    {
        var (_, token) = await Alice.CreateLinkAsync(new { path = Inbox, kind = "upload" });
        using var admin = await App.CreateAdminClientAsync();
        (await admin.PutAsJsonAsync(new Uri("/api/v1/admin/flags/UploadLinks", UriKind.Relative), new { enabled = false, rolloutPercentage = 0 }, Ct)).EnsureSuccessStatusCode();

        using var page = await Visitor.VisitAsync(LinkClient.Page(token));

        page.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var html = await page.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("link-disabled");
        html.ShouldContain("Upload links are disabled");
        html.ShouldNotContain("link-upload-input");
    }
}
