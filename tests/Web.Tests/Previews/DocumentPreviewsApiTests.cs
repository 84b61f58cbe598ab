using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Strata.Tests.Previews;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Sharing;

namespace Strata.Web.Tests.Previews;

public sealed class DocumentPreviewsApiTests : IAsyncLifetime
{
    private const string Contract = "/Shared/Team/contract.pdf";
    // LibreOffice takes a second alone and minutes on a CI machine running every test project at once, where a render
    // at its lowered priority gets a sliver of the two cores: the renders may take nearly all of the test's patience,
    // so that a starved conversion is not refused by the production limits (90 s, 2 minutes) before it is waited for.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(240);
    private static readonly TimeSpan RenderLimit = Patience - TimeSpan.FromSeconds(20);

    private readonly StrataAppFactory _app = new()
    {
        Settings =
        {
            ["Strata:Previews:OfficeTimeout"] = RenderLimit.ToString(),
            ["Strata:Previews:DocumentTimeout"] = RenderLimit.ToString(),
            ["Strata:Previews:JobTimeout"] = RenderLimit.ToString(),
        },
    };
    private HttpClient _admin = null!;
    private HttpClient _alice = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _admin = await _app.CreateAdminClientAsync();
        (await _admin.MkdirAsync("/Shared/Team")).StatusCode.ShouldBe(HttpStatusCode.Created);
        _alice = await _app.CreateUserClientAsync();
        await _admin.GrantUserAsync("/Shared/Team", "alice", "Full");
    }

    [Fact]
    public async Task A_page_of_an_uploaded_pdf_is_made_when_asked_for_with_the_page_count()
    {
        await UploadAsync(Contract, TestDocuments.Pdf(3));

        using var first = await _alice.GetAsync(Preview(Contract, 1024, page: 2), Ct);
        using var second = await PollAsync(_alice, Preview(Contract, 1024, page: 2));
        using var thumbnail = await PollAsync(_alice, Preview(Contract, 256));

        first.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        first.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(2));
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.Headers.GetValues("X-Page-Count").ShouldBe(["3"]);
        second.Content.Headers.ContentType!.MediaType.ShouldBe("image/webp");
        var page = await second.Content.ReadAsByteArrayAsync(Ct);
        TestImages.SizeOf(page).Height.ShouldBe(1024);
        thumbnail.StatusCode.ShouldBe(HttpStatusCode.OK);
        thumbnail.Headers.GetValues("X-Page-Count").ShouldBe(["3"]);
        TestImages.SizeOf(await thumbnail.Content.ReadAsByteArrayAsync(Ct)).ShouldBe((256, 256));
    }

    [Fact]
    public async Task A_page_past_the_last_answers_404_naming_the_page_count()
    {
        await UploadAsync(Contract, TestDocuments.Pdf(3));

        using var unknownCount = await PollAsync(_alice, Preview(Contract, 1024, page: 9));
        using var knownCount = await _alice.GetAsync(Preview(Contract, 1024, page: 4), Ct);

        unknownCount.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ProblemAsync(unknownCount)).ShouldBe("The document has 3 pages; there is no page 9.");
        knownCount.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        knownCount.Headers.GetValues("X-Page-Count").ShouldBe(["3"]);
        (await ProblemAsync(knownCount)).ShouldBe("The document has 3 pages; there is no page 4.");
    }

    [Fact]
    public async Task A_viewer_of_another_folder_gets_404_for_the_pages()
    {
        (await _admin.MkdirAsync("/Shared/Other")).StatusCode.ShouldBe(HttpStatusCode.Created);
        using var bob = await _app.CreateUserClientAsync("bob@strata.test");
        await _admin.GrantUserAsync("/Shared/Other", "bob", "Viewer");
        await UploadAsync(Contract, TestDocuments.Pdf(3));
        (await PollAsync(_alice, Preview(Contract, 1024, page: 2))).Dispose();

        using var hidden = await bob.GetAsync(Preview(Contract, 1024, page: 2), Ct);

        hidden.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        hidden.Headers.Contains("X-Page-Count").ShouldBeFalse();
        (await ProblemAsync(hidden)).ShouldContain("does not exist");
    }

    [Fact]
    public async Task A_broken_pdf_answers_a_problem_naming_the_failure()
    {
        await UploadAsync("/Shared/Team/broken.pdf", "%PDF-1.4 and nothing else"u8.ToArray());

        using var response = await PollAsync(_alice, Preview("/Shared/Team/broken.pdf", 256));

        response.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await ProblemAsync(response)).ShouldStartWith("Not a readable PDF");
    }

    [Fact]
    public async Task An_uploaded_presentation_is_converted_and_its_slides_served()
    {
        await UploadAsync("/Shared/Team/deck.odp", TestDocuments.Odp("One", "Two", "Three"));

        using var thumbnail = await PollAsync(_alice, Preview("/Shared/Team/deck.odp", 256));
        using var slide = await PollAsync(_alice, Preview("/Shared/Team/deck.odp", 1024, page: 3));

        thumbnail.StatusCode.ShouldBe(HttpStatusCode.OK);
        TestImages.SizeOf(await thumbnail.Content.ReadAsByteArrayAsync(Ct)).ShouldBe((256, 256));
        slide.StatusCode.ShouldBe(HttpStatusCode.OK);
        slide.Headers.GetValues("X-Page-Count").ShouldBe(["3"]);
        TestImages.SizeOf(await slide.Content.ReadAsByteArrayAsync(Ct)).Width.ShouldBe(1024);
    }

    [Fact]
    public async Task A_source_file_gets_a_thumbnail_of_its_first_lines()
    {
        await UploadAsync("/Shared/Team/Program.cs", "Console.WriteLine(\"<b>hello</b> & bye\");\n"u8.ToArray());

        using var response = await PollAsync(_alice, Preview("/Shared/Team/Program.cs", 256));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        TestImages.SizeOf(await response.Content.ReadAsByteArrayAsync(Ct)).ShouldBe((256, 256));
        response.Headers.Contains("X-Page-Count").ShouldBeFalse();
    }

    [Fact]
    public async Task Pages_of_a_type_without_pages_answer_404_and_page_0_answers_400()
    {
        await UploadAsync("/Shared/Team/photo.jpg", TestImages.Photo(".jpg"));

        using var photoPage = await _alice.GetAsync(Preview("/Shared/Team/photo.jpg", 256, page: 2), Ct);
        using var pageZero = await _alice.GetAsync(Preview("/Shared/Team/photo.jpg", 256, page: 0), Ct);

        photoPage.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ProblemAsync(photoPage)).ShouldBe("Files of type image/jpeg have no pages.");
        pageZero.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    public ValueTask DisposeAsync()
    {
        _admin.Dispose();
        _alice.Dispose();
        _app.Dispose();
        return ValueTask.CompletedTask;
    }

    private static Uri Preview(string path, int size, int? page = null) =>
        new($"/api/v1/previews{path}?size={size}" + (page is { } p ? $"&page={p}" : ""), UriKind.Relative);

    private async Task UploadAsync(string path, byte[] content)
    {
        using var put = await _alice.PutAsync(FsClient.Content(path), new ByteArrayContent(content), Ct);
        put.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>Asks until the answer is no longer 202, as a client honouring Retry-After would (faster).</summary>
    private static async Task<HttpResponseMessage> PollAsync(HttpClient client, Uri preview)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            var response = await client.GetAsync(preview, Ct);
            if (response.StatusCode != HttpStatusCode.Accepted || DateTimeOffset.UtcNow > deadline)
            {
                return response;
            }

            response.Dispose();
            await Task.Delay(100, Ct);
        }
    }

    private static async Task<string> ProblemAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()!;
}
