using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Strata.Domain.Access;
using Strata.Domain.Tasks;
using Strata.Infrastructure.Flags;
using Strata.Infrastructure.Sharing;
using Strata.Infrastructure.Tasks;
using Strata.Web.Files;
using Strata.Web.Flags;
using Strata.Web.Identity;

namespace Strata.Web.Tasks;

/// <summary>
/// <c>/api/v1/tasks</c>: tasks on files and folders. Anyone who can see an item sees its tasks (404 otherwise, as for a
/// missing item); anyone who can write it creates them; the creator changes or cancels; the assignees answer.
/// </summary>
public static class TasksApi
{
    private const int MaxPageSize = 100;
    private const int MaxCandidates = 10;
    private static readonly string[] LocalFormats = ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss"];

    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder endpoints)
    {
        var tasks = endpoints.MapGroup("/api/v1/tasks").RequireAuthorization().RequireFeature(FlagNames.Tasks).WithTags("Tasks");
        tasks.MapGet("/", ListMineAsync).WithName("ListMyTasks")
            .WithSummary("My tasks: assigned to the caller or created by them, on items they can still see; soonest due first.");
        tasks.MapPost("/", CreateAsync).WithName("CreateTask").WithSummary("Gives a task on an item; needs the right to write it.");
        tasks.MapGet("/{id:long}", GetAsync).WithName("GetTask").WithSummary("One task, with its assignees and their answers.");
        tasks.MapPatch("/{id:long}", ChangeAsync).WithName("ChangeTask")
            .WithSummary("The creator changes the title, note, kind (until someone has answered), due time or assignees, or cancels.");
        tasks.MapPost("/{id:long}/responses", RespondAsync).WithName("RespondToTask")
            .WithSummary("An assignee answers: Done (To do, Review) or Approved / Rejected with a reason (Approval).");
        tasks.MapGet("/on/{**path}", ListOnAsync).WithName("ListItemTasks").WithSummary("The tasks on one file or folder, newest first.");
        tasks.MapGet("/assignees/{**path}", AssigneesAsync).WithName("TaskAssigneeCandidates")
            .WithSummary("Up to 10 groups and 10 users whose name contains q, for giving a task on the item: users who can see it, groups with their members who cannot.");
        tasks.MapGet("/counts/{**path}", CountsAsync).WithName("TaskCounts")
            .WithSummary("Open-task counts of a folder's children that have any, for the task badge of a listing.");
        return endpoints;
    }

    public static async Task<Results<Ok<TaskPage>, ProblemHttpResult>> ListMineAsync(
        HttpContext http, TaskService service, CancellationToken cancellationToken,
        [FromQuery] string? scope = null, [FromQuery] string? status = null, [FromQuery] string? due = null, [FromQuery] int page = 1, [FromQuery] int pageSize = 50)
    {
        if (!TryParse(scope ?? nameof(TaskScope.Assigned), out TaskScope parsedScope))
        {
            return FsProblems.BadRequest("scope is assigned or created.");
        }

        TaskItemStatus? parsedStatus = null;
        if (status is not null)
        {
            if (!TryParse(status, out TaskItemStatus s))
            {
                return FsProblems.BadRequest("status is one of Open, Done, Approved, Rejected, Cancelled.");
            }

            parsedStatus = s;
        }

        DueFilter? parsedDue = null;
        if (due is not null)
        {
            if (!TryParse(due, out DueFilter d))
            {
                return FsProblems.BadRequest("due is overdue, today (the next 24 hours) or week (the next 7 days).");
            }

            parsedDue = d;
        }

        if (page < 1 || pageSize is < 1 or > MaxPageSize)
        {
            return FsProblems.BadRequest($"page starts at 1; pageSize is 1 to {MaxPageSize}.");
        }

        return TypedResults.Ok(await service.ListMineAsync(http.User.ToCaller(), new TaskQuery(parsedScope, parsedStatus, parsedDue, page, pageSize), cancellationToken));
    }

    public static async Task<Results<Created<TaskView>, ProblemHttpResult>> CreateAsync(
        CreateTaskRequest request, HttpContext http, TaskService service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!TryParse(request.Kind, out TaskKind kind))
        {
            return FsProblems.BadRequest("kind is one of ToDo, Review, Approval.");
        }

        if (!TryParse(request.Completion ?? nameof(TaskCompletion.Any), out TaskCompletion completion))
        {
            return FsProblems.BadRequest("completion is Any or All.");
        }

        if (ParseAssignees(request.Assignees) is not { } assignees)
        {
            return FsProblems.BadRequest("Each assignee names exactly one of user or group.");
        }

        if (!TryParseDue(request.Due, request.TimeZone, out var due, out var problem))
        {
            return problem;
        }

        var result = await service.CreateAsync(
            http.User.ToCaller(), new NewTask(request.Path ?? string.Empty, kind, request.Title ?? string.Empty, request.Note, assignees, completion, due), cancellationToken);
        return result.Succeeded ? TypedResults.Created($"/api/v1/tasks/{result.Value.Id}", result.Value) : FsProblems.From(result);
    }

    public static async Task<Results<Ok<TaskView>, ProblemHttpResult>> GetAsync(long id, HttpContext http, TaskService service, CancellationToken cancellationToken)
    {
        var result = await service.GetAsync(http.User.ToCaller(), id, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : FsProblems.From(result);
    }

    public static async Task<Results<Ok<TaskView>, ProblemHttpResult>> ChangeAsync(
        long id, ChangeTaskRequest request, HttpContext http, TaskService service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var cancel = false;
        if (request.Status is not null)
        {
            if (!string.Equals(request.Status, nameof(TaskItemStatus.Cancelled), StringComparison.OrdinalIgnoreCase))
            {
                return FsProblems.BadRequest("status can only be set to Cancelled; assignees finish a task by answering it.");
            }

            cancel = true;
        }

        TaskKind? kind = null;
        if (request.Kind is not null)
        {
            if (!TryParse(request.Kind, out TaskKind parsedKind))
            {
                return FsProblems.BadRequest("kind is one of ToDo, Review, Approval.");
            }

            kind = parsedKind;
        }

        IReadOnlyList<PrincipalName>? assignees = null;
        if (request.Assignees is not null && (assignees = ParseAssignees(request.Assignees)) is null)
        {
            return FsProblems.BadRequest("Each assignee names exactly one of user or group.");
        }

        if (!TryParseDue(request.Due, request.TimeZone, out var due, out var problem))
        {
            return problem;
        }

        var change = new TaskChange(request.Title, request.Note, assignees, due, request.ClearDue ?? false, cancel, kind);
        var result = await service.ChangeAsync(http.User.ToCaller(), id, change, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : FsProblems.From(result);
    }

    public static async Task<Results<Ok<TaskView>, ProblemHttpResult>> RespondAsync(
        long id, TaskResponseRequest request, HttpContext http, TaskService service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!TryParse(request.Outcome, out TaskOutcome outcome))
        {
            return FsProblems.BadRequest("outcome is Done, Approved or Rejected.");
        }

        var result = await service.RespondAsync(http.User.ToCaller(), id, outcome, request.Note, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : FsProblems.From(result);
    }

    public static async Task<Results<Ok<IReadOnlyList<TaskView>>, ProblemHttpResult>> ListOnAsync(
        string? path, HttpContext http, TaskService service, CancellationToken cancellationToken)
    {
        if (!FsProblems.TryParsePath(path, out var item, out var problem))
        {
            return problem;
        }

        var result = await service.ListOnAsync(http.User.ToCaller(), item, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : FsProblems.From(result);
    }

    public static async Task<Results<Ok<IReadOnlyList<AssigneeCandidate>>, ProblemHttpResult>> AssigneesAsync(
        string? path, HttpContext http, TaskService service, CancellationToken cancellationToken, [FromQuery] string? q = null)
    {
        if (!FsProblems.TryParsePath(path, out var item, out var problem))
        {
            return problem;
        }

        var result = await service.AssigneeCandidatesAsync(http.User.ToCaller(), item, q, MaxCandidates, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : FsProblems.From(result);
    }

    public static async Task<Results<Ok<IReadOnlyList<TaskCount>>, ProblemHttpResult>> CountsAsync(
        string? path, HttpContext http, TaskService service, CancellationToken cancellationToken)
    {
        if (!FsProblems.TryParsePath(path, out var folder, out var problem))
        {
            return problem;
        }

        var result = await service.OpenCountsAsync(http.User.ToCaller(), folder, cancellationToken);
        return result.Succeeded ? TypedResults.Ok(result.Value) : FsProblems.From(result);
    }

    /// <summary>Enum names only, case-insensitive: numbers are refused so that a typo is not read as a kind.</summary>
    private static bool TryParse<T>(string? raw, out T value)
        where T : struct, Enum =>
        Enum.TryParse(raw, ignoreCase: true, out value) && Enum.IsDefined(value) && !int.TryParse(raw, out _);

    private static List<PrincipalName>? ParseAssignees(IReadOnlyList<AssigneeRequest>? assignees)
    {
        var parsed = new List<PrincipalName>();
        foreach (var a in assignees ?? [])
        {
            switch ((string.IsNullOrWhiteSpace(a.User), string.IsNullOrWhiteSpace(a.Group)))
            {
                case (false, true):
                    parsed.Add(new PrincipalName(PrincipalKind.User, a.User!.Trim()));
                    break;
                case (true, false):
                    parsed.Add(new PrincipalName(PrincipalKind.Group, a.Group!.Trim()));
                    break;
                default:
                    return null;
            }
        }

        return parsed;
    }

    /// <summary>A due time is a wall-clock time without offset plus the IANA zone it is in; both or neither.</summary>
    private static bool TryParseDue(string? local, string? timeZone, out TaskDue? due, out ProblemHttpResult problem)
    {
        due = null;
        problem = null!;
        if (local is null && timeZone is null)
        {
            return true;
        }

        if (local is null || !DateTime.TryParseExact(local, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var wall))
        {
            problem = FsProblems.BadRequest("due is a local date and time without offset, e.g. 2026-12-11T17:00, given with timeZone.");
            return false;
        }

        if (!TaskDue.TryCreate(wall, timeZone, out due, out var error))
        {
            problem = FsProblems.BadRequest(error);
            return false;
        }

        return true;
    }
}

/// <summary>A new task on the item at <c>path</c>.</summary>
/// <param name="Path">The file or folder, e.g. /Shared/Team/report.pdf.</param>
/// <param name="Kind">ToDo, Review or Approval.</param>
/// <param name="Title">What to do, at most 200 characters.</param>
/// <param name="Note">More detail, optional.</param>
/// <param name="Assignees">Users and groups by name; each must be able to see the item.</param>
/// <param name="Completion">Any (the first answer decides, the default) or All (everyone answers; a group's members when assigned).</param>
/// <param name="Due">Wall-clock time in <paramref name="TimeZone"/>, e.g. 2026-12-11T17:00.</param>
/// <param name="TimeZone">IANA zone of the due time (the assignee's, or one the creator chooses), e.g. Europe/Berlin.</param>
public sealed record CreateTaskRequest(
    string? Path, string? Kind, string? Title, string? Note, IReadOnlyList<AssigneeRequest>? Assignees, string? Completion = null, string? Due = null, string? TimeZone = null);

/// <summary>Exactly one of a user name or a group name.</summary>
public sealed record AssigneeRequest(string? User = null, string? Group = null);

/// <summary>
/// What to change; fields left out stay. <c>status</c> = Cancelled cancels; <c>clearDue</c> removes the due time; <c>kind</c>
/// changes only until someone has answered (409 after).
/// </summary>
public sealed record ChangeTaskRequest(
    string? Title = null, string? Note = null, IReadOnlyList<AssigneeRequest>? Assignees = null, string? Due = null, string? TimeZone = null, bool? ClearDue = null,
    string? Status = null, string? Kind = null);

/// <summary>An answer: Done, Approved or Rejected; a rejection needs a reason in <c>note</c>.</summary>
public sealed record TaskResponseRequest(string? Outcome, string? Note = null);
