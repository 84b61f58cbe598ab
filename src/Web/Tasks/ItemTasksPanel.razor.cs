using Microsoft.AspNetCore.Components;
using MudBlazor;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Tasks;
using Strata.Infrastructure.Tasks;
using Strata.Web.Files;

namespace Strata.Web.Tasks;

/// <summary>
/// The tasks on one item: listed newest first, answered by their assignees, changed or cancelled by their creator, and
/// given by whoever may change the item. The service decides every right; the panel shows its refusals as they are.
/// </summary>
public sealed partial class ItemTasksPanel
{
    private IReadOnlyList<TaskView>? _tasks;
    private long? _loadedFor;
    private long? _editing;
    private string? _problem;

    [Inject]
    private TaskService Tasks { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Parameter, EditorRequired]
    public NodeInfo Item { get; set; } = default!;

    [Parameter, EditorRequired]
    public Caller Caller { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedFor == Item.Id)
        {
            return;
        }

        (_loadedFor, _editing, _problem) = (Item.Id, null, null);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var listed = await Tasks.ListOnAsync(Caller, NodePath.Parse(Item.Path), CancellationToken.None);
        _tasks = listed.Succeeded ? listed.Value : [];
        _problem = listed.Succeeded ? null : listed.Detail;
    }

    private async Task SavedAsync(TaskView task)
    {
        _editing = null;
        await LoadAsync();
    }

    private Task AnsweredAsync(TaskView task) => LoadAsync();

    /// <summary>The service lets only the creator change an open task; offering the buttons to others would only earn refusals.</summary>
    private bool CanChange(TaskView task) => task.Status == TaskItemStatus.Open && task.CreatedBy == Caller.UserName;

    private bool Owes(TaskView task) =>
        task.Status == TaskItemStatus.Open && task.Responses.Any(r => r.User == Caller.UserName && r.Outcome is null);

    private static string Answer(TaskResponseView response) =>
        response.Note is { } why ? $"{response.User}: {response.Outcome} \u2014 {why}" : $"{response.User}: {response.Outcome}";

    private async Task CancelAsync(TaskView task)
    {
        var sure = await Dialogs.ShowMessageBoxAsync(
            "Cancel task", $"Cancel \u201c{task.Title}\u201d? Its assignees will no longer be asked to answer it.", yesText: "Cancel task", cancelText: "Keep it");
        if (sure != true)
        {
            return;
        }

        var cancelled = await Tasks.ChangeAsync(Caller, task.Id, new TaskChange(Cancel: true), CancellationToken.None);
        if (Snackbar.Report(cancelled, $"Task \u201c{task.Title}\u201d cancelled."))
        {
            await LoadAsync();
        }
    }
}
