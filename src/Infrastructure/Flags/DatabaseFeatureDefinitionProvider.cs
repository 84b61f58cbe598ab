using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace Strata.Infrastructure.Flags;

/// <summary>Feeds Microsoft.FeatureManagement from <see cref="FlagStore"/>: off, always on, or the targeting filter.</summary>
internal sealed class DatabaseFeatureDefinitionProvider(FlagStore store) : IFeatureDefinitionProvider
{
    private const string AlwaysOn = "AlwaysOn";
    private const string Targeting = "Microsoft.Targeting";

    public async Task<FeatureDefinition?> GetFeatureDefinitionAsync(string featureName) =>
        await store.FindAsync(featureName, CancellationToken.None) is { } flag ? Define(flag) : null;

    public async IAsyncEnumerable<FeatureDefinition> GetAllFeatureDefinitionsAsync()
    {
        foreach (var flag in await store.GetAllAsync(CancellationToken.None))
        {
            yield return Define(flag);
        }
    }

    private static FeatureDefinition Define(FeatureFlag flag) => new()
    {
        Name = flag.Name,
        EnabledFor = !flag.Enabled ? []
            : flag.IsOnForEveryone ? [new FeatureFilterConfiguration { Name = AlwaysOn }]
            : [new FeatureFilterConfiguration { Name = Targeting, ParametersObject = AudienceOf(flag) }],
    };

    private static TargetingFilterSettings AudienceOf(FeatureFlag flag) => new()
    {
        Audience = new Audience
        {
            Users = flag.Users.ToList(),
            Groups = flag.Groups.Select(g => new GroupRollout { Name = g, RolloutPercentage = 100 }).ToList(),
            DefaultRolloutPercentage = flag.RolloutPercentage,
        },
    };
}
