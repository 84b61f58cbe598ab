using Microsoft.Extensions.Options;
using NetVips;

namespace Strata.Infrastructure.Previews;

/// <summary>
/// HEIC and HEIF photos (what phones take): the bundled libvips reads their header but has no HEVC decoder, so after
/// the same pixel-count check as any image, libheif's <c>heif-convert</c> (Debian's, with libde265) decodes the
/// primary image, its rotation applied, to a PNG that is then thumbnailed like any other picture.
/// </summary>
public sealed class HeicRenderer(IOptions<PreviewOptions> options) : IRenderer
{
    private const string Tool = "heif-convert";

    public bool Accepts(string contentType) =>
        string.Equals(contentType, "image/heic", StringComparison.OrdinalIgnoreCase) || string.Equals(contentType, "image/heif", StringComparison.OrdinalIgnoreCase);

    public async Task<RenderResult> RenderAsync(RenderSource source, IReadOnlyList<int> sizes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        try
        {
            if (ImageRenderer.CheckHeader(source.Open, options.Value.MaxMegapixels) is { } refusal)
            {
                return RenderResult.Refused(refusal);
            }

            using var scratch = ScratchFolder.Create(options.Value.ScratchPath);
            var decoded = Path.Combine(scratch.Path, "decoded.png");
            var input = source.LocalPath ?? await scratch.CopyAsync(source.Open, "source.heic", cancellationToken);
            var run = await ExternalTool.RunAsync(Tool, [input, decoded], scratch.Path, options.Value.ToolTimeout, cancellationToken);
            if (run.TimedOut)
            {
                return RenderResult.Refused($"Decoding the photo took longer than {options.Value.ToolTimeout}.");
            }

            if (!run.Succeeded || !File.Exists(decoded))
            {
                return RenderResult.Refused($"Not a readable HEIC photo: {WebpSizes.FirstLine(run.Error.Length > 0 ? run.Error : run.Output)}");
            }

            return await WebpSizes.RenderAsync(() => File.OpenRead(decoded), sizes, cancellationToken);
        }
        catch (VipsException e) when (!cancellationToken.IsCancellationRequested)
        {
            return RenderResult.Refused($"Not a readable HEIC photo: {WebpSizes.FirstLine(e.Message)}");
        }
    }
}
