using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Strata.Infrastructure.Identity;

namespace Strata.Infrastructure.Persistence;

/// <summary>
/// The one model of Strata. Provider subclasses (<c>Providers/&lt;Provider&gt;</c>) add only provider
/// facts and own their migrations; features add their sets in partial files.
/// </summary>
public partial class StrataDbContext(DbContextOptions options) : IdentityDbContext<StrataUser>(options)
{
    /// <summary>
    /// Set for writes made durable by a later commit that depends on them: SQLite's log keeps commits in order, so
    /// the fsync that covers the later one covers these, and they need not wait for one of their own (see the SQLite
    /// provider's group commit). If no later commit comes, they must be safe to lose in a crash.
    /// </summary>
    public bool DurableWithLaterCommit { get; set; }

    // Contexts are pooled: one handed out again must not skip the wait for durability because its last user did.
    public override void Dispose()
    {
        DurableWithLaterCommit = false;
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override ValueTask DisposeAsync()
    {
        DurableWithLaterCommit = false;
        GC.SuppressFinalize(this);
        return base.DisposeAsync();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(StrataDbContext).Assembly);
    }
}
