using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Files;
using Strata.Domain.Previews;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Previews;
using Strata.Tests.Previews;

namespace Strata.Infrastructure.Tests.Previews;

public sealed class RenditionServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ProviderData]
    public async Task Claimed_sizes_render_once_and_are_stored_as_blobs(DatabaseProvider provider)
    {
        await using var infra = await InfrastructureHost.StartAsync(provider);
        var (renditions, hash) = await WriteAsync(infra, "photo.jpg", TestImages.Photo(".jpg"));

        var claimed = await renditions.ClaimAsync(hash, "image/jpeg", RenditionSize.Standard, Ct);
        await renditions.RenderAsync(hash, "image/jpeg", [.. claimed], Ct);
        var again = await renditions.ClaimAsync(hash, "image/jpeg", RenditionSize.Standard, Ct);

        claimed.ShouldBe(RenditionSize.Standard, ignoreOrder: true);
        again.ShouldBeEmpty();
        var grid = (await renditions.FindAsync(hash, RenditionSize.Grid, Ct)).ShouldNotBeNull();
        grid.Status.ShouldBe(RenditionStatus.Ready);
        (grid.Width, grid.Height).ShouldBe((256, 256));
        await using var blob = await infra.Files.Blobs.OpenReadAsync(grid.BlobHash!, Ct);
        using var copy = new MemoryStream();
        await blob.CopyToAsync(copy, Ct);
        TestImages.IsWebp(copy.ToArray()).ShouldBeTrue();
    }

    [Theory]
    [ProviderData]
    public async Task A_decompression_bomb_ends_as_a_recorded_failure_at_the_first_attempt(DatabaseProvider provider)
    {
        await using var infra = await InfrastructureHost.StartAsync(provider);
        var (renditions, hash) = await WriteAsync(infra, "bomb.png", TestImages.DecompressionBomb());

        await renditions.RenderAsync(hash, "image/png", [.. await renditions.ClaimAsync(hash, "image/png", RenditionSize.Standard, Ct)], Ct);

        var rows = await RowsAsync(infra, hash);
        rows.Count.ShouldBe(3);
        rows.ShouldAllBe(r => r.Status == RenditionStatus.Failed && r.BlobHash == null && r.Attempts == 0);
        rows[0].FailureReason.ShouldNotBeNull().ShouldContain("more than the limit of 100");
    }

    [Theory]
    [ProviderData]
    public async Task A_truncated_jpeg_ends_as_a_recorded_failure(DatabaseProvider provider)
    {
        await using var infra = await InfrastructureHost.StartAsync(provider);
        var (renditions, hash) = await WriteAsync(infra, "cut.jpg", TestImages.TruncatedJpeg());

        await renditions.RenderAsync(hash, "image/jpeg", [.. await renditions.ClaimAsync(hash, "image/jpeg", RenditionSize.Standard, Ct)], Ct);

        (await RowsAsync(infra, hash)).ShouldAllBe(r => r.Status == RenditionStatus.Failed && r.FailureReason!.StartsWith("Not a readable image"));
    }

    [Fact]
    public async Task An_unexpected_error_is_retried_twice_then_recorded_for_good()
    {
        await using var infra = await InfrastructureHost.StartAsync(DatabaseProvider.Sqlite);
        var (renditions, hash) = await WriteAsync(infra, "photo.jpg", TestImages.Photo(".jpg"));
        var claimed = await renditions.ClaimAsync(hash, "image/jpeg", [RenditionSize.Grid], Ct);
        var failing = ActivatorUtilities.CreateInstance<RenditionService>(infra.Services, [new IRenderer[] { new ThrowingRenderer() }]);

        await Should.ThrowAsync<IOException>(() => failing.RenderAsync(hash, "image/jpeg", [.. claimed], Ct));
        await Should.ThrowAsync<IOException>(() => failing.RenderAsync(hash, "image/jpeg", [.. claimed], Ct));
        await failing.RenderAsync(hash, "image/jpeg", [.. claimed], Ct);
        await failing.RenderAsync(hash, "image/jpeg", [.. claimed], Ct);

        var row = (await RowsAsync(infra, hash)).ShouldHaveSingleItem();
        row.Status.ShouldBe(RenditionStatus.Failed);
        row.Attempts.ShouldBe(RenditionService.MaxAttempts);
        row.FailureReason.ShouldBe("Rendering failed unexpectedly (IOException); the server log has the details.");
    }

    [Fact]
    public async Task A_render_past_the_time_cap_is_cancelled_and_recorded_as_failed()
    {
        await using var infra = await InfrastructureHost.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?> { ["Strata:Previews:JobTimeout"] = "00:00:01" });
        var (_, hash) = await WriteAsync(infra, "photo.jpg", TestImages.Photo(".jpg"));
        var stuck = ActivatorUtilities.CreateInstance<RenditionService>(infra.Services, [new IRenderer[] { new StuckRenderer() }]);
        var claimed = await stuck.ClaimAsync(hash, "image/jpeg", [RenditionSize.Grid], Ct);

        await stuck.RenderAsync(hash, "image/jpeg", [.. claimed], Ct);

        var row = (await RowsAsync(infra, hash)).ShouldHaveSingleItem();
        row.Status.ShouldBe(RenditionStatus.Failed);
        row.FailureReason.ShouldBe("Rendering took longer than 00:00:01.");
    }

    [Fact]
    public async Task A_page_of_a_pdf_renders_apart_from_its_thumbnail_and_records_the_page_count()
    {
        await using var infra = await InfrastructureHost.StartAsync(DatabaseProvider.Sqlite);
        var (renditions, hash) = await WriteAsync(infra, "contract.pdf", TestDocuments.Pdf(3));

        var claimed = await renditions.ClaimAsync(hash, "application/pdf", 2, [RenditionSize.Preview], Ct);
        await renditions.RenderAsync(hash, "application/pdf", 2, [.. claimed], Ct);
        var beyond = await renditions.ClaimAsync(hash, "application/pdf", 4, [RenditionSize.Preview], Ct);
        await renditions.RenderAsync(hash, "application/pdf", 4, [.. beyond], Ct);

        claimed.ShouldBe([RenditionSize.Preview]);
        (await renditions.FindAsync(hash, RenditionSize.Preview, Ct)).ShouldBeNull();
        var page = (await renditions.FindAsync(hash, 2, RenditionSize.Preview, Ct)).ShouldNotBeNull();
        (page.Status, page.PageCount, page.Height).ShouldBe((RenditionStatus.Ready, 3, 1024));
        var missing = (await renditions.FindAsync(hash, 4, RenditionSize.Preview, Ct)).ShouldNotBeNull();
        (missing.Status, missing.FailureReason).ShouldBe((RenditionStatus.Failed, "The document has 3 pages; there is no page 4."));
        (await renditions.PageCountAsync(hash, Ct)).ShouldBe(3);
    }

    [Fact]
    public async Task Pages_past_the_first_are_claimed_only_for_paged_types()
    {
        await using var infra = await InfrastructureHost.StartAsync(DatabaseProvider.Sqlite);
        var (renditions, hash) = await WriteAsync(infra, "photo.jpg", TestImages.Photo(".jpg"));

        (await renditions.ClaimAsync(hash, "image/jpeg", 2, RenditionSize.Standard, Ct)).ShouldBeEmpty();
        renditions.HasPages("image/jpeg").ShouldBeFalse();
        renditions.HasPages("application/pdf").ShouldBeTrue();
        (await renditions.PageCountAsync(hash, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task A_type_without_a_renderer_claims_nothing()
    {
        await using var infra = await InfrastructureHost.StartAsync(DatabaseProvider.Sqlite);
        var (renditions, hash) = await WriteAsync(infra, "drawing.svg", "<svg xmlns='http://www.w3.org/2000/svg'/>"u8.ToArray());

        (await renditions.ClaimAsync(hash, "image/svg+xml", RenditionSize.Standard, Ct)).ShouldBeEmpty();
        (await RowsAsync(infra, hash)).ShouldBeEmpty();
    }

    private static async Task<(RenditionService Renditions, string Hash)> WriteAsync(InfrastructureHost infra, string name, byte[] content)
    {
        var admin = await infra.CreateUserAsync("admin", admin: true);
        var written = await infra.Files.WriteAsync(admin, NodePath.Parse($"/Shared/{name}"), new MemoryStream(content), WriteConditions.None, Ct);
        return (infra.Services.GetRequiredService<RenditionService>(), written.Value.ShouldNotBeNull().ContentHash!);
    }

    private static async Task<List<Rendition>> RowsAsync(InfrastructureHost infra, string hash)
    {
        await using StrataDbContext db = await infra.CreateDbContextAsync();
        return await db.Renditions.AsNoTracking().Where(r => r.SourceHash == hash).OrderBy(r => r.Size).ToListAsync(Ct);
    }

    private sealed class StuckRenderer : IRenderer
    {
        public bool Accepts(string contentType) => true;

        public async Task<RenderResult> RenderAsync(RenderSource source, IReadOnlyList<int> sizes, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            return RenderResult.Refused("never");
        }
    }

    private sealed class ThrowingRenderer : IRenderer
    {
        public bool Accepts(string contentType) => true;

        public Task<RenderResult> RenderAsync(RenderSource source, IReadOnlyList<int> sizes, CancellationToken cancellationToken) =>
            throw new IOException("disk went away");
    }
}
