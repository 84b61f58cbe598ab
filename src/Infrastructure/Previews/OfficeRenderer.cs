using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Strata.Infrastructure.Previews;

/// <summary>
/// Word, Excel, PowerPoint and OpenDocument files: LibreOffice headless converts the file to PDF, one conversion at a
/// time (it is heavy, and its instances share state through their profile), with a profile of its own in the
/// render's scratch folder and <see cref="PreviewOptions.OfficeTimeout"/>; then <see cref="PdfRenderer"/> draws the
/// page asked for. A file LibreOffice cannot read, or one it takes too long over, is refused (docs/decisions/0016).
/// The PDF is kept for a while by the content's hash, so that the pages someone pages through are converted once.
/// </summary>
public sealed class OfficeRenderer(PdfRenderer pdf, IOptions<PreviewOptions> options, TimeProvider clock) : IRenderer, IDisposable
{
    /// <summary>How long a converted PDF is kept after it was last used, and how many are kept at most.</summary>
    private static readonly TimeSpan Kept = TimeSpan.FromMinutes(10);
    private const int MaxKept = 50;

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
    private readonly Lazy<string> _converted = new(() => Directory.CreateTempSubdirectory("strata-office-pdf-").FullName);
    private int _conversions;

    /// <summary>How many times LibreOffice has converted a file (a test's way to see the kept PDFs used).</summary>
    internal int Conversions => Volatile.Read(ref _conversions);

    public bool Accepts(string contentType) => Extensions.ContainsKey(contentType);

    public bool RendersPages(string contentType) => Accepts(contentType);

    /// <inheritdoc/>
    public async Task<RenderResult> RenderAsync(RenderSource source, IReadOnlyList<int> sizes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        var extension = source.ContentType is { } type && Extensions.TryGetValue(type, out var known) ? known : ".bin";
        using var scratch = ScratchFolder.Create(options.Value.ScratchPath);
        var input = await scratch.CopyAsync(source.Open, "document" + extension, cancellationToken);
        var kept = Path.Combine(_converted.Value, await HashOfAsync(input, cancellationToken) + ".pdf");
        if (!File.Exists(kept))
        {
            await _oneAtATime.WaitAsync(cancellationToken);
            try
            {
                // Converted meanwhile by a render that held the turn.
                if (!File.Exists(kept) && await ConvertAsync(input, scratch.Path, kept, cancellationToken) is { } refusal)
                {
                    return RenderResult.Refused(refusal);
                }
            }
            finally
            {
                _oneAtATime.Release();
            }
        }

        // A copy of the render's own: the kept one may be trimmed while the page is drawn.
        var copy = Path.Combine(scratch.Path, "document.pdf");
        File.Copy(kept, copy);
        File.SetLastWriteTimeUtc(kept, clock.GetUtcNow().UtcDateTime);
        return await pdf.RenderPageAsync(copy, source.Page, sizes, scratch.Path, cancellationToken);
    }

    public void Dispose()
    {
        _oneAtATime.Dispose();
        if (_converted.IsValueCreated)
        {
            Directory.Delete(_converted.Value, recursive: true);
        }
    }

    /// <summary>Converts <paramref name="input"/> to the PDF <paramref name="kept"/>; returns why not, or null.</summary>
    private async Task<string?> ConvertAsync(string input, string scratch, string kept, CancellationToken cancellationToken)
    {
        var output = Path.Combine(scratch, "pdf");
        Directory.CreateDirectory(output);
        var timeout = options.Value.OfficeTimeout;
        var run = await ExternalTool.RunAsync(
            "soffice",
            [
                "--headless", "--norestore", "--nolockcheck", "--nodefault", "--nologo",
                $"-env:UserInstallation={new Uri(Path.Combine(scratch, "profile")).AbsoluteUri}",
                "--convert-to", "pdf", "--outdir", output, input,
            ],
            scratch,
            timeout,
            cancellationToken);
        Interlocked.Increment(ref _conversions);
        var converted = Path.Combine(output, Path.GetFileNameWithoutExtension(input) + ".pdf");
        if (run.TimedOut)
        {
            return $"Converting the document to PDF took longer than {timeout}.";
        }

        if (!File.Exists(converted))
        {
            return "LibreOffice could not read the document.";
        }

        Trim();
        File.Move(converted, kept);
        return null;
    }

    /// <summary>Forgets the PDFs unused for <see cref="Kept"/>, and the least recently used past <see cref="MaxKept"/>.</summary>
    private void Trim()
    {
        var cutoff = clock.GetUtcNow().UtcDateTime - Kept;
        var stale = new DirectoryInfo(_converted.Value).GetFiles("*.pdf")
            .OrderByDescending(f => f.LastWriteTimeUtc)
            .Where((f, i) => i >= MaxKept - 1 || f.LastWriteTimeUtc < cutoff);
        foreach (var file in stale)
        {
            file.Delete();
        }
    }

    private static async Task<string> HashOfAsync(string path, CancellationToken cancellationToken)
    {
        await using var content = File.OpenRead(path);
        return Convert.ToHexString(await SHA256.HashDataAsync(content, cancellationToken));
    }
}
