using Microsoft.EntityFrameworkCore;
using Strata.Domain.Journal;

namespace Strata.Infrastructure.Persistence;

public partial class StrataDbContext
{
    public DbSet<JournalEvent> Journal => Set<JournalEvent>();
}
