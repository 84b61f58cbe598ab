using Microsoft.EntityFrameworkCore;
using Strata.Domain.Files;
using Strata.Infrastructure.Files;

namespace Strata.Infrastructure.Persistence;

public partial class StrataDbContext
{
    public DbSet<Node> Nodes => Set<Node>();

    public DbSet<FileVersion> FileVersions => Set<FileVersion>();

    public DbSet<BlobRecord> Blobs => Set<BlobRecord>();
}
