using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;
using Strata.Domain.Access;
using Strata.Domain.Tasks;
using Strata.Infrastructure.Tasks;
using Strata.Web.Files;

namespace Strata.Web.Tasks;

/// <summary>
/// The answer buttons of one task for one of its assignees, used in the details drawer and in "My tasks". The service
/// decides; the outcome (or its reason for refusing) is told in a snackbar and the answered task handed to the parent.
/// </summary>
public sealed partial class TaskAnswer
{
    private bool _rejecting;
    private bool _busy;
    private string? _reason;

    [Inject]
    private TaskService Tasks { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired]
    public TaskView Task { get; set; } = default!;

    [Parameter, EditorRequired]
    public Caller Caller { get; set; } = default!;

    /// <summary>Raised with the task as it stands after an accepted answer.</summary>
    [Parameter]
    public EventCallback<TaskView> OnAnswered { get; set; }

    private async Task ReasonKeyAsync(KeyboardEventArgs e)
    {
        if (e.Key == "Escape")
        {
            _rejecting = false;
        }
        else if (e.Key == "Enter" && !string.IsNullOrWhiteSpace(_reason))
        {
            await AnswerAsync(TaskOutcome.Rejected);
        }
    }

    private async Task AnswerAsync(TaskOutcome outcome)
    {
        _busy = true;
        var result = await Tasks.RespondAsync(Caller, Task.Id, outcome, outcome == TaskOutcome.Rejected ? _reason : null, CancellationToken.None);
        _busy = false;
        if (!Snackbar.Report(result, Told(outcome, result.Value)))
        {
            return;
        }

        (_rejecting, _reason) = (false, null);
        await OnAnswered.InvokeAsync(result.Value);
    }

    /// <summary>What the answer did: under "All" a task may stay open for the others.</summary>
    private string Told(TaskOutcome outcome, TaskView? after)
    {
        var answer = outcome switch
        {
            TaskOutcome.Approved => "You approved",
            TaskOutcome.Rejected => "You rejected",
            _ => "You marked done",
        };
        return after is { Status: TaskItemStatus.Open }
            ? $"{answer} \u201c{Task.Title}\u201d; it waits for the other assignees."
            : $"{answer} \u201c{Task.Title}\u201d.";
    }
}
