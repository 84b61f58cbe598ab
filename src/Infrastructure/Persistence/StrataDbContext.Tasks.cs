using Microsoft.EntityFrameworkCore;
using Strata.Infrastructure.Tasks;

namespace Strata.Infrastructure.Persistence;

public partial class StrataDbContext
{
    public DbSet<TaskItem> Tasks => Set<TaskItem>();

    public DbSet<TaskAssignee> TaskAssignees => Set<TaskAssignee>();

    public DbSet<TaskResponder> TaskResponders => Set<TaskResponder>();
}
