using Microsoft.Extensions.Options;

namespace Strata.Infrastructure.Previews;

/// <summary>
/// Word, Excel, PowerPoint and OpenDocument files: LibreOffice headless converts the file to PDF, one conversion at a
/// time (it is heavy, and its instances share state through their profile), with a profile of its own in the
/// render's scratch folder and <see cref="PreviewOptions.OfficeTimeout"/>; then <see cref="PdfRenderer"/> draws the
/// page asked for. A file LibreOffice cannot read, or one it takes too long over, is refused (docs/decisions/0016).
/// </summary>
public sealed class OfficeRenderer(PdfRenderer pdf, IOptions<PreviewOptions> options) : IRenderer, IDisposable
{
    /// <summary>
    /// The types converted, with the extension the copy gets: LibreOffice chooses its import filter by the name as
    /// well as the content.
    /// </summary>
    private static readonly Dictionary<string, string> Extensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"] = ".docx",
        ["application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"] = ".xlsx",
        ["application/vnd.openxmlformats-officedocument.presentationml.presentation"] = ".pptx",
        ["application/msword"] = ".doc",
        ["application/vnd.ms-excel"] = ".xls",
        ["application/vnd.ms-powerpoint"] = ".ppt",
        ["application/vnd.oasis.opendocument.text"] = ".odt",
        ["application/vnd.oasis.opendocument.spreadsheet"] = ".ods",
        ["application/vnd.oasis.opendocument.presentation"] = ".odp",
        ["application/rtf"] = ".rtf",
    };

    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public bool Accepts(string contentType) => Extensions.ContainsKey(contentType);

    public bool RendersPages(string contentType) => Accepts(contentType);

    /// <inheritdoc/>
    public async Task<RenderResult> RenderAsync(RenderSource source, IReadOnlyList<int> sizes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var extension = source.ContentType is { } type && Extensions.TryGetValue(type, out var known) ? known : ".bin";
        using var scratch = ScratchFolder.Create();
        var input = await scratch.CopyAsync(source.Open, "document" + extension, cancellationToken);
        var output = Path.Combine(scratch.Path, "pdf");
        Directory.CreateDirectory(output);
        var timeout = options.Value.OfficeTimeout;
        ToolRun run;
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            run = await ExternalTool.RunAsync(
                "soffice",
                [
                    "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
                    $"-env:UserInstallation={new Uri(Path.Combine(scratch.Path, "profile")).AbsoluteUri}",
                    "--convert-to", "pdf", "--outdir", output, input,
                ],
                scratch.Path,
                timeout,
                cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }

        var converted = Path.Combine(output, "document.pdf");
        if (run.TimedOut)
        {
            return RenderResult.Refused($"Converting the document to PDF took longer than {timeout}.");
        }

        if (!File.Exists(converted))
        {
            return RenderResult.Refused("LibreOffice could not read the document.");
        }

        return await pdf.RenderPageAsync(converted, source.Page, sizes, scratch.Path, cancellationToken);
    }

    public void Dispose() => _oneAtATime.Dispose();
}
