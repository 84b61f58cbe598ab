namespace Strata.Infrastructure.Identity;

/// <summary>
/// What another feature prepares for every new account (Files creates its private folder). Accounts call it
/// through this seam so that Identity does not depend on the features built on top of it.
/// </summary>
public interface IAccountSetup
{
    Task PrepareAsync(string userName, CancellationToken cancellationToken);
}
