using System.Reflection;

namespace Strata.Infrastructure.Tests.Architecture;

/// <summary>Dependencies point inward: Domain knows no other Strata project, Infrastructure knows only Domain.</summary>
public sealed class LayeringTests
{
    [Fact]
    public void Domain_references_no_other_strata_assembly() =>
        StrataReferencesOf(typeof(Domain.Files.NodePath).Assembly).ShouldBeEmpty();

    [Fact]
    public void Infrastructure_references_only_domain() =>
        StrataReferencesOf(typeof(Strata.Infrastructure.Files.BlobService).Assembly).ShouldBe(["Strata.Domain"]);

    private static List<string> StrataReferencesOf(Assembly assembly) =>
        assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name.StartsWith("Strata.", StringComparison.Ordinal))
            .ToList();
}
