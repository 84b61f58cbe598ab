using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Strata.Infrastructure.Journal;

public static class JournalRegistration
{
    /// <summary>The reader that follows the journal for the live feed and the activity pages.</summary>
    public static IHostApplicationBuilder AddJournal(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<JournalReader>();
        return builder;
    }
}
