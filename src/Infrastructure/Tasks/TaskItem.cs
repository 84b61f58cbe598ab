using Strata.Domain.Access;
using Strata.Domain.Tasks;

namespace Strata.Infrastructure.Tasks;

/// <summary>A task on a file or folder, hung off the node's id so that it follows renames and moves.</summary>
public sealed class TaskItem
{
    public long Id { get; set; }

    public long NodeId { get; set; }

    public TaskKind Kind { get; set; }

    public required string Title { get; set; }

    public string? Note { get; set; }

    public TaskCompletion Completion { get; set; }

    public TaskItemStatus Status { get; set; }

    /// <summary>The due time as set: wall clock in <see cref="DueTimeZone"/>.</summary>
    public DateTime? DueLocal { get; set; }

    /// <summary>IANA id of the zone the due time is in.</summary>
    public string? DueTimeZone { get; set; }

    /// <summary>The due time as an instant, for sorting and the "overdue", "today" and "week" filters.</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>When the reminder job next has something to say; null when nothing is left (no due date, or finished).</summary>
    public DateTimeOffset? NextReminderAt { get; set; }

    public required string CreatedBy { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public List<TaskAssignee> Assignees { get; set; } = [];

    public List<TaskResponder> Responders { get; set; } = [];

    public TaskDue? Due => DueLocal is { } local && DueTimeZone is { } zone && DueAt is { } utc ? new TaskDue(local, zone, utc) : null;
}

/// <summary>Whom the task was given to, as its creator named them: a user or a group.</summary>
public sealed class TaskAssignee
{
    public long TaskId { get; set; }

    public PrincipalKind PrincipalKind { get; set; }

    public required string PrincipalId { get; set; }
}

/// <summary>One user who owes the task an answer (groups expanded when assigned), and their answer once given.</summary>
public sealed class TaskResponder
{
    public long TaskId { get; set; }

    public required string UserId { get; set; }

    public TaskOutcome? Outcome { get; set; }

    public string? Note { get; set; }

    public DateTimeOffset? RespondedAt { get; set; }
}
