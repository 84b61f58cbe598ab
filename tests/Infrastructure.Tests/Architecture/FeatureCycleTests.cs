using ArchUnitNET.Fluent.Slices;
using ArchUnitNET.Loader;
using static ArchUnitNET.Fluent.Slices.SliceRuleDefinition;

namespace Strata.Infrastructure.Tests.Architecture;

/// <summary>
/// Features depend on one another one way only: with a cycle between two feature folders neither can change, be read
/// or be tested without the other. Persistence (the one DbContext, which maps every feature's rows, and the node
/// queries) and Hosting stand under every feature, so they are not in the graph.
/// </summary>
public sealed class FeatureCycleTests
{
    private static readonly string[] SharedGround = ["Persistence", "Hosting"];

    [Fact]
    public void Infrastructure_features_form_no_cycle()
    {
        var assembly = typeof(Infrastructure.Files.FileService).Assembly;
        var features = assembly.GetTypes()
            .Select(t => t.Namespace)
            .OfType<string>()
            .Where(ns => ns.StartsWith("Strata.Infrastructure.", StringComparison.Ordinal) && !SharedGround.Contains(ns.Split('.')[2]))
            .Distinct()
            .ToArray();
        var architecture = new ArchLoader().LoadNamespacesWithinAssembly(assembly, features).Build();
        SliceRule rule = Slices().Matching("Strata.Infrastructure.(*)").Should().BeFreeOfCycles();

        rule.Evaluate(architecture).Where(r => !r.Passed).Select(r => r.Description).ShouldBeEmpty();
    }
}
