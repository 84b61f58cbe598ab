using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using Strata.Domain.Notifications;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Notifications;

/// <summary>
/// Sends each user's pending email notifications as one message once they are due (<see cref="EmailSchedule"/>):
/// instant ones ten minutes after the first of a burst, digests at the user's local hour. An item is no longer pending
/// once its message is accepted by the SMTP server; a failed send is tried again on the next run.
/// </summary>
public sealed class NotificationMailer(
    IDbContextFactory<StrataDbContext> dbFactory,
    IOptions<SmtpOptions> smtp,
    IOptions<PublicUrlOptions> site,
    TimeProvider clock,
    ILogger<NotificationMailer> logger)
{
    /// <summary>Sends what is due now; returns how many messages went out.</summary>
    public async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        if (!smtp.Value.IsConfigured)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var oldestIds = await db.Notifications.AsNoTracking()
            .Where(n => n.EmailPending)
            .GroupBy(n => n.UserId)
            .Select(g => g.Min(n => n.Id))
            .ToListAsync(cancellationToken);
        var oldest = await db.Notifications.AsNoTracking()
            .Where(n => oldestIds.Contains(n.Id))
            .Select(n => new { n.UserId, n.At })
            .ToListAsync(cancellationToken);
        var preferences = await NotificationDeriver.PreferencesOfAsync(db, oldest.Select(o => o.UserId).ToList(), cancellationToken);
        var sent = 0;
        foreach (var pending in oldest)
        {
            var wants = preferences.GetValueOrDefault(pending.UserId, NotificationPreferences.Default);
            if (wants.Frequency == EmailFrequency.Off)
            {
                // Turned off since they were queued: they are not sent later either.
                await db.Notifications.Where(n => n.UserId == pending.UserId && n.EmailPending)
                    .ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailPending, false), cancellationToken);
            }
            else if (EmailSchedule.IsDue(wants, pending.At, now) && await SendToAsync(db, pending.UserId, cancellationToken))
            {
                sent++;
            }
        }

        return sent;
    }

    private async Task<bool> SendToAsync(StrataDbContext db, string userId, CancellationToken cancellationToken)
    {
        var recipient = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.Email, u.DisplayName, u.UserName }).FirstOrDefaultAsync(cancellationToken);
        var pending = db.Notifications.AsNoTracking().Where(n => n.UserId == userId && n.EmailPending);
        var last = await pending.MaxAsync(n => n.Id, cancellationToken);
        var total = await pending.CountAsync(cancellationToken);
        var items = await pending
            .OrderBy(n => n.Id)
            .Take(EmailSchedule.MaxItems)
            .Select(n => new EmailItem(
                n.Kind,
                db.Users.Where(u => u.Id == n.ActorId).Select(u => u.DisplayName ?? u.UserName).FirstOrDefault(),
                n.Path,
                n.IsFolder,
                n.Excerpt,
                n.At))
            .ToListAsync(cancellationToken);
        if (recipient?.Email is { Length: > 0 } address)
        {
            var content = NotificationEmail.Compose(items, total, site.Value.BaseOrDefault);
            try
            {
                await SendAsync(new MailboxAddress(recipient.DisplayName ?? recipient.UserName, address), content, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Sending notification email to user {UserId} failed; retrying on the next run.", userId);
                return false;
            }
        }

        await db.Notifications.Where(n => n.UserId == userId && n.EmailPending && n.Id <= last)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.EmailPending, false), cancellationToken);
        return recipient?.Email is { Length: > 0 };
    }

    private async Task SendAsync(MailboxAddress to, EmailContent content, CancellationToken cancellationToken)
    {
        var settings = smtp.Value;
        using var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(settings.From));
        message.To.Add(to);
        message.Subject = content.Subject;
        message.Body = new BodyBuilder { TextBody = content.Text, HtmlBody = content.Html }.ToMessageBody();
        using var client = new SmtpClient();
        await client.ConnectAsync(settings.Host!, settings.Port, settings.StartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, cancellationToken);
        if (!string.IsNullOrEmpty(settings.UserName))
        {
            await client.AuthenticateAsync(settings.UserName, settings.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
