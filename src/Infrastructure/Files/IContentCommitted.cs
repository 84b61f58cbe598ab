using Strata.Domain.Access;
using Strata.Domain.Files;

namespace Strata.Infrastructure.Files;

/// <summary>
/// Told after a new version's transaction commits, from every front door (browser, API, tus, WebDAV, upload links):
/// the seam through which features above Files (previews) react to new content without Files knowing them.
/// </summary>
public interface IContentCommitted
{
    /// <summary>
    /// <paramref name="file"/> now holds new content. The write has succeeded whatever happens here, so implementations
    /// handle their own failures rather than throw.
    /// </summary>
    Task OnCommittedAsync(Caller caller, NodeInfo file, CancellationToken cancellationToken);
}
