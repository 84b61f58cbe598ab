namespace Strata.Domain.Tasks;

/// <summary>What a task asks of its assignees; stored and journalled by name.</summary>
public enum TaskKind
{
    /// <summary>Do something; answered with Done.</summary>
    ToDo,

    /// <summary>Look at the item; answered with Done and an optional note.</summary>
    Review,

    /// <summary>Approve or reject the item; a rejection needs a reason.</summary>
    Approval,
}

/// <summary>When a task with several assignees (or a group) is finished.</summary>
public enum TaskCompletion
{
    /// <summary>The first response decides.</summary>
    Any,

    /// <summary>
    /// Every assignee must respond. A group counts as its members at the time it was assigned (or the assignees last
    /// changed): someone who joins later owes nothing, someone who leaves still does until the creator edits the task.
    /// </summary>
    All,
}

/// <summary>Where a task stands; everything but Open is final.</summary>
public enum TaskItemStatus
{
    Open,
    Done,
    Approved,
    Rejected,
    Cancelled,
}

/// <summary>One assignee's answer to a task.</summary>
public enum TaskOutcome
{
    Done,
    Approved,
    Rejected,
}

/// <summary>Which reminder of a task's schedule is due: journalled as <c>before</c>, <c>due</c> or <c>overdue</c>.</summary>
public enum ReminderKind
{
    Before,
    Due,
    Overdue,
}
