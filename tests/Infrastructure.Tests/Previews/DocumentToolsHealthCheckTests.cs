using Microsoft.Extensions.Diagnostics.HealthChecks;
using Strata.Infrastructure.Previews;

namespace Strata.Infrastructure.Tests.Previews;

public sealed class DocumentToolsHealthCheckTests
{
    [Fact]
    public void A_path_without_the_tools_names_each_missing()
    {
        var empty = Directory.CreateTempSubdirectory("strata-path-");
        try
        {
            DocumentToolsHealthCheck.Missing(empty.FullName).ShouldBe(["pdfinfo", "pdftoppm", "soffice"]);
            DocumentToolsHealthCheck.Missing(null).ShouldBe(["pdfinfo", "pdftoppm", "soffice"]);
        }
        finally
        {
            empty.Delete();
        }
    }

    [Fact]
    public async Task On_this_host_the_tools_are_installed_and_the_check_is_healthy()
    {
        var result = await new DocumentToolsHealthCheck().CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);

        result.Status.ShouldBe(HealthStatus.Healthy, result.Description);
    }
}
