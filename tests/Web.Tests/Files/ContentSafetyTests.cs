using System.Net;

namespace Strata.Web.Tests.Files;

/// <summary>User content and the preview's <c>?inline=1</c>: only types that cannot run script are shown in place.</summary>
public sealed class ContentSafetyTests : IAsyncLifetime
{
    private const string Csp = "sandbox; default-src 'none'; img-src 'self'; media-src 'self'; style-src 'unsafe-inline'";
    private readonly StrataAppFactory _app = new();
    private HttpClient _alice = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        using var admin = await _app.CreateAdminClientAsync();
        (await admin.MkdirAsync("/Shared/Docs")).StatusCode.ShouldBe(HttpStatusCode.Created);
        _alice = await _app.CreateUserClientAsync();
    }

    [Theory]
    [InlineData("x.html", "<script>alert(1)</script>")]
    [InlineData("x.htm", "<script>alert(1)</script>")]
    [InlineData("x.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>")]
    [InlineData("x.xml", "<html xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></html>")]
    [InlineData("x.xhtml", "<html xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></html>")]
    public async Task Active_content_is_never_inline_even_when_asked(string name, string body)
    {
        await _alice.PutTextAsync("/Shared/Docs/" + name, body);

        using var response = await _alice.GetAsync(new Uri($"/api/v1/fs-content/Shared/Docs/{name}?inline=1", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        AssertSandboxed(response);
    }

    [Theory]
    [InlineData("photo.png")]
    [InlineData("photo.jpg")]
    [InlineData("manual.pdf")]
    [InlineData("notes.txt")]
    [InlineData("song.mp3")]
    [InlineData("clip.mp4")]
    public async Task Safe_types_are_inline_only_when_asked(string name)
    {
        await _alice.PutTextAsync("/Shared/Docs/" + name, "bytes");

        using var asked = await _alice.GetAsync(new Uri($"/api/v1/fs-content/Shared/Docs/{name}?inline=1", UriKind.Relative), Ct);
        using var plain = await _alice.GetAsync(FsClient.Content("/Shared/Docs/" + name), Ct);

        asked.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("inline");
        asked.Content.Headers.ContentDisposition.FileNameStar.ShouldBe(name);
        AssertSandboxed(asked);
        plain.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        AssertSandboxed(plain);
    }

    [Theory]
    [InlineData("readme.md")]
    [InlineData("app.js")]
    [InlineData("blob.bin")]
    public async Task Other_types_download_even_when_inline_is_asked(string name)
    {
        await _alice.PutTextAsync("/Shared/Docs/" + name, "alert(1)");

        using var response = await _alice.GetAsync(new Uri($"/api/v1/fs-content/Shared/Docs/{name}?inline=1", UriKind.Relative), Ct);

        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        AssertSandboxed(response);
    }

    [Fact]
    public async Task Old_versions_and_ranges_carry_the_same_headers()
    {
        await _alice.PutTextAsync("/Shared/Docs/x.svg", "<svg/>");
        await _alice.PutTextAsync("/Shared/Docs/x.svg", "<svg onload=\"alert(1)\"/>");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/fs-content/Shared/Docs/x.svg?version=1&inline=1", UriKind.Relative));
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 2);

        using var response = await _alice.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.PartialContent);
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        AssertSandboxed(response);
    }

    [Fact]
    public async Task An_unreadable_inline_flag_returns_400()
    {
        await _alice.PutTextAsync("/Shared/Docs/photo.png", "bytes");

        using var response = await _alice.GetAsync(new Uri("/api/v1/fs-content/Shared/Docs/photo.png?inline=maybe", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    private static void AssertSandboxed(HttpResponseMessage response)
    {
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldBe(Csp);
        response.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
    }

    public async ValueTask DisposeAsync()
    {
        _alice.Dispose();
        await _app.DisposeAsync();
    }
}
