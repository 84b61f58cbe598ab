using Microsoft.EntityFrameworkCore;
using Strata.Infrastructure.Flags;

namespace Strata.Infrastructure.Persistence;

public partial class StrataDbContext
{
    public DbSet<FeatureFlag> FeatureFlags => Set<FeatureFlag>();
}
