using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Previews;
using Strata.Infrastructure.Flags;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Search;
using Strata.Tests.Previews;
using Strata.Tests.Search;
using Strata.Web.Tests.Files;
using Strata.Web.Tests.Sharing;

namespace Strata.Web.Tests.Search;

/// <summary>Administrators see what came of reading each file's text and read a failure again; nobody else sees the list.</summary>
public sealed class AdminExtractionsApiTests : IAsyncLifetime
{
    private const string Bomb = "/Shared/Team/bomb.docx";
    private const string Word = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    private static readonly Uri Failed = new("/api/v1/admin/search/extractions", UriKind.Relative);

    private readonly StrataAppFactory _app = new();
    private HttpClient _admin = null!;
    private HttpClient _alice = null!;
    private byte[] _bomb = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _admin = await _app.CreateAdminClientAsync();

        // Thumbnails are not what is tested here, and a bomb is no picture to spend a converter on.
        (await _admin.PutAsJsonAsync(new Uri($"/api/v1/admin/flags/{FlagNames.Thumbnails}", UriKind.Relative), new FlagSettings(false, null, null, 100), Ct))
            .EnsureSuccessStatusCode();
        (await _admin.MkdirAsync("/Shared/Team")).StatusCode.ShouldBe(HttpStatusCode.Created);
        _alice = await _app.CreateUserClientAsync();
        await _admin.GrantUserAsync("/Shared/Team", "alice", "Full");
        _bomb = HostileFiles.ZipBomb(TestDocuments.Docx("Quarterly forecast"), "word/document.xml", blanks: 1024L * 1024 * 1024);
        await PutAsync(Bomb, _bomb);
    }

    [Fact]
    public async Task An_administrator_sees_the_failed_file_with_its_type_size_and_reason()
    {
        var failure = await _admin.UntilListedAsync("failed", Bomb);

        failure.GetProperty("contentType").GetString().ShouldBe(Word);
        failure.GetProperty("size").GetInt64().ShouldBe(_bomb.Length);
        failure.GetProperty("status").GetString().ShouldBe("Failed");
        failure.GetProperty("reason").GetString().ShouldBe("Not read: word/document.xml inflates to 1,024 MB, more than 256 MB (a zip bomb?).");
        failure.GetProperty("attempts").GetInt32().ShouldBe(0);
        failure.GetProperty("queuedAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5));
        (await _admin.GetJsonAsync(new Uri("/api/v1/admin/search/extractions?status=skipped", UriKind.Relative))).GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Nobody_but_an_administrator_lists_or_retries_and_an_unknown_status_is_400()
    {
        var hash = (await _admin.UntilListedAsync("failed", Bomb)).GetProperty("sourceHash").GetString()!;

        using var list = await _alice.GetAsync(Failed, Ct);
        using var retry = await _alice.PostAsync(RetryOf(hash), null, Ct);
        using var unknown = await _admin.GetAsync(new Uri("/api/v1/admin/search/extractions?status=pending", UriKind.Relative), Ct);

        (list.StatusCode, retry.StatusCode).ShouldBe((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden));
        unknown.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await unknown.ProblemDetailAsync()).ShouldBe("status must be failed, skipped or ready.");
    }

    [Fact]
    public async Task A_retry_reads_the_text_again_and_records_the_new_outcome()
    {
        const string Forecast = "/Shared/Team/forecast.docx";
        await PutAsync(Forecast, TestDocuments.Docx("Quarterly forecast"));
        var hash = (await _admin.UntilListedAsync("ready", Forecast)).GetProperty("sourceHash").GetString()!;
        await FailAsync(hash, "Reading the text failed (IOException); the server log has the details.");
        var failed = await _admin.UntilListedAsync("failed", Forecast);

        using var retry = await _admin.PostAsync(RetryOf(hash), null, Ct);

        retry.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var read = await _admin.UntilListedAsync("ready", Forecast);
        read.GetProperty("queuedAt").GetDateTimeOffset().ShouldBeGreaterThan(failed.GetProperty("queuedAt").GetDateTimeOffset());
        (await _app.Services.GetRequiredService<TextExtraction>().ReadTextAsync(hash, Ct)).ShouldBe("Quarterly forecast");
        (await _admin.GetJsonAsync(Failed)).GetProperty("items").EnumerateArray().ShouldNotContain(i => i.GetProperty("path").GetString() == Forecast);
    }

    [Fact]
    public async Task A_retry_of_a_skip_is_404_and_with_search_off_409_keeping_the_failure()
    {
        const string Empty = "/Shared/Team/empty.docx";
        await PutAsync(Empty, TestDocuments.Docx());
        var skipped = (await _admin.UntilListedAsync("skipped", Empty)).GetProperty("sourceHash").GetString()!;
        var failed = (await _admin.UntilListedAsync("failed", Bomb)).GetProperty("sourceHash").GetString()!;

        using var skip = await _admin.PostAsync(RetryOf(skipped), null, Ct);
        (await _admin.PutAsJsonAsync(new Uri($"/api/v1/admin/flags/{FlagNames.Search}", UriKind.Relative), new FlagSettings(false, null, null, 100), Ct))
            .EnsureSuccessStatusCode();
        using var off = await _admin.PostAsync(RetryOf(failed), null, Ct);

        skip.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        off.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await off.ProblemDetailAsync()).ShouldContain("Search flag");
        await _admin.UntilListedAsync("failed", Bomb);
    }

    public ValueTask DisposeAsync()
    {
        _admin.Dispose();
        _alice.Dispose();
        _app.Dispose();
        return ValueTask.CompletedTask;
    }

    private static Uri RetryOf(string hash) => new($"/api/v1/admin/search/extractions/{hash}/retry", UriKind.Relative);

    private async Task PutAsync(string path, byte[] content)
    {
        using var put = await _alice.PutAsync(FsClient.Content(path), new ByteArrayContent(content), Ct);
        put.StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    /// <summary>Records the text as failed, as an attempt that met a passing fault (a disk error) would have.</summary>
    private async Task FailAsync(string hash, string reason)
    {
        await using var db = await _app.Services.GetRequiredService<IDbContextFactory<StrataDbContext>>().CreateDbContextAsync(Ct);
        var text = await db.Renditions.SingleAsync(r => r.SourceHash == hash && r.Kind == RenditionKind.Text, Ct);
        text.Fail(reason);
        await db.SaveChangesAsync(Ct);
    }
}
