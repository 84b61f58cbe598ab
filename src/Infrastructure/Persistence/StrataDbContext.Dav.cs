using Microsoft.EntityFrameworkCore;
using Strata.Infrastructure.Dav;

namespace Strata.Infrastructure.Persistence;

public partial class StrataDbContext
{
    public DbSet<DavLock> DavLocks => Set<DavLock>();

    public DbSet<DeadProperty> DeadProperties => Set<DeadProperty>();

    public DbSet<BlobChecksum> BlobChecksums => Set<BlobChecksum>();
}
