using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Strata.Infrastructure.Search.Index;

public static class SearchIndexRegistration
{
    /// <summary>
    /// This host's search index, the indexer that follows the journal into it (run by the host that answers searches)
    /// and the search service; call after <c>AddSearch</c>, whose extracted text it indexes.
    /// </summary>
    public static IHostApplicationBuilder AddSearchIndex(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<SearchSignal>();
        builder.Services.AddSingleton<IInterceptor, SearchWriteWatcher>();
        builder.Services.AddSingleton<SearchIndex>();
        builder.Services.AddSingleton<SearchDocumentReader>();
        builder.Services.AddSingleton<SearchIndexer>();
        builder.Services.AddSingleton<SearchService>();
        return builder;
    }
}
