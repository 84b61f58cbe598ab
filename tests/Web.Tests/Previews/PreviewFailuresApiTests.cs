using System.Net;
using System.Net.Http.Json;
using Strata.Web.Tests.Sharing;
using Strata.Infrastructure.Flags;
using Strata.Tests.Previews;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Previews;

/// <summary>Administrators see which thumbnails failed and why, and make them again; nobody else sees the list.</summary>
public sealed class PreviewFailuresApiTests : IAsyncLifetime
{
    private const string Broken = "/Shared/Team/cut.jpg";
    private static readonly Uri Failures = new("/api/v1/admin/previews/failures", UriKind.Relative);

    private readonly StrataAppFactory _app = new();
    private HttpClient _admin = null!;
    private HttpClient _alice = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _admin = await _app.CreateAdminClientAsync();
        (await _admin.MkdirAsync("/Shared/Team")).StatusCode.ShouldBe(HttpStatusCode.Created);
        _alice = await _app.CreateUserClientAsync();
        await _admin.GrantUserAsync("/Shared/Team", "alice", "Full");
        using var put = await _alice.PutAsync(FsClient.Content(Broken), new ByteArrayContent(TestImages.TruncatedJpeg()), Ct);
        put.StatusCode.ShouldBe(HttpStatusCode.Created);
        using var failed = await _alice.UntilMadeAsync(Preview(256));
        failed.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
    }

    [Fact]
    public async Task An_administrator_sees_the_failed_file_with_its_reason_and_sizes()
    {
        var failure = (await _admin.GetJsonAsync(Failures)).EnumerateArray().Single();

        failure.GetProperty("path").GetString().ShouldBe(Broken);
        failure.GetProperty("contentType").GetString().ShouldBe("image/jpeg");
        failure.GetProperty("reason").GetString().ShouldStartWith("Not a readable image");
        failure.GetProperty("sizes").EnumerateArray().Select(s => s.GetInt32()).ShouldBe([64, 256, 1024]);
        (await _alice.GetAsync(Failures, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_retry_renders_the_content_again_and_records_the_new_outcome()
    {
        var before = (await _admin.GetJsonAsync(Failures)).EnumerateArray().Single();
        var hash = before.GetProperty("sourceHash").GetString()!;

        using var retry = await _admin.PostAsync(RetryOf(hash), null, Ct);
        using var again = await _alice.UntilMadeAsync(Preview(256));

        retry.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        again.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var after = (await _admin.GetJsonAsync(Failures)).EnumerateArray().Single();
        after.GetProperty("failedAt").GetDateTimeOffset().ShouldBeGreaterThan(before.GetProperty("failedAt").GetDateTimeOffset());
        (await _alice.PostAsync(RetryOf(hash), null, Ct)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_retry_of_nothing_failed_is_404_and_with_thumbnails_off_409_keeping_the_failure()
    {
        using var unknown = await _admin.PostAsync(RetryOf(new string('a', 64)), null, Ct);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await _admin.PutAsJsonAsync(new Uri($"/api/v1/admin/flags/{FlagNames.Thumbnails}", UriKind.Relative), new FlagSettings(false, null, null, 100), Ct))
            .EnsureSuccessStatusCode();
        var hash = (await _admin.GetJsonAsync(Failures)).EnumerateArray().Single().GetProperty("sourceHash").GetString()!;

        using var off = await _admin.PostAsync(RetryOf(hash), null, Ct);

        off.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await off.ProblemDetailAsync()).ShouldContain("Thumbnails");
        (await _admin.GetJsonAsync(Failures)).GetArrayLength().ShouldBe(1);
    }

    public ValueTask DisposeAsync()
    {
        _admin.Dispose();
        _alice.Dispose();
        _app.Dispose();
        return ValueTask.CompletedTask;
    }

    private static Uri Preview(int size) => new($"/api/v1/previews{Broken}?size={size}", UriKind.Relative);

    private static Uri RetryOf(string hash) => new($"/api/v1/admin/previews/failures/{hash}/retry", UriKind.Relative);
}
