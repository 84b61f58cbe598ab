using System.Text.Json.Serialization;
using Strata.Domain.Access;
using Strata.Domain.Tasks;
using Strata.Infrastructure.Sharing;

namespace Strata.Infrastructure.Tasks;

/// <summary>A task as anyone who can see its item sees it.</summary>
public sealed record TaskView(
    long Id,
    long NodeId,
    string Path,
    [property: JsonConverter(typeof(JsonStringEnumConverter<TaskKind>))] TaskKind Kind,
    string Title,
    string? Note,
    [property: JsonConverter(typeof(JsonStringEnumConverter<TaskCompletion>))] TaskCompletion Completion,
    [property: JsonConverter(typeof(JsonStringEnumConverter<TaskItemStatus>))] TaskItemStatus Status,
    TaskDueView? Due,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    IReadOnlyList<PrincipalName> Assignees,
    IReadOnlyList<TaskResponseView> Responses);

/// <summary>The due time as set (wall clock and IANA zone) and as an instant.</summary>
public sealed record TaskDueView(DateTime Local, string TimeZone, DateTimeOffset Utc);

/// <summary>One user who owes the task an answer, and the answer once given.</summary>
public sealed record TaskResponseView(
    string User,
    [property: JsonConverter(typeof(JsonStringEnumConverter<TaskOutcome>))] TaskOutcome? Outcome,
    string? Note,
    DateTimeOffset? RespondedAt);

/// <summary>A new task: on the item at <see cref="Path"/>, for users and groups by name.</summary>
public sealed record NewTask(
    string Path,
    TaskKind Kind,
    string Title,
    string? Note,
    IReadOnlyList<PrincipalName> Assignees,
    TaskCompletion Completion,
    TaskDue? Due);

/// <summary>What the creator changes; null leaves a field as it is. The kind changes only until someone has answered.</summary>
public sealed record TaskChange(
    string? Title = null,
    string? Note = null,
    IReadOnlyList<PrincipalName>? Assignees = null,
    TaskDue? Due = null,
    bool ClearDue = false,
    bool Cancel = false,
    TaskKind? Kind = null);

/// <summary>
/// Someone a task on an item may be given to. Users are offered only when they can see the item; a group is offered
/// with the members who cannot (<see cref="Blind"/>), since assigning it is refused until they can.
/// </summary>
/// <param name="Kind">User or Group.</param>
/// <param name="Name">The user name or group name to assign.</param>
/// <param name="DisplayName">A user's display name, when they have one.</param>
/// <param name="Members">A group's member count; 1 for a user.</param>
/// <param name="Blind">User names of a group's members who cannot see the item; empty for users.</param>
public sealed record AssigneeCandidate(
    [property: JsonConverter(typeof(JsonStringEnumConverter<PrincipalKind>))] PrincipalKind Kind,
    string Name,
    string? DisplayName,
    int Members,
    IReadOnlyList<string> Blind)
{
    /// <summary>Whether assigning it now would be accepted: a user always, a group when all its members can see the item.</summary>
    public bool Assignable => Members > 0 && Blind.Count == 0;
}

/// <summary>Which of the caller's tasks "My tasks" lists.</summary>
public enum TaskScope
{
    /// <summary>Tasks the caller was given (directly or through a group), answered or not.</summary>
    Assigned,

    /// <summary>Tasks the caller created.</summary>
    Created,
}

/// <summary>A due-date filter for "My tasks"; relative to now, since the caller's zone is not known.</summary>
public enum DueFilter
{
    /// <summary>Due before now.</summary>
    Overdue,

    /// <summary>Due within the next 24 hours.</summary>
    Today,

    /// <summary>Due within the next 7 days.</summary>
    Week,
}

/// <summary>The filters of "My tasks", and the page.</summary>
public sealed record TaskQuery(TaskScope Scope, TaskItemStatus? Status, DueFilter? Due, int Page, int PageSize);

/// <summary>One page of tasks and how many there are in all.</summary>
public sealed record TaskPage(IReadOnlyList<TaskView> Items, int Total, int Page, int PageSize);

/// <summary>How many open tasks an item has.</summary>
public sealed record TaskCount(long NodeId, string Name, int Open);
