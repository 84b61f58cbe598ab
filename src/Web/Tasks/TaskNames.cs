using System.Globalization;
using Strata.Domain.Tasks;
using Strata.Infrastructure.Tasks;

namespace Strata.Web.Tasks;

/// <summary>How tasks read on the pages: kind names and the due time with its zone.</summary>
internal static class TaskNames
{
    public static string Kind(TaskKind kind) => kind switch
    {
        TaskKind.ToDo => "To do",
        _ => kind.ToString(),
    };

    /// <summary>The wall-clock time as set, with its zone, since the assignee may live elsewhere.</summary>
    public static string Due(TaskDueView due) =>
        $"{due.Local.ToString("ddd d MMM yyyy HH:mm", CultureInfo.CurrentCulture)} ({due.TimeZone})";
}
