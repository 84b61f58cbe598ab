using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Domain.Journal;
using Strata.Domain.Tasks;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Sharing;

namespace Strata.Infrastructure.Tasks;

/// <summary>
/// Tasks on files and folders. Who sees an item sees its tasks; who may write it may give tasks on it; only a task's
/// creator changes or cancels it; only its assignees answer it. Every change is journalled in the same transaction.
/// </summary>
public sealed class TaskService(IDbContextFactory<StrataDbContext> dbFactory, PermissionService permissions, AssigneeAccess assignees, TimeProvider clock)
{
    public async Task<Result<TaskView>> CreateAsync(Caller caller, NewTask request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(request);
        if (!NodePath.TryParse(request.Path, out var path, out var error))
        {
            return Invalid(error);
        }

        var access = await permissions.ForAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var node = await db.Nodes.FindLive(path).AsNoTracking().FirstOrDefaultAsync(cancellationToken);
        switch (access.Evaluate(path, Operation.Write, exists: node is not null))
        {
            case AccessDecision.Allowed:
                break;
            case AccessDecision.Hidden:
                return Result<TaskView>.Fail(ResultStatus.NotFound, $"'{path}' does not exist.");
            default:
                return Result<TaskView>.Fail(ResultStatus.Forbidden, $"You may not give tasks on '{path}': that takes the right to change it.");
        }

        var now = clock.GetUtcNow();
        if ((TaskRules.CheckText(request.Title, request.Note) ?? CheckDue(request.Due, now)) is { } invalid)
        {
            return Invalid(invalid);
        }

        var assignment = await assignees.ResolveAsync(db, request.Assignees, path, cancellationToken);
        if (!assignment.Succeeded)
        {
            return assignment.As<TaskView>();
        }

        var task = new TaskItem
        {
            NodeId = node!.Id,
            Kind = request.Kind,
            Title = request.Title.Trim(),
            Note = Blank(request.Note),
            Completion = request.Completion,
            Status = TaskItemStatus.Open,
            CreatedBy = caller.UserId,
            CreatedAt = now,
        };
        SetDue(task, request.Due, now);
        Assign(task, assignment.Value);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Tasks.Add(task);
        await db.SaveChangesAsync(cancellationToken);
        db.Journal.Add(Event(JournalEventType.TaskCreated, node, task, caller.UserId, now, AllAssignees(task)));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<TaskView>.Created(await ViewAsync(db, task, node.Path, cancellationToken));
    }

    public async Task<Result<TaskView>> GetAsync(Caller caller, long id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var found = await FindVisibleAsync(db, caller, id, tracked: false, cancellationToken);
        return found is { } f ? Result<TaskView>.Ok(await ViewAsync(db, f.Task, f.Node.Path, cancellationToken)) : Missing(id);
    }

    /// <summary>
    /// Whom a task on the item may be given to, for the assignee picker: users who can see it, and groups with those of
    /// their members who cannot. 404 for an item the caller cannot see, as for its tasks.
    /// </summary>
    public async Task<Result<IReadOnlyList<AssigneeCandidate>>> AssigneeCandidatesAsync(Caller caller, NodePath path, string? term, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var access = await permissions.ForAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!access.CanSee(path) || !await db.Nodes.FindLive(path).AnyAsync(cancellationToken))
        {
            return Result<IReadOnlyList<AssigneeCandidate>>.Fail(ResultStatus.NotFound, $"'{path}' does not exist.");
        }

