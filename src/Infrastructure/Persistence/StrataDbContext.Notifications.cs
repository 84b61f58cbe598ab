using Microsoft.EntityFrameworkCore;
using Strata.Infrastructure.Notifications;

namespace Strata.Infrastructure.Persistence;

public partial class StrataDbContext
{
    public DbSet<Notification> Notifications => Set<Notification>();

    public DbSet<NotificationSetting> NotificationSettings => Set<NotificationSetting>();

    public DbSet<JournalCursor> JournalCursors => Set<JournalCursor>();
}
