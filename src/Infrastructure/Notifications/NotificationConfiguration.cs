using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Strata.Domain.Files;

namespace Strata.Infrastructure.Notifications;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.HasKey(n => n.Id);
        notification.Property(n => n.UserId).HasMaxLength(64).IsRequired();
        notification.Property(n => n.Kind).HasConversion<string>().HasMaxLength(32);
        notification.Property(n => n.EventType).HasMaxLength(64).IsRequired();
        notification.Property(n => n.Path).HasMaxLength(NodePath.MaxUtf8Bytes).IsRequired();
        notification.Property(n => n.ActorId).HasMaxLength(64);
        notification.Property(n => n.Excerpt).HasMaxLength(256);

        // One per user and event, whoever derives it.
        notification.HasIndex(n => new { n.UserId, n.EventSequence }).IsUnique();
        notification.HasIndex(n => new { n.UserId, n.InApp, n.ReadAt });
        notification.HasIndex(n => new { n.EmailPending, n.UserId });
    }
}

internal sealed class NotificationSettingConfiguration : IEntityTypeConfiguration<NotificationSetting>
{
    public void Configure(EntityTypeBuilder<NotificationSetting> setting)
    {
        setting.HasKey(s => s.UserId);
        setting.Property(s => s.UserId).HasMaxLength(64);
        setting.Property(s => s.InApp).HasMaxLength(256).IsRequired();
        setting.Property(s => s.Email).HasMaxLength(256).IsRequired();
        setting.Property(s => s.Frequency).HasConversion<string>().HasMaxLength(16);
        setting.Property(s => s.TimeZone).HasMaxLength(64).IsRequired();
    }
}

internal sealed class JournalCursorConfiguration : IEntityTypeConfiguration<JournalCursor>
{
    public void Configure(EntityTypeBuilder<JournalCursor> cursor)
    {
        cursor.HasKey(c => c.Name);
        cursor.Property(c => c.Name).HasMaxLength(64);

        // Two followers (two instances) cannot both advance from the same position: the second one's save fails.
        cursor.Property(c => c.Sequence).IsConcurrencyToken();
    }
}
