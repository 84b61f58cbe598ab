using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Strata.Infrastructure.Files;

namespace Strata.Infrastructure.Checksums;

public static class ChecksumsRegistration
{
    /// <summary>
    /// The SHA-1 and MD5 of content from every front door (<c>oc:checksums</c>) and the filler that computes them in the
    /// background; call after <c>AddDav</c>, whose options bound PROPFIND's own hashing.
    /// </summary>
    public static IHostApplicationBuilder AddChecksums(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<ChecksumBacklog>();
        builder.Services.AddSingleton<ContentChecksums>();
        builder.Services.AddScoped<StreamedChecksums>();
        builder.Services.AddScoped<IContentCommitted, ChecksumObserver>();
        builder.Services.AddHostedService<ChecksumFiller>();
        return builder;
    }
}
