namespace Strata.Domain.Tasks;

/// <summary>Which answers fit which kind of task, and when the answers given so far finish it.</summary>
public static class TaskRules
{
    /// <summary>How many users a task may have once groups are expanded: the journal names them all in one event.</summary>
    public const int MaxAssignees = 20;

    public const int MaxTitleLength = 200;

    public const int MaxNoteLength = 2000;

    /// <summary>Null when <paramref name="outcome"/> answers a task of <paramref name="kind"/>; otherwise why not.</summary>
    public static string? CheckResponse(TaskKind kind, TaskOutcome outcome, string? note) => (kind, outcome) switch
    {
        (TaskKind.ToDo or TaskKind.Review, TaskOutcome.Done) => CheckNote(note),
        (TaskKind.ToDo or TaskKind.Review, _) => $"A {kind} task is answered with Done.",
        (TaskKind.Approval, TaskOutcome.Rejected) when string.IsNullOrWhiteSpace(note) => "Rejecting needs a reason.",
        (TaskKind.Approval, TaskOutcome.Approved or TaskOutcome.Rejected) => CheckNote(note),
        _ => "An Approval task is answered with Approved or Rejected.",
    };

    /// <summary>
    /// The status the answers given so far lead to. Under <see cref="TaskCompletion.Any"/> the first answer decides; under
    /// <see cref="TaskCompletion.All"/> one rejection rejects at once (the approval can no longer be unanimous), and
    /// otherwise the task stays open until everyone has answered.
    /// </summary>
    /// <param name="completion">The task's rule.</param>
    /// <param name="answers">One entry per assignee: their outcome, or null while they still owe one.</param>
    public static TaskItemStatus StatusOf(TaskCompletion completion, IReadOnlyCollection<TaskOutcome?> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var given = answers.Where(a => a is not null).Select(a => a!.Value).ToList();
        if (given.Count == 0)
        {
            return TaskItemStatus.Open;
        }

        if (given.Contains(TaskOutcome.Rejected))
        {
            return TaskItemStatus.Rejected;
        }

        if (completion == TaskCompletion.All && given.Count < answers.Count)
        {
            return TaskItemStatus.Open;
        }

        return given.Contains(TaskOutcome.Approved) ? TaskItemStatus.Approved : TaskItemStatus.Done;
    }

    /// <summary>
    /// Null when a task may change from <paramref name="from"/> to <paramref name="to"/>; otherwise why not. The kind
    /// decides which answers fit, so it is fixed once anyone has answered: a Done must not become an approval.
    /// </summary>
    /// <param name="from">The task's kind now.</param>
    /// <param name="to">The kind asked for.</param>
    /// <param name="answers">One entry per assignee: their outcome, or null while they still owe one.</param>
    public static string? CheckKindChange(TaskKind from, TaskKind to, IReadOnlyCollection<TaskOutcome?> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return from != to && answers.Any(a => a is not null)
            ? "The kind can no longer change: someone has already answered the task."
            : null;
    }

    public static string? CheckText(string? title, string? note)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return "A task needs a title.";
        }

        return title.Length > MaxTitleLength ? $"A title has at most {MaxTitleLength} characters." : CheckNote(note);
    }

    private static string? CheckNote(string? note) =>
        note is { Length: > MaxNoteLength } ? $"A note has at most {MaxNoteLength} characters." : null;
}
