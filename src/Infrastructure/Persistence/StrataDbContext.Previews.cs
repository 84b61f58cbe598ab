using Microsoft.EntityFrameworkCore;
using Strata.Domain.Previews;

namespace Strata.Infrastructure.Persistence;

public partial class StrataDbContext
{
    public DbSet<Rendition> Renditions => Set<Rendition>();
}
