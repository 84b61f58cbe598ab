using Strata.Infrastructure.Identity;

namespace Strata.Infrastructure.Files;

/// <summary>Every account gets its <c>/Private/&lt;user&gt;</c> folder when it is created.</summary>
internal sealed class PrivateFolderSetup(FileService files) : IAccountSetup
{
    public Task PrepareAsync(string userName, CancellationToken cancellationToken) =>
        files.EnsurePrivateFolderAsync(userName, cancellationToken);
}
