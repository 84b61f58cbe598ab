namespace Strata.Domain.Tasks;

/// <summary>One reminder of a task: when and which.</summary>
public readonly record struct Reminder(DateTimeOffset At, ReminderKind Kind);

/// <summary>
/// When a task reminds its assignees: a day before the due time, at the due time, and daily while overdue for up to
/// <see cref="OverdueDays"/> days. "A day" is a day of the due date's own zone, so across a daylight-saving change the
/// reminders keep the wall-clock time and are 23 or 25 hours apart.
/// </summary>
public static class ReminderSchedule
{
    public const int OverdueDays = 14;

    /// <summary>Every reminder of a task due at <paramref name="due"/>, in order.</summary>
    public static IEnumerable<Reminder> All(TaskDue due)
    {
        ArgumentNullException.ThrowIfNull(due);
        if (!TaskDue.TryFindZone(due.TimeZone, out var zone))
        {
            yield break;
        }

        yield return new Reminder(TaskDue.ToUtc(due.Local.AddDays(-1), zone), ReminderKind.Before);
        yield return new Reminder(due.Utc, ReminderKind.Due);
        for (var day = 1; day <= OverdueDays; day++)
        {
            yield return new Reminder(TaskDue.ToUtc(due.Local.AddDays(day), zone), ReminderKind.Overdue);
        }
    }

    /// <summary>The first reminder after <paramref name="after"/>, or null when none is left.</summary>
    public static Reminder? Next(TaskDue due, DateTimeOffset after) =>
        All(due).Where(r => r.At > after).Select(r => (Reminder?)r).FirstOrDefault();

    /// <summary>
    /// The reminder that is due at <paramref name="now"/>: the latest one not after it. Reminders missed while no job ran
    /// are not sent late one by one; only the latest counts.
    /// </summary>
    public static Reminder? Latest(TaskDue due, DateTimeOffset now) =>
        All(due).Where(r => r.At <= now).Select(r => (Reminder?)r).LastOrDefault();
}
