using System.Text;
using Strata.Infrastructure.Search;
using Strata.Tests.Previews;
using Strata.Tests.Search;
using UglyToad.PdfPig;

namespace Strata.Infrastructure.Tests.Search;

public sealed class PdfTrailerTests
{
    [Fact]
    public void A_classic_trailer_declares_the_objects_of_the_file()
    {
        using var pdf = new MemoryStream(TestDocuments.Pdf(2));

        var objects = PdfTrailer.DeclaredObjectCount(pdf);

        // The catalog, the page tree, a font, then a page and its drawing per page; and the free object 0.
        objects.ShouldBe(8);
        pdf.Position.ShouldBe(0);
    }

    [Fact]
    public void A_cross_reference_stream_declares_them_too_and_the_pages_are_real()
    {
        var bytes = HostileFiles.ManyPagesPdf(fan: 10);
        using var pdf = new MemoryStream(bytes);

        var objects = PdfTrailer.DeclaredObjectCount(pdf);

        // 1 + 1 + 10 nodes + 100 pages + 10 object streams + the cross-reference stream, and object 0.
        objects.ShouldBe(124);
        using var document = PdfDocument.Open(bytes);
        document.NumberOfPages.ShouldBe(100);
    }

    [Fact]
    public void A_file_without_a_trailer_declares_nothing()
    {
        using var garbage = new MemoryStream(Encoding.ASCII.GetBytes("%PDF-1.4 not really a PDF"));

        PdfTrailer.DeclaredObjectCount(garbage).ShouldBeNull();
    }
}
