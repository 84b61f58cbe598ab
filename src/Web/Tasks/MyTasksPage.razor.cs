using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.FeatureManagement;
using Strata.Domain.Access;
using Strata.Domain.Tasks;
using Strata.Infrastructure.Flags;
using Strata.Infrastructure.Tasks;
using Strata.Web.Flags;
using Strata.Web.Identity;

namespace Strata.Web.Tasks;

/// <summary>"My tasks": assigned to or created by the caller, filtered by status and due time (kept in the address), and answered in place.</summary>
public sealed partial class MyTasksPage
{
    private const int PageSize = 100;
    private TaskPage? _page;
    private Caller _caller = null!;
    private bool _enabled;

    [SupplyParameterFromQuery(Name = "scope")]
    private string? ScopeQuery { get; set; }

    [SupplyParameterFromQuery(Name = "status")]
    private string? StatusQuery { get; set; }

    [SupplyParameterFromQuery(Name = "due")]
    private string? DueQuery { get; set; }

    [Inject]
    private TaskService Tasks { get; set; } = default!;

    [Inject]
    private IFeatureManager Features { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    private string Scope => ScopeQuery is "created" ? "created" : "assigned";

    private string Status => StatusQuery ?? "open";

    private string Due => DueQuery ?? "any";

    protected override async Task OnParametersSetAsync()
    {
        var user = (await AuthenticationState).User;
        _caller = user.ToCaller();
        _enabled = await Features.IsEnabledAsync(FlagNames.Tasks, UserTargetingContext.For(user));
        if (_enabled)
        {
            await LoadAsync();
        }
    }

    private async Task LoadAsync()
    {
        var query = new TaskQuery(
            Scope == "created" ? TaskScope.Created : TaskScope.Assigned,
            Enum.TryParse<TaskItemStatus>(Status, ignoreCase: true, out var status) ? status : null,
            Enum.TryParse<DueFilter>(Due, ignoreCase: true, out var due) ? due : null,
            Page: 1,
            PageSize);
        _page = await Tasks.ListMineAsync(_caller, query, CancellationToken.None);
    }

    private Task FilterAsync(string scope, string status, string due)
    {
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(new Dictionary<string, object?> { ["scope"] = scope, ["status"] = status, ["due"] = due }));
        return Task.CompletedTask;
    }

    private bool Owes(TaskView task) =>
        task.Status == TaskItemStatus.Open && task.Responses.Any(r => r.User == _caller.UserName && r.Outcome is null);

    /// <summary>An answered task may leave the filtered list (an "open" filter): reload rather than patch the row.</summary>
    private Task AnsweredAsync(TaskView task) => LoadAsync();
}
