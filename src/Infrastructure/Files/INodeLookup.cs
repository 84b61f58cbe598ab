using Strata.Domain.Files;

namespace Strata.Infrastructure.Files;

/// <summary>
/// The live node at a path: the lookup behind every GET, HEAD and PROPFIND Depth 0, kept apart from
/// <see cref="FileService"/> so that each database provider can answer it the fastest way it has.
/// </summary>
public interface INodeLookup
{
    /// <summary>The live (not trashed) node whose <see cref="Domain.Files.Node.PathHash"/> is <paramref name="pathHash"/>, or null.</summary>
    Task<NodeInfo?> FindLiveAsync(string pathHash, CancellationToken cancellationToken);
}
