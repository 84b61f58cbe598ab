using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Strata.Domain.Notifications;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Notifications;

/// <summary>A notification as its user sees it in the app; <see cref="Kind"/> is the kind's camelCase name (mention, taskDue, …).</summary>
public sealed record NotificationView(
    long Id,
    string Kind,
    string Text,
    string Path,
    bool IsFolder,
    string? Actor,
    string? Excerpt,
    DateTimeOffset At,
    bool Read,
    string Link);

/// <summary>A page of notifications, newest first, with the user's unread count; <see cref="Before"/> fetches the next page.</summary>
public sealed record NotificationPage(IReadOnlyList<NotificationView> Items, int Unread, long? Before);

/// <summary>A user's own notifications and preferences: every method acts only on the given user's rows.</summary>
public sealed class NotificationService(IDbContextFactory<StrataDbContext> dbFactory, TimeProvider clock)
{
    public const int MaxPageSize = 100;

    public async Task<NotificationPage> ListAsync(string userId, long? before, int limit, CancellationToken cancellationToken)
    {
        limit = Math.Clamp(limit, 1, MaxPageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var mine = db.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.InApp);
        var rows = await mine
            .Where(n => before == null || n.Id < before)
            .OrderByDescending(n => n.Id)
            .Take(limit + 1)
            .Select(n => new
            {
                n.Id,
                n.Kind,
                n.Path,
                n.IsFolder,
                Actor = db.Users.Where(u => u.Id == n.ActorId).Select(u => u.DisplayName ?? u.UserName).FirstOrDefault(),
                n.Excerpt,
                n.At,
                Read = n.ReadAt != null,
            })
            .ToListAsync(cancellationToken);
        var unread = await mine.CountAsync(n => n.ReadAt == null, cancellationToken);
        var items = rows.Take(limit)
            .Select(n => new NotificationView(
                n.Id, JsonNamingPolicy.CamelCase.ConvertName(n.Kind.ToString()), NotificationText.Sentence(n.Kind, n.Actor, NotificationEmail.ItemName(n.Path)), n.Path, n.IsFolder, n.Actor, n.Excerpt, n.At, n.Read,
                "/" + NotificationEmail.ItemLink(n.Path, n.IsFolder)))
            .ToList();
        return new NotificationPage(items, unread, rows.Count > limit ? items[^1].Id : null);
    }

    public async Task<int> UnreadCountAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Notifications.CountAsync(n => n.UserId == userId && n.InApp && n.ReadAt == null, cancellationToken);
    }

    /// <summary>Marks one of the user's notifications read; false when the user has no such notification.</summary>
    public async Task<bool> MarkReadAsync(string userId, long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var mine = db.Notifications.Where(n => n.Id == id && n.UserId == userId && n.InApp);
        if (!await mine.AnyAsync(cancellationToken))
        {
            return false;
        }

        await mine.Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        return true;
    }

    /// <summary>Marks all the user's notifications read; returns how many were unread.</summary>
    public async Task<int> MarkAllReadAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow();
        return await db.Notifications.Where(n => n.UserId == userId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }

    public async Task<NotificationPreferences> GetPreferencesAsync(string userId, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.NotificationSettings.AsNoTracking().FirstOrDefaultAsync(s => s.UserId == userId, cancellationToken);
        return row?.ToPreferences() ?? NotificationPreferences.Default;
    }

    public async Task<Result<NotificationPreferences>> SetPreferencesAsync(string userId, NotificationPreferences preferences, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(preferences);
        if (preferences.Validate() is { } error)
        {
            return Result<NotificationPreferences>.Fail(ResultStatus.Invalid, error);
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var row = await db.NotificationSettings.FirstOrDefaultAsync(s => s.UserId == userId, cancellationToken);
        if (row is null)
        {
            row = new NotificationSetting { UserId = userId, InApp = "", Email = "", TimeZone = preferences.TimeZone };
            db.NotificationSettings.Add(row);
        }

        row.Set(preferences);
        await db.SaveChangesAsync(cancellationToken);
        return Result<NotificationPreferences>.Ok(row.ToPreferences());
    }
}
