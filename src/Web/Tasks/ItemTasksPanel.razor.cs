using System.Globalization;
using Microsoft.AspNetCore.Components;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Tasks;
using Strata.Infrastructure.Sharing;
using Strata.Infrastructure.Tasks;
using Strata.Web.Components.Layout;

namespace Strata.Web.Tasks;

/// <summary>
/// The tasks on one item: listed newest first, answered by their assignees, and given by whoever may change the item.
/// The service decides every right; the panel shows its refusals as they are.
/// </summary>
public sealed partial class ItemTasksPanel
{
    private IReadOnlyList<TaskView>? _tasks;
    private long? _loadedFor;
    private string? _problem;
    private bool _busy;
    private TaskKind _kind = TaskKind.ToDo;
    private string? _title;
    private string? _assignees;
    private string? _due;
    private string? _timeZone;
    private string? _note;
    private string? _reason;

    [Inject]
    private TaskService Tasks { get; set; } = default!;

    [CascadingParameter]
    private ViewerTime? Viewer { get; set; }

    [Parameter, EditorRequired]
    public NodeInfo Item { get; set; } = default!;

    [Parameter, EditorRequired]
    public Caller Caller { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        // Due times are kept with an IANA zone; the browser's one is the sensible default, UTC when it is not known.
        _timeZone ??= (Viewer ?? ViewerTime.Server).Zone.Id is var zone && TaskDue.TryFindZone(zone, out _) ? zone : "UTC";
        if (_loadedFor == Item.Id)
        {
            return;
        }

        _loadedFor = Item.Id;
        _problem = null;
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        var listed = await Tasks.ListOnAsync(Caller, NodePath.Parse(Item.Path), CancellationToken.None);
        _tasks = listed.Succeeded ? listed.Value : [];
        _problem = listed.Succeeded ? _problem : listed.Detail;
    }

    private async Task CreateAsync()
    {
        if (string.IsNullOrWhiteSpace(_title))
        {
            _problem = "Give the task a title.";
            return;
        }

        TaskDue? due = null;
        if (!string.IsNullOrWhiteSpace(_due))
        {
            if (!DateTime.TryParse(_due, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
            {
                _problem = $"'{_due}' is not a date and time.";
                return;
            }

            if (!TaskDue.TryCreate(local, _timeZone, out due, out var error))
            {
                _problem = error;
                return;
            }
        }

        var assignees = (_assignees ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(name => new PrincipalName(PrincipalKind.User, name))
            .ToList();
        _busy = true;
        var created = await Tasks.CreateAsync(Caller, new NewTask(Item.Path, _kind, _title, _note, assignees, TaskCompletion.Any, due), CancellationToken.None);
        _busy = false;
        if (!created.Succeeded)
        {
            _problem = created.Detail ?? "The task was refused.";
            return;
        }

        (_problem, _title, _assignees, _due, _note) = (null, null, null, null, null);
        await LoadAsync();
    }

    private bool Owes(TaskView task) =>
        task.Status == TaskItemStatus.Open && task.Responses.Any(r => r.User == Caller.UserName && r.Outcome is null);

    private async Task RespondAsync(TaskView task, TaskOutcome outcome)
    {
        var answered = await Tasks.RespondAsync(Caller, task.Id, outcome, _reason, CancellationToken.None);
        _problem = answered.Succeeded ? null : answered.Detail ?? "The answer was refused.";
        if (answered.Succeeded)
        {
            _reason = null;
            await LoadAsync();
        }
    }

    private static string KindName(TaskKind kind) => kind switch
    {
        TaskKind.ToDo => "To do",
        _ => kind.ToString(),
    };
}
