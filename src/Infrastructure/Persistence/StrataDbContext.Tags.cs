using Microsoft.EntityFrameworkCore;
using Strata.Infrastructure.Tags;

namespace Strata.Infrastructure.Persistence;

public partial class StrataDbContext
{
    public DbSet<Tag> Tags => Set<Tag>();

    public DbSet<TagAssignment> TagAssignments => Set<TagAssignment>();

    public DbSet<Favorite> Favorites => Set<Favorite>();
}
