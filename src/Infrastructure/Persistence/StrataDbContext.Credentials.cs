using Microsoft.EntityFrameworkCore;
using Strata.Infrastructure.Credentials;

namespace Strata.Infrastructure.Persistence;

public partial class StrataDbContext
{
    public DbSet<ApiCredential> ApiCredentials => Set<ApiCredential>();
}
