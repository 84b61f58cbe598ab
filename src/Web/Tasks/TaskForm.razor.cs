using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Tasks;
using Strata.Infrastructure.Sharing;
using Strata.Infrastructure.Tasks;
using Strata.Web.Components.Layout;

namespace Strata.Web.Tasks;

/// <summary>
/// The form that gives a task on an item (<see cref="Editing"/> null) or changes one its caller created. Assignees are
/// picked from the service's candidates, so only users who can see the item are offered and a group whose members
/// cannot all see it is shown with their names and cannot be picked. The service decides every right.
/// </summary>
public sealed partial class TaskForm
{
    private const string LocalFormat = "yyyy-MM-dd'T'HH:mm";
    private static readonly string[] LocalFormats = [LocalFormat, "yyyy-MM-dd'T'HH:mm:ss"];
    private const int CandidateLimit = 10;

    /// <summary>IANA zones (the ids with a region), for the time-zone field.</summary>
    private static readonly Lazy<IReadOnlyList<string>> Zones = new(() =>
        TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => TaskDue.TryFindZone(id, out _)).Order(StringComparer.Ordinal).ToList());

    private MudAutocomplete<AssigneeCandidate>? _picker;
    private readonly List<PrincipalName> _assignees = [];
    private TaskKind _kind = TaskKind.ToDo;
    private TaskCompletion _completion = TaskCompletion.Any;
    private bool _kindFixed;
    private string? _title;
    private string? _due;
    private string? _timeZone;
    private string? _note;
    private string? _problem;
    private bool _busy;
    private long? _shownFor;

    [Inject]
    private TaskService Tasks { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private ViewerTime? Viewer { get; set; }

    [Parameter, EditorRequired]
    public NodeInfo Item { get; set; } = default!;

    [Parameter, EditorRequired]
    public Caller Caller { get; set; } = default!;

    /// <summary>The task being changed; null to give a new one.</summary>
    [Parameter]
    public TaskView? Editing { get; set; }

    /// <summary>Raised with the task as saved.</summary>
    [Parameter]
    public EventCallback<TaskView> OnSaved { get; set; }

    /// <summary>Raised when an edit is given up.</summary>
    [Parameter]
    public EventCallback OnClose { get; set; }

    protected override void OnParametersSet()
    {
        if (Editing is { } task && _shownFor != task.Id)
        {
            _shownFor = task.Id;
            (_kind, _title, _note, _completion) = (task.Kind, task.Title, task.Note, task.Completion);
            _kindFixed = task.Responses.Any(r => r.Outcome is not null);
            _due = task.Due?.Local.ToString(LocalFormat, CultureInfo.InvariantCulture);
            _timeZone = task.Due?.TimeZone;
            _assignees.Clear();
            _assignees.AddRange(task.Assignees);
        }

        // Due times are kept with an IANA zone; the browser's one is the sensible default, UTC when it is not known.
        _timeZone ??= (Viewer ?? ViewerTime.Server).Zone.Id is var zone && TaskDue.TryFindZone(zone, out _) ? zone : "UTC";
    }

    private async Task<IEnumerable<AssigneeCandidate>> SearchAsync(string? term, CancellationToken cancellationToken)
    {
        var found = await Tasks.AssigneeCandidatesAsync(Caller, NodePath.Parse(Item.Path), term, CandidateLimit, cancellationToken);
        return (found.Value ?? []).Where(c => !_assignees.Contains(new PrincipalName(c.Kind, c.Name)));
    }

    private static Task<IEnumerable<string>> SearchZonesAsync(string? term, CancellationToken cancellationToken) =>
        Task.FromResult(Zones.Value.Where(id => string.IsNullOrWhiteSpace(term) || id.Contains(term.Trim(), StringComparison.OrdinalIgnoreCase)));

    private static string GroupNote(AssigneeCandidate group) => group switch
    {
        { Members: 0 } => "No members: nobody would get the task.",
        { Blind.Count: > 0 } => $"{string.Join(", ", group.Blind)} cannot see this item; share it with them first.",
        _ => group.Members == 1 ? "1 member" : $"{group.Members} members",
    };

    private async Task AssignAsync(AssigneeCandidate? candidate)
    {
        if (candidate is { Assignable: true } && !_assignees.Contains(new PrincipalName(candidate.Kind, candidate.Name)))
        {
            _assignees.Add(new PrincipalName(candidate.Kind, candidate.Name));
        }

        if (_picker is not null)
        {
            await _picker.ClearAsync();
        }
    }

    private void Unassign(PrincipalName assignee) => _assignees.Remove(assignee);

    private async Task SaveAsync()
    {
        if (string.IsNullOrWhiteSpace(_title))
        {
            _problem = "Give the task a title.";
            return;
        }

        if (_assignees.Count == 0)
        {
            _problem = "Add at least one user or group.";
            return;
        }

        if (!TryReadDue(out var due))
        {
            return;
        }

        _busy = true;
        var saved = Editing is { } task
            ? await Tasks.ChangeAsync(Caller, task.Id, Change(task, due), CancellationToken.None)
            : await Tasks.CreateAsync(Caller, new NewTask(Item.Path, _kind, _title, _note, [.. _assignees], _completion, due), CancellationToken.None);
        _busy = false;
        if (!saved.Succeeded)
        {
            _problem = saved.Detail ?? "The task was refused.";
            return;
        }

        Snackbar.Add(Editing is null ? $"Task \u201c{saved.Value.Title}\u201d given." : $"Task \u201c{saved.Value.Title}\u201d saved.", Severity.Success);
        _problem = null;
        if (Editing is null)
        {
            (_title, _note, _due, _kind, _completion) = (null, null, null, TaskKind.ToDo, TaskCompletion.Any);
            _assignees.Clear();
        }

        await OnSaved.InvokeAsync(saved.Value);
    }

    /// <summary>Only what differs is sent, so that an unchanged field never trips a rule (a due time that has passed, a fixed kind).</summary>
    private TaskChange Change(TaskView task, TaskDue? due)
    {
        var dueChanged = due?.Local != task.Due?.Local || due?.TimeZone != task.Due?.TimeZone;
        var assigneesChanged = !_assignees.ToHashSet().SetEquals(task.Assignees);
        return new TaskChange(
            _title == task.Title ? null : _title,
            (_note ?? string.Empty) == (task.Note ?? string.Empty) ? null : _note ?? string.Empty,
            assigneesChanged ? [.. _assignees] : null,
            dueChanged ? due : null,
            ClearDue: dueChanged && due is null,
            Kind: _kind == task.Kind ? null : _kind);
    }

    private bool TryReadDue(out TaskDue? due)
    {
        due = null;
        if (string.IsNullOrWhiteSpace(_due))
        {
            return true;
        }

        if (!DateTime.TryParseExact(_due, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            _problem = $"'{_due}' is not a date and time.";
            return false;
        }

        if (!TaskDue.TryCreate(local, _timeZone, out due, out var error))
        {
            _problem = error;
            return false;
        }

        return true;
    }
}
