using System.Reflection;

namespace Strata.Infrastructure.Tests.Architecture;

/// <summary>
/// Dependencies point inward: Domain knows no other Strata project and no framework that stores or serves it,
/// Infrastructure knows only Domain.
/// </summary>
public sealed class LayeringTests
{
    private static readonly Assembly Domain = typeof(Domain.Files.NodePath).Assembly;

    [Fact]
    public void Domain_references_no_other_strata_assembly() =>
        ReferencesOf(Domain, "Strata.").ShouldBeEmpty();

    [Theory]
    [InlineData("Microsoft.EntityFrameworkCore")]
    [InlineData("Microsoft.AspNetCore")]
    public void Domain_references_neither_ef_core_nor_asp_net_core(string framework) =>
        ReferencesOf(Domain, framework).ShouldBeEmpty();

    [Fact]
    public void Infrastructure_references_only_domain() =>
        ReferencesOf(typeof(Infrastructure.Files.BlobService).Assembly, "Strata.").ShouldBe(["Strata.Domain"]);

    private static List<string> ReferencesOf(Assembly assembly, string prefix) =>
        assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name.StartsWith(prefix, StringComparison.Ordinal))
            .ToList();
}
