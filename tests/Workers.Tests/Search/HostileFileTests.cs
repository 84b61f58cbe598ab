using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Previews;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Flags;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Search;
using Strata.Infrastructure.Telemetry;
using Strata.Tests.Previews;
using Strata.Tests.Search;

namespace Strata.Workers.Tests.Search;

/// <summary>
/// Files made to hurt the text extraction end as recorded failures or skips within the caps, through the job as an
/// upload queues it: never retried, never hanging, never holding what they unpack in memory. Bounds on time are
/// generous (the refusals take milliseconds; what they prevent takes seconds and gigabytes).
/// </summary>
public sealed class HostileFileTests : WorkersScenario
{
    private const long Gigabyte = 1024L * 1024 * 1024;

    public static TheoryData<string, string> ZipBombs => new()
    {
        { "/Shared/bomb.docx", "word/document.xml" },
        { "/Shared/bomb.xlsx", "xl/worksheets/sheet1.xml" },
        { "/Shared/bomb.odt", "content.xml" },
    };

    [Theory]
    [MemberData(nameof(ZipBombs))]
    public async Task A_zip_bomb_disguised_as_a_document_fails_at_once_with_the_reason(string path, string part)
    {
        var document = Path.GetExtension(path) switch
        {
            ".docx" => TestDocuments.Docx("Quarterly forecast"),
            ".xlsx" => TestDocuments.Xlsx("Quarterly forecast"),
            _ => TestDocuments.Odt(["Quarterly forecast"]),
        };
        var bomb = HostileFiles.ZipBomb(document, part, blanks: Gigabyte);

        var (text, elapsed) = await UploadAndExtractAsync(path, bomb);

        bomb.Length.ShouldBeLessThan(2 * 1024 * 1024);
        (text.Status, text.Attempts).ShouldBe((RenditionStatus.Failed, 0));
        text.FailureReason.ShouldBe($"Not read: {part} inflates to 1,024 MB, more than 256 MB (a zip bomb?).");
        elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_document_of_twenty_thousand_files_fails_at_once_with_the_reason()
    {
        var crowded = HostileFiles.ManyEntries(TestDocuments.Docx("Quarterly forecast"), 20_000);

        var (text, _) = await UploadAndExtractAsync("/Shared/crowded.docx", crowded);

        (text.Status, text.Attempts).ShouldBe((RenditionStatus.Failed, 0));
        text.FailureReason.ShouldBe("Not read: it holds 20,003 files, more than the 10,000 a document has (a zip bomb?).");
    }

    [Fact]
    public async Task A_pdf_of_a_million_empty_pages_fails_at_once_without_being_opened()
    {
        var pdf = HostileFiles.ManyPagesPdf(fan: 1000);

        var (text, elapsed) = await UploadAndExtractAsync("/Shared/pages.pdf", pdf);

        pdf.Length.ShouldBeLessThan(16 * 1024 * 1024);
        (text.Status, text.Attempts).ShouldBe((RenditionStatus.Failed, 0));
        text.FailureReason.ShouldBe("Not read: the PDF declares 1,002,004 objects, more than the 500,000 a document has.");
        elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task A_two_gigabyte_text_file_is_skipped_by_the_size_cap_without_a_byte_read()
    {
        var hash = new string('2', 64);
        var huge = new HugeStream(2 * Gigabyte);
        await Host.RunAsync(sp => sp.GetRequiredService<TextExtraction>().ClaimAsync(hash, "text/plain", Ct));

        await Host.RunAsync(async sp =>
        {
            var blobs = new BlobService(new OneHugeBlob(Host.Store, hash, huge), sp.GetRequiredService<IDbContextFactory<StrataDbContext>>(), Host.Clock, sp.GetRequiredService<StrataMetrics>());
            await ActivatorUtilities.CreateInstance<TextExtraction>(sp, blobs).ExtractAsync(hash, "text/plain", Ct);
            return true;
        });

        var text = await TextAsync(hash);
        (text.Status, text.Attempts, text.BlobHash).ShouldBe((RenditionStatus.Skipped, 0, null));
        text.FailureReason.ShouldBe("Larger than 50 MB, the most whose text is read.");
        huge.BytesRead.ShouldBe(0);
    }

    [Fact]
    public async Task An_email_with_a_huge_attachment_is_read_in_place_without_loading_the_attachment()
    {
        const int Attachment = 30 * 1024 * 1024;
        var mail = HostileFiles.EmailWithAttachment("Quarterly budget", "The figures are attached.", Attachment);

        var (text, _) = await UploadAndExtractAsync("/Shared/budget.eml", mail);

        text.Status.ShouldBe(RenditionStatus.Ready);
        var words = await Host.RunAsync(sp => sp.GetRequiredService<TextExtraction>().ReadTextAsync(text.SourceHash, Ct));
        words.ShouldNotBeNull().Split('\n').ShouldBe(["Quarterly budget", "\"Ada\" <ada@example.com>", "\"Bob\" <bob@example.com>", "The figures are attached."]);

        // The extractor's work is synchronous, so this thread's allocations are all of it: a copy of the attachment
        // would be its 40 MB of base64; parsed in place, a message costs kilobytes.
        await using var content = await Host.Store.OpenReadAsync(text.SourceHash, Ct);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var extraction = new EmailTextExtractor().ExtractAsync(content, "message/rfc822", new TextSink(2_000_000), Ct);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        extraction.IsCompletedSuccessfully.ShouldBeTrue();
        allocated.ShouldBeLessThan(Attachment / 8);
    }

    /// <summary>Uploads as any front door does and runs the text job it queues; thumbnails are off, as they are not what is tested.</summary>
    private async Task<(Rendition Text, TimeSpan Elapsed)> UploadAndExtractAsync(string path, byte[] content)
    {
        await Host.SetFlagAsync(FlagNames.Thumbnails, enabled: false);
        var file = await Host.WriteAsync(path, content, Ct);
        var clock = Stopwatch.StartNew();

        // A job that throws is retried by Hangfire: a hostile file must end it without an exception.
        (await Host.RunQueuedJobsAsync()).ShouldBe(1);

        return (await TextAsync(file.ContentHash!), clock.Elapsed);
    }

    private Task<Rendition> TextAsync(string hash) => Host.RunAsync(async sp =>
    {
        await using var db = await sp.GetRequiredService<IDbContextFactory<StrataDbContext>>().CreateDbContextAsync(Ct);
        return await db.Renditions.AsNoTracking().SingleAsync(r => r.SourceHash == hash && r.Kind == RenditionKind.Text, Ct);
    });

    /// <summary>The real store, but for one hash whose content is <paramref name="huge"/>.</summary>
    private sealed class OneHugeBlob(IBlobStore store, string hugeHash, Stream huge) : IBlobStore
    {
        public string StagingFolder => store.StagingFolder;

        public async Task<Stream> OpenReadAsync(string hash, CancellationToken cancellationToken) =>
            hash == hugeHash ? huge : await store.OpenReadAsync(hash, cancellationToken);

        public async Task<bool> ExistsAsync(string hash, CancellationToken cancellationToken) =>
            hash == hugeHash || await store.ExistsAsync(hash, cancellationToken);

        public string? LocalPathOf(string hash) => hash == hugeHash ? null : store.LocalPathOf(hash);

        public Task<StagedBlob> StageAsync(Stream content, CancellationToken cancellationToken) => store.StageAsync(content, cancellationToken);

        public Task<StagedBlob> StageFileAsync(string path, string? knownSha256, CancellationToken cancellationToken) =>
            store.StageFileAsync(path, knownSha256, cancellationToken);

        public Task DeleteAsync(string hash, CancellationToken cancellationToken) => store.DeleteAsync(hash, cancellationToken);

        public Task<int> DeleteStaleTempFilesAsync(DateTimeOffset writtenBefore, CancellationToken cancellationToken) =>
            store.DeleteStaleTempFilesAsync(writtenBefore, cancellationToken);

        public IAsyncEnumerable<(string Hash, DateTimeOffset WrittenAt)> ListAsync(CancellationToken cancellationToken) => store.ListAsync(cancellationToken);

        public Task<int> CompactAsync(CancellationToken cancellationToken) => store.CompactAsync(cancellationToken);
    }
}
/// <summary>
/// A stream that says it is <paramref name="length"/> bytes long (two gigabytes, say) and holds none: reading it gives
/// zeros and counts them, so a test knows whether anything read it.
/// </summary>
internal sealed class HugeStream(long length) : Stream
{
    public long BytesRead { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => length;

    public override long Position { get; set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = (int)Math.Min(count, Math.Max(0, length - Position));
        Array.Clear(buffer, offset, read);
        Position += read;
        BytesRead += read;
        return read;
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => Position + offset,
        _ => length + offset,
    };

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
