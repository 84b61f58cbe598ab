using System.Globalization;
using Microsoft.Extensions.Options;
using NetVips;
using Strata.Domain.Previews;

namespace Strata.Infrastructure.Previews;

/// <summary>
/// PDF pages with poppler: <c>pdfinfo</c> counts the pages, <c>pdftoppm</c> draws the one asked for as PNG in a
/// scratch folder of the render's own, and <see cref="WebpSizes"/> makes the sizes from it. Each tool runs through
/// <see cref="ExternalTool"/> with <see cref="PreviewOptions.DocumentTimeout"/>; a PDF that is broken, loops or draws
/// for ever is refused with the reason (docs/decisions/0016).
/// </summary>
public sealed class PdfRenderer(IOptions<PreviewOptions> options) : IRenderer
{
    public const string ContentType = "application/pdf";

    public bool Accepts(string contentType) => string.Equals(contentType, ContentType, StringComparison.OrdinalIgnoreCase);

    public bool RendersPages(string contentType) => Accepts(contentType);

    /// <inheritdoc/>
    public async Task<RenderResult> RenderAsync(RenderSource source, IReadOnlyList<int> sizes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        using var scratch = ScratchFolder.Create(options.Value.ScratchPath);
        var pdf = source.LocalPath ?? await scratch.CopyAsync(source.Open, "source.pdf", cancellationToken);
        return await RenderPageAsync(pdf, source.Page, sizes, scratch.Path, cancellationToken);
    }

    /// <summary>
    /// Renders <paramref name="page"/> of the PDF at <paramref name="pdf"/> (on a local disk) in each of
    /// <paramref name="sizes"/>, writing only in <paramref name="scratch"/>; the result carries the page count once known.
    /// </summary>
    internal async Task<RenderResult> RenderPageAsync(string pdf, int page, IReadOnlyList<int> sizes, string scratch, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(page, 1);
        ArgumentOutOfRangeException.ThrowIfZero(sizes.Count);

        // Absolute, so that no name can start with '-' and be read as an option.
        pdf = Path.GetFullPath(pdf);
        var timeout = options.Value.DocumentTimeout;
        var info = await ExternalTool.RunAsync("pdfinfo", [pdf], scratch, timeout, cancellationToken);
        if (info.TimedOut)
        {
            return RenderResult.Refused($"Reading the PDF took longer than {timeout}.");
        }

        if (!info.Succeeded || PageCountOf(info.Output) is not { } count)
        {
            return RenderResult.Refused($"Not a readable PDF: {Reason(info.Error, pdf)}");
        }

        if (page > count)
        {
            return RenderResult.Refused(string.Create(CultureInfo.InvariantCulture, $"The document has {count} pages; there is no page {page}.")) with { PageCount = count };
        }

        var number = page.ToString(CultureInfo.InvariantCulture);

        // Large enough for the largest fitted size, and for square crops of a page's shorter side.
        var longest = sizes.Max(size => RenditionSize.IsSquare(size) ? size * 2 : size).ToString(CultureInfo.InvariantCulture);
        var output = Path.Combine(scratch, "page");
        var draw = await ExternalTool.RunAsync(
            "pdftoppm", ["-png", "-f", number, "-l", number, "-scale-to", longest, "-singlefile", pdf, output], scratch, timeout, cancellationToken);
        var png = output + ".png";
        if (draw.TimedOut)
        {
            return RenderResult.Refused($"Drawing page {number} took longer than {timeout}.") with { PageCount = count };
        }

        if (!draw.Succeeded || !File.Exists(png))
        {
            return RenderResult.Refused($"Page {number} could not be drawn: {Reason(draw.Error, pdf)}") with { PageCount = count };
        }

        try
        {
            return await WebpSizes.RenderAsync(() => File.OpenRead(png), sizes, cancellationToken) with { PageCount = count };
        }
        catch (VipsException e) when (!cancellationToken.IsCancellationRequested)
        {
            return RenderResult.Refused($"Page {number} could not be drawn: {WebpSizes.FirstLine(e.Message)}") with { PageCount = count };
        }
    }

    /// <summary>The <c>Pages:</c> line of <c>pdfinfo</c>'s output.</summary>
    private static int? PageCountOf(string output)
    {
        foreach (var line in output.Split('\n'))
        {
            if (line.StartsWith("Pages:", StringComparison.Ordinal)
                && int.TryParse(line.AsSpan(6).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pages))
            {
                return pages;
            }
        }

        return null;
    }

    /// <summary>
    /// The last line poppler wrote on its error output (the one that says why it stopped), without the file's local
    /// path: whoever may read the file reads this reason.
    /// </summary>
    private static string Reason(string error, string pdf)
    {
        var last = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        return last is null ? "the tool gave no reason." : last.Replace(pdf, "the file", StringComparison.Ordinal);
    }
}
