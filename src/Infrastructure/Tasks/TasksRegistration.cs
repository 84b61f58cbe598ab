using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Strata.Infrastructure.Tasks;

public static class TasksRegistration
{
    /// <summary>Tasks on files and folders and their reminders; they build on sharing (<c>AddSharing</c>).</summary>
    public static IHostApplicationBuilder AddTasks(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<AssigneeAccess>();
        builder.Services.AddSingleton<TaskService>();
        builder.Services.AddSingleton<TaskReminders>();
        return builder;
    }
}
