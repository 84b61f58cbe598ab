namespace Strata.Infrastructure.Previews;

/// <summary>
/// A temporary folder of one render's own (readable by this user only), where a native tool reads its copy of the
/// source and writes its output; deleted with everything in it when disposed, also after a timeout or a crash of the tool.
/// </summary>
internal sealed class ScratchFolder : IDisposable
{
    private const string Prefix = "strata-render-";

    private ScratchFolder(string path) => Path = path;

    public string Path { get; }

    /// <summary>A new folder under <paramref name="parent"/>, or under the system's temporary folder when null.</summary>
    public static ScratchFolder Create(string? parent)
    {
        var path = System.IO.Path.Combine(parent ?? System.IO.Path.GetTempPath(), Prefix + Guid.NewGuid().ToString("N"));
        return new(OperatingSystem.IsWindows()
            ? Directory.CreateDirectory(path).FullName
            : Directory.CreateDirectory(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute).FullName);
    }

    /// <summary>Copies the source (streamed, never whole in memory) to <paramref name="name"/> here and returns its full path.</summary>
    public async Task<string> CopyAsync(Func<Stream> open, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(open);
        var path = System.IO.Path.Combine(Path, name);
        await using var source = open();
        await using var copy = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous);
        await source.CopyToAsync(copy, cancellationToken);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A killed tool's child may still hold a file for a moment; the system's temp cleaning takes what is left.
        }
    }
}
