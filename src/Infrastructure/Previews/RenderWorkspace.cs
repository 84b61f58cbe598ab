namespace Strata.Infrastructure.Previews;

/// <summary>
/// A folder of one rendering's own for a native tool's input and output, deleted with everything in it when the
/// rendering ends, however it ends; nothing of one job can be read or overwritten by another.
/// </summary>
public sealed class RenderWorkspace : IAsyncDisposable
{
    private RenderWorkspace(string folder) => Folder = folder;

    public string Folder { get; }

    public static RenderWorkspace Create() => new(Directory.CreateTempSubdirectory("strata-render-").FullName);

    /// <summary>A path a tool may open: the blob's own when the store keeps it on a local disk, else a copy made here.</summary>
    public async Task<string> SourcePathAsync(RenderSource source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.LocalPath is { } local)
        {
            return local;
        }

        var copy = PathOf("source");
        await using var input = source.Open();
        await using var output = File.Create(copy);
        await input.CopyToAsync(output, cancellationToken);
        return copy;
    }

    /// <summary>A path inside the workspace; <paramref name="name"/> is ours, never a user's file name.</summary>
    public string PathOf(string name) => Path.Combine(Folder, name);

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A killed tool may still hold a file for a moment; the temp folder's own cleanup takes what is left.
        }

        return ValueTask.CompletedTask;
    }
}
