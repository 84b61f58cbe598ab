using System.Reflection;

namespace Strata.Web.Hosting;

/// <summary>
/// The build-time OpenAPI generator (<c>dotnet build src/Web -p:OpenApiGenerateDocumentsOnBuild=true</c>) runs this
/// app's entry point and starts the host on a server that binds nothing, to read the endpoints. Strata's own start-up
/// work must not run then: it would migrate and seed a database, run jobs and leave a data folder in the project.
/// </summary>
public static class OpenApiGeneration
{
    /// <summary>The generator's process, as the ASP.NET Core documentation tells it apart.</summary>
    public static bool IsRunning => Assembly.GetEntryAssembly()?.GetName().Name == "GetDocument.Insider";

    /// <summary>While the generator runs, removes every hosted service but the web host's own.</summary>
    public static IHostApplicationBuilder WithoutStartupWorkWhenGeneratingOpenApi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (IsRunning)
        {
            var webHost = typeof(WebHostBuilderExtensions).Assembly;
            var ours = builder.Services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType?.Assembly != webHost).ToList();
            ours.ForEach(d => builder.Services.Remove(d));
        }

        return builder;
    }
}
