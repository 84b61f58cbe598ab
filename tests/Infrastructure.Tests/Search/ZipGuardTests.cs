using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Strata.Infrastructure.Search;
using Strata.Tests.Previews;
using Strata.Tests.Search;

namespace Strata.Infrastructure.Tests.Search;

public sealed class ZipGuardTests
{
    private const string Body = "word/document.xml";

    /// <summary>Small enough to reach with documents made in a test.</summary>
    private static readonly ZipLimits Tight = new(MaxEntries: 10, MaxEntryBytes: 64 * 1024, MaxTotalBytes: 96 * 1024, MaxRatio: 50, RatioFloorBytes: 4 * 1024);

    [Fact]
    public void Real_documents_pass_and_are_left_at_their_start()
    {
        foreach (var document in new[] { TestDocuments.Docx("Hello"), TestDocuments.Xlsx("A", "B"), TestDocuments.Pptx("Slide"), TestDocuments.Odt(["Text"]) })
        {
            using var source = new MemoryStream(document);

            ZipGuard.Check(source, ZipLimits.Documents);

            source.Position.ShouldBe(0);
        }
    }

    [Fact]
    public void Too_many_files_are_refused()
    {
        var refusal = Should.Throw<ExtractionRefusedException>(() => Check(HostileFiles.ManyEntries(TestDocuments.Docx("Hello"), 20), Tight));

        refusal.Message.ShouldBe("Not read: it holds 23 files, more than the 10 a document has (a zip bomb?).");
    }

    [Fact]
    public void A_file_that_inflates_far_more_than_xml_does_is_refused_but_a_small_one_is_not()
    {
        var small = HostileFiles.ZipBomb(TestDocuments.Docx("Hello"), Body, blanks: 3 * 1024);
        var bomb = HostileFiles.ZipBomb(TestDocuments.Docx("Hello"), Body, blanks: 60 * 1024);

        Check(small, Tight);
        var refusal = Should.Throw<ExtractionRefusedException>(() => Check(bomb, Tight));

        refusal.Message.ShouldStartWith("Not read: word/document.xml inflates ");
        refusal.Message.ShouldEndWith(" times, more than the 50 a document does (a zip bomb?).");
    }

    [Fact]
    public void A_file_or_a_whole_larger_than_the_caps_is_refused_whatever_its_ratio()
    {
        var loose = Tight with { MaxRatio = int.MaxValue };
        var large = HostileFiles.ZipBomb(TestDocuments.Docx("Hello"), Body, blanks: 2 * 1024 * 1024);
        var twoHalves = HostileFiles.ZipBomb(HostileFiles.ZipBomb(TestDocuments.Docx("Hello"), Body, 50 * 1024), "[Content_Types].xml", 50 * 1024);

        Should.Throw<ExtractionRefusedException>(() => Check(large, loose)).Message.ShouldBe(
            "Not read: word/document.xml inflates to 2 MB, more than 64 KB (a zip bomb?).");
        Should.Throw<ExtractionRefusedException>(() => Check(twoHalves, loose)).Message.ShouldBe(
            "Not read: its files inflate to more than 96 KB (a zip bomb?).");
    }

    [Fact]
    public void What_is_read_of_a_file_stops_past_the_cap_whatever_the_zip_declared()
    {
        // A stream that never ends, as an entry that lies about its size would be to a reader that believed it.
        using var endless = new CapTestStream();
        using var capped = new ReadCapStream(endless, maxBytes: 100_000, "content.xml");
        var buffer = new byte[8192];

        var read = () =>
        {
            while (capped.Read(buffer) > 0)
            {
            }
        };

        Should.Throw<ExtractionRefusedException>(read).Message.ShouldBe("Not read: content.xml inflates past 97 KB (a zip bomb?).");
        endless.Served.ShouldBe(100_001);
    }

    [Fact]
    public void A_file_that_declares_less_than_it_holds_is_inflated_no_further_than_it_declares()
    {
        // The guard judges declared sizes; this is the runtime behaviour that makes that sound.
        var liar = HostileFiles.ZipBomb(TestDocuments.Docx("Hello"), Body, blanks: 1024 * 1024);
        Declare(liar, Body, 1000);
        using var zip = new ZipArchive(new MemoryStream(liar), ZipArchiveMode.Read);
        using var entry = zip.GetEntry(Body)!.Open();

        var inflated = 0L;
        var buffer = new byte[8192];
        for (var read = entry.Read(buffer); read > 0; read = entry.Read(buffer))
        {
            inflated += read;
        }

        inflated.ShouldBe(1000);
    }

    [Fact]
    public async Task A_file_read_to_its_end_within_the_cap_is_read_whole()
    {
        using var zip = new MemoryStream(TestDocuments.Odt(["Hello"]));
        await using var archive = await ZipArchive.CreateAsync(zip, ZipArchiveMode.Read, leaveOpen: false, entryNameEncoding: null, TestContext.Current.CancellationToken);
        var entry = archive.GetEntry("content.xml")!;
        await using var capped = new ReadCapStream(await entry.OpenAsync(TestContext.Current.CancellationToken), entry.Length, entry.FullName);

        await capped.CopyToAsync(Stream.Null, TestContext.Current.CancellationToken);

        capped.BytesRead.ShouldBe(entry.Length);
    }

    private static void Check(byte[] document, ZipLimits limits)
    {
        using var source = new MemoryStream(document);
        ZipGuard.Check(source, limits);
    }

    /// <summary>Rewrites the uncompressed size the zip declares for <paramref name="name"/>, in its local and central headers.</summary>
    private static void Declare(byte[] zip, string name, uint size)
    {
        var encoded = Encoding.ASCII.GetBytes(name);
        for (var i = 0; i + 46 < zip.Length; i++)
        {
            // Local header: signature PK\3\4, size at 22, name at 30; central: PK\1\2, size at 24, name at 46.
            var (sizeAt, nameAt) = (zip[i], zip[i + 1], zip[i + 2], zip[i + 3]) switch
            {
                (0x50, 0x4b, 3, 4) => (22, 30),
                (0x50, 0x4b, 1, 2) => (24, 46),
                _ => (-1, -1),
            };
            if (sizeAt > 0 && zip.AsSpan(i + nameAt).StartsWith(encoded))
            {
                BinaryPrimitives.WriteUInt32LittleEndian(zip.AsSpan(i + sizeAt), size);
            }
        }
    }

    /// <summary>Serves zeros for ever and counts them.</summary>
    private sealed class CapTestStream : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Array.Clear(buffer, offset, count);
            Served += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
