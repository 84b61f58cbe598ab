using Microsoft.EntityFrameworkCore;
using Strata.Infrastructure.Uploads;

namespace Strata.Infrastructure.Persistence;

public partial class StrataDbContext
{
    public DbSet<PendingUpload> Uploads => Set<PendingUpload>();
}
