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
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(StrataDbContext).Assembly);
    }
}