        return Result<IReadOnlyList<AssigneeCandidate>>.Ok(await assignees.CandidatesAsync(db, term, path, limit, cancellationToken));
    }

    /// <summary>The tasks on one item, newest first; 404 for an item the caller cannot see.</summary>
    public async Task<Result<IReadOnlyList<TaskView>>> ListOnAsync(Caller caller, NodePath path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var access = await permissions.ForAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var node = await db.Nodes.FindLive(path).AsNoTracking().Select(n => new { n.Id, n.Path }).FirstOrDefaultAsync(cancellationToken);
        if (node is null || !access.CanSee(path))
        {
            return Result<IReadOnlyList<TaskView>>.Fail(ResultStatus.NotFound, $"'{path}' does not exist.");
        }

        var tasks = await WithPeople(db.Tasks).Where(t => t.NodeId == node.Id).OrderByDescending(t => t.Id).ToListAsync(cancellationToken);
        return Result<IReadOnlyList<TaskView>>.Ok(await ViewsAsync(db, tasks.Select(t => (t, node.Path)).ToList(), cancellationToken));
    }

    /// <summary>
    /// "My tasks": the caller's assigned or created tasks on items they can still see, soonest due first (undated last).
    /// Candidates come from one indexed query; visibility is decided in memory from the cached rights, then the page loads.
    /// </summary>
    public async Task<TaskPage> ListMineAsync(Caller caller, TaskQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var access = await permissions.ForAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tasks = query.Scope == TaskScope.Created
            ? db.Tasks.Where(t => t.CreatedBy == caller.UserId)
            : db.Tasks.Where(t => db.TaskResponders.Any(r => r.TaskId == t.Id && r.UserId == caller.UserId));
        if (query.Status is { } status)
        {
            tasks = tasks.Where(t => t.Status == status);
        }

        var now = clock.GetUtcNow();
        tasks = query.Due switch
        {
            DueFilter.Overdue => tasks.Where(t => t.DueAt < now),
            DueFilter.Today => tasks.Where(t => t.DueAt >= now && t.DueAt < now.AddDays(1)),
            DueFilter.Week => tasks.Where(t => t.DueAt >= now && t.DueAt < now.AddDays(7)),
            _ => tasks,
        };
        var candidates = await tasks
            .Join(db.Nodes.Where(n => n.TrashedAt == null), t => t.NodeId, n => n.Id, (t, n) => new { t.Id, t.DueAt, n.Path })
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        var visible = candidates
            .Where(c => NodePath.TryParse(c.Path, out var path, out _) && access.CanSee(path))
            .OrderBy(c => c.DueAt is null)
            .ThenBy(c => c.DueAt)
            .ThenByDescending(c => c.Id)
            .ToList();
        var page = visible.Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToList();
        var ids = page.Select(c => c.Id).ToList();
        var loaded = (await WithPeople(db.Tasks).Where(t => ids.Contains(t.Id)).ToListAsync(cancellationToken)).ToDictionary(t => t.Id);
        var views = await ViewsAsync(db, page.Select(c => (loaded[c.Id], c.Path)).ToList(), cancellationToken);
        return new TaskPage(views, visible.Count, query.Page, query.PageSize);
    }

    /// <summary>
    /// The creator changes the title, note, kind (until someone has answered), due time or assignees, or cancels the task;
    /// only while it is open. A new due time reschedules the reminders.
    /// </summary>
    public async Task<Result<TaskView>> ChangeAsync(Caller caller, long id, TaskChange change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(change);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await FindVisibleAsync(db, caller, id, tracked: true, cancellationToken) is not { } found)
        {
            return Missing(id);
        }

        var (task, node) = found;
        if (task.CreatedBy != caller.UserId)
        {
            return Result<TaskView>.Fail(ResultStatus.Forbidden, "Only the task's creator may change it.");
        }

        if (task.Status != TaskItemStatus.Open)
        {
            return Result<TaskView>.Fail(ResultStatus.Conflict, $"The task is {task.Status}; it can no longer change.");
        }

        var now = clock.GetUtcNow();
        if ((TaskRules.CheckText(change.Title ?? task.Title, change.Note) ?? CheckDue(change.Due, now)) is { } invalid)
        {
            return Invalid(invalid);
        }

        if (change.Kind is { } kind && TaskRules.CheckKindChange(task.Kind, kind, task.Responders.Select(r => r.Outcome).ToList()) is { } fixedKind)
        {
            return Result<TaskView>.Fail(ResultStatus.Conflict, fixedKind);
        }

        var before = AllAssignees(task).ToHashSet(StringComparer.Ordinal);
        if (change.Assignees is { } names)
        {
            var assignment = await assignees.ResolveAsync(db, names, NodePath.Parse(node.Path), cancellationToken);
            if (!assignment.Succeeded)
            {
                return assignment.As<TaskView>();
            }

            Reassign(db, task, assignment.Value);
        }

        task.Title = change.Title?.Trim() ?? task.Title;
        task.Kind = change.Kind ?? task.Kind;
        task.Note = change.Note is null ? task.Note : Blank(change.Note);
        if (change.Due is not null || change.ClearDue)
        {
            SetDue(task, change.Due, now);
        }

        var extra = new Dictionary<string, string>();
        if (change.Cancel)
        {
            Finish(task, TaskItemStatus.Cancelled, now);
            extra["status"] = nameof(TaskItemStatus.Cancelled);
        }
        else if (TaskRules.StatusOf(task.Completion, task.Responders.Select(r => r.Outcome).ToList()) is not TaskItemStatus.Open and var status)
        {
            // Removing the last assignees who still owed an answer finishes the task with the answers already given.
            Finish(task, status, now);
        }

        var added = AllAssignees(task).Where(u => !before.Contains(u)).ToList();
        if (added.Count > 0)
        {
            extra["added"] = string.Join(' ', added);
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        db.Journal.Add(Event(JournalEventType.TaskChanged, node, task, caller.UserId, now, AllAssignees(task), extra));
        if (task.Status is not (TaskItemStatus.Open or TaskItemStatus.Cancelled))
        {
            db.Journal.Add(Completed(node, task, caller.UserId, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<TaskView>.Ok(await ViewAsync(db, task, node.Path, cancellationToken));
    }

    /// <summary>An assignee answers: Done for To do and Review, Approved or Rejected (with a reason) for Approval.</summary>
    public async Task<Result<TaskView>> RespondAsync(Caller caller, long id, TaskOutcome outcome, string? note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await FindVisibleAsync(db, caller, id, tracked: true, cancellationToken) is not { } found)
        {
            return Missing(id);
        }

        var (task, node) = found;
        var mine = task.Responders.FirstOrDefault(r => r.UserId == caller.UserId);
        if (mine is null)
        {
            return Result<TaskView>.Fail(ResultStatus.Forbidden, "You are not an assignee of this task.");
        }

        if (TaskRules.CheckResponse(task.Kind, outcome, note) is { } invalid)
        {
            return Invalid(invalid);
        }

        if (task.Status != TaskItemStatus.Open)
        {
            return Result<TaskView>.Fail(ResultStatus.Conflict, $"The task is {task.Status}; it takes no more answers.");
        }

        if (mine.Outcome is not null)
        {
            return Result<TaskView>.Fail(ResultStatus.Conflict, "You have already answered this task.");
        }

        var now = clock.GetUtcNow();
        mine.Outcome = outcome;
        mine.Note = Blank(note);
        mine.RespondedAt = now;
        var status = TaskRules.StatusOf(task.Completion, task.Responders.Select(r => r.Outcome).ToList());
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (status == TaskItemStatus.Open)
        {
            db.Journal.Add(Event(JournalEventType.TaskChanged, node, task, caller.UserId, now, AllAssignees(task), new() { ["responded"] = caller.UserId, ["outcome"] = outcome.ToString() }));
        }
        else
        {
            Finish(task, status, now);
            db.Journal.Add(Completed(node, task, caller.UserId, now));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Result<TaskView>.Ok(await ViewAsync(db, task, node.Path, cancellationToken));
    }

    /// <summary>
    /// Open-task counts of the children of a folder the caller can see, for the task badge of a listing: one query,
    /// grouped on the (NodeId, Status) index, filtered by the same child filter as the listing.
    /// </summary>
    public async Task<Result<IReadOnlyList<TaskCount>>> OpenCountsAsync(Caller caller, NodePath folder, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(folder);
        var access = await permissions.ForAsync(caller, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var folderId = await db.Nodes.FindLive(folder).Where(n => n.IsFolder).Select(n => (long?)n.Id).FirstOrDefaultAsync(cancellationToken);
        if (folderId is null || !access.CanSee(folder))
        {
            return Result<IReadOnlyList<TaskCount>>.Fail(ResultStatus.NotFound, $"'{folder}' does not exist.");
        }

        var counts = await db.Tasks
            .Where(t => t.Status == TaskItemStatus.Open)
            .Join(db.Nodes.Where(n => n.ParentId == folderId && n.TrashedAt == null), t => t.NodeId, n => n.Id, (t, n) => new { n.Id, n.Name, n.NameKey })
            .GroupBy(n => new { n.Id, n.Name, n.NameKey })
            .Select(g => new { g.Key.Id, g.Key.Name, g.Key.NameKey, Open = g.Count() })
            .ToListAsync(cancellationToken);
        var shown = access.ChildrenOf(folder);
        return Result<IReadOnlyList<TaskCount>>.Ok(counts.Where(c => shown.Shows(c.NameKey)).Select(c => new TaskCount(c.Id, c.Name, c.Open)).ToList());
    }

    internal static JournalEvent Event(JournalEventType type, Node node, TaskItem task, string? actor, DateTimeOffset at, IEnumerable<string> users, Dictionary<string, string>? extra = null)
    {
        var details = new Dictionary<string, string>
        {
            ["taskId"] = task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["kind"] = task.Kind.ToString(),
            ["assignees"] = string.Join(' ', users),
            ["creator"] = task.CreatedBy,
        };
        foreach (var (key, value) in extra ?? [])
        {
            details[key] = value;
        }

        var change = JournalEvent.About(type, node, actor, at);
        change.Details = JsonSerializer.Serialize(details);
        return change;
    }

    private static JournalEvent Completed(Node node, TaskItem task, string actor, DateTimeOffset at) =>
        Event(JournalEventType.TaskCompleted, node, task, actor, at, AllAssignees(task), new() { ["outcome"] = task.Status.ToString() });

    private static IEnumerable<string> AllAssignees(TaskItem task) => task.Responders.Select(r => r.UserId);

    private static void Finish(TaskItem task, TaskItemStatus status, DateTimeOffset now)
    {
        task.Status = status;
        task.CompletedAt = now;
        task.NextReminderAt = null;
    }

    private static void SetDue(TaskItem task, TaskDue? due, DateTimeOffset now)
    {
        task.DueLocal = due?.Local;
        task.DueTimeZone = due?.TimeZone;
        task.DueAt = due?.Utc;
        task.NextReminderAt = due is null ? null : ReminderSchedule.Next(due, now)?.At;
    }

    private static void Assign(TaskItem task, Assignment assignment)
    {
        task.Assignees = assignment.Principals.Select(p => new TaskAssignee { PrincipalKind = p.Kind, PrincipalId = p.Id }).ToList();
        task.Responders = assignment.UserIds.Select(u => new TaskResponder { UserId = u }).ToList();
    }

    /// <summary>New assignees owe an answer; those who stay keep theirs; those removed are dropped with theirs.</summary>
    private static void Reassign(StrataDbContext db, TaskItem task, Assignment assignment)
    {
        var principals = assignment.Principals.ToHashSet();
        db.TaskAssignees.RemoveRange(task.Assignees.Where(a => !principals.Contains(new Principal(a.PrincipalKind, a.PrincipalId))));
        var kept = task.Assignees.Select(a => new Principal(a.PrincipalKind, a.PrincipalId)).ToHashSet();
        task.Assignees.AddRange(principals.Where(p => !kept.Contains(p)).Select(p => new TaskAssignee { PrincipalKind = p.Kind, PrincipalId = p.Id }));
        var users = assignment.UserIds.ToHashSet(StringComparer.Ordinal);
        var removed = task.Responders.Where(r => !users.Contains(r.UserId)).ToList();
        db.TaskResponders.RemoveRange(removed);
        task.Responders.RemoveAll(removed.Contains);
        var owing = task.Responders.Select(r => r.UserId).ToHashSet(StringComparer.Ordinal);
        task.Responders.AddRange(users.Where(u => !owing.Contains(u)).Select(u => new TaskResponder { UserId = u }));
    }

    private static string? CheckDue(TaskDue? due, DateTimeOffset now) =>
        due is not null && due.Utc <= now ? "The due time has already passed; give one in the future." : null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static Result<TaskView> Invalid(string detail) => Result<TaskView>.Fail(ResultStatus.Invalid, detail);

    private static Result<TaskView> Missing(long id) => Result<TaskView>.Fail(ResultStatus.NotFound, $"There is no task {id}.");

    private static IQueryable<TaskItem> WithPeople(IQueryable<TaskItem> tasks) =>
        tasks.AsNoTracking().Include(t => t.Assignees).Include(t => t.Responders).AsSplitQuery();

    /// <summary>The task and its live item, when the caller can see the item; otherwise null, as for a task that does not exist.</summary>
    private async Task<(TaskItem Task, Node Node)?> FindVisibleAsync(StrataDbContext db, Caller caller, long id, bool tracked, CancellationToken cancellationToken)
    {
        var access = await permissions.ForAsync(caller, cancellationToken);
        var tasks = db.Tasks.Include(t => t.Assignees).Include(t => t.Responders).AsSplitQuery();
        var task = await (tracked ? tasks : tasks.AsNoTracking()).FirstOrDefaultAsync(t => t.Id == id, cancellationToken);
        if (task is null)
        {
            return null;
        }

        var node = await db.Nodes.AsNoTracking().FirstOrDefaultAsync(n => n.Id == task.NodeId && n.TrashedAt == null, cancellationToken);
        return node is not null && access.CanSee(NodePath.Parse(node.Path)) ? (task, node) : null;
    }

    private static async Task<TaskView> ViewAsync(StrataDbContext db, TaskItem task, string path, CancellationToken cancellationToken) =>
        (await ViewsAsync(db, [(task, path)], cancellationToken))[0];

    /// <summary>Views of tasks with people's names: two queries whatever the number of tasks.</summary>
    private static async Task<IReadOnlyList<TaskView>> ViewsAsync(StrataDbContext db, IReadOnlyList<(TaskItem Task, string Path)> tasks, CancellationToken cancellationToken)
    {
        var userIds = tasks.SelectMany(t => t.Task.Responders.Select(r => r.UserId)
                .Concat(t.Task.Assignees.Where(a => a.PrincipalKind == PrincipalKind.User).Select(a => a.PrincipalId))
                .Append(t.Task.CreatedBy))
            .Distinct().ToList();
        var groupIds = tasks.SelectMany(t => t.Task.Assignees.Where(a => a.PrincipalKind == PrincipalKind.Group))
            .Select(a => long.Parse(a.PrincipalId, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
        var users = await db.Users.Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.UserName }).ToDictionaryAsync(u => u.Id, u => u.UserName ?? u.Id, cancellationToken);
        var groups = groupIds.Count == 0
            ? []
            : await db.Groups.Where(g => groupIds.Contains(g.Id)).ToDictionaryAsync(g => Principal.Group(g.Id).Id, g => g.Name, cancellationToken);
        string UserName(string id) => users.GetValueOrDefault(id, id);
        return tasks.Select(t => new TaskView(
                t.Task.Id,
                t.Task.NodeId,
                t.Path,
                t.Task.Kind,
                t.Task.Title,
                t.Task.Note,
                t.Task.Completion,
                t.Task.Status,
                t.Task.Due is { } due ? new TaskDueView(due.Local, due.TimeZone, due.Utc) : null,
                UserName(t.Task.CreatedBy),
                t.Task.CreatedAt,
                t.Task.CompletedAt,
                t.Task.Assignees
                    .Select(a => new PrincipalName(a.PrincipalKind, a.PrincipalKind == PrincipalKind.User ? UserName(a.PrincipalId) : groups.GetValueOrDefault(a.PrincipalId, a.PrincipalId)))
                    .OrderBy(a => a.Kind).ThenBy(a => a.Name, StringComparer.Ordinal).ToList(),
                t.Task.Responders
                    .Select(r => new TaskResponseView(UserName(r.UserId), r.Outcome, r.Note, r.RespondedAt))
                    .OrderBy(r => r.User, StringComparer.Ordinal).ToList()))
            .ToList();
    }
}
