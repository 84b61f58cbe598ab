using System.Text;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure;
using Strata.Infrastructure.Files;

namespace Strata.Web.Files;

/// <summary>The start of a text file, read on the server (Markdown is shown through <see cref="SafeMarkdown"/>).</summary>
internal static class TextPreview
{
    /// <summary>Enough for any readable document; larger files show their beginning and a note.</summary>
    public const int MaxBytes = 1024 * 1024;

    public sealed record Loaded(string Text, bool Truncated, bool Binary);

    public static async Task<Result<Loaded>> LoadAsync(FileService files, Caller caller, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(files);
        var content = await files.GetContentAsync(caller, NodePath.Parse(path), version: null, cancellationToken);
        if (!content.Succeeded)
        {
            return content.As<Loaded>();
        }

        var (_, version) = content.Value;
        var buffer = new byte[(int)Math.Min(version.Size, MaxBytes)];
        await using (var stream = await files.Blobs.OpenReadAsync(version.ContentHash, cancellationToken))
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken);
        }

        // A NUL in the first few KiB is the classic sign of a binary file mislabelled as text.
        var binary = buffer.AsSpan(0, Math.Min(buffer.Length, 8192)).Contains((byte)0);
        var text = binary ? string.Empty : new UTF8Encoding(false, false).GetString(buffer);
        return Result<Loaded>.Ok(new Loaded(text, version.Size > MaxBytes, binary));
    }
}
