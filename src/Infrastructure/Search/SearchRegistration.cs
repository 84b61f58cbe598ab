using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Strata.Infrastructure.Hosting;

namespace Strata.Infrastructure.Search;

public static class SearchRegistration
{
    /// <summary>Text extraction and its readers; call after <c>AddPreviews</c>. The jobs that extract are the Workers' own.</summary>
    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddSettings<SearchOptions>(SearchOptions.Section);
        builder.Services.AddSingleton<ITextExtractor, PdfTextExtractor>();
        builder.Services.AddSingleton<ITextExtractor, OfficeTextExtractor>();
        builder.Services.AddSingleton<ITextExtractor, OpenDocumentTextExtractor>();
        builder.Services.AddSingleton<ITextExtractor, HtmlTextExtractor>();
        builder.Services.AddSingleton<ITextExtractor, EmailTextExtractor>();
        builder.Services.AddSingleton<ITextExtractor, PlainTextExtractor>();
        builder.Services.AddSingleton<TextExtraction>();
        builder.Services.AddSingleton<ExtractionOutcomes>();
        return builder;
    }
}
