using System.Text.Json.Nodes;

namespace Strata.Web.Tests.Hosting;

/// <summary>
/// The REST API is a contract kept for years: the document the app serves must be the one checked in at
/// <c>docs/openapi/v1.json</c>, so every change of the API shows as a diff of that file in review.
/// </summary>
public sealed class OpenApiContractTests : IDisposable
{
    private const string Regenerate = "dotnet build src/Web -p:OpenApiGenerateDocumentsOnBuild=true";

    private const int ShownDifferences = 20;

    private readonly StrataAppFactory _app = new();

    [Fact]
    public async Task The_served_document_is_the_checked_in_contract()
    {
        var served = await ServedDocumentAsync();
        var contract = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "openapi-v1.json"), TestContext.Current.CancellationToken))!;

        var differences = Differences("$", Comparable(contract), Comparable(served)).ToList();

        differences.ShouldBeEmpty(
            $"The API differs from docs/openapi/v1.json ({differences.Count} differences, '-' the contract, '+' the app):\n"
            + string.Join('\n', differences.Take(ShownDifferences))
            + $"\nIf the change is meant, regenerate the contract from the repository root with\n  {Regenerate}\nand commit docs/openapi/v1.json with it.");
    }

    [Fact]
    public async Task Every_operation_has_a_summary_and_a_tag()
    {
        var served = await ServedDocumentAsync();

        var operations = served["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject().Where(o => o.Value is JsonObject { } op && op.ContainsKey("responses"))
                .Select(o => (Name: $"{o.Key.ToUpperInvariant()} {path.Key}", Operation: o.Value!.AsObject())))
            .ToList();

        operations.ShouldNotBeEmpty();
        operations.Where(o => string.IsNullOrWhiteSpace((string?)o.Operation["summary"]) || o.Operation["tags"] is not JsonArray { Count: > 0 })
            .Select(o => o.Name)
            .ShouldBeEmpty("Every route gets .WithSummary(...) and a tag (.WithTags on it or its group).");
    }

    public void Dispose() => _app.Dispose();

    private async Task<JsonNode> ServedDocumentAsync()
    {
        using var client = _app.CreateAnonymousClient();
        var json = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken);
        return JsonNode.Parse(json)!;
    }

    /// <summary>The document without <c>servers</c>: those name the host that served it, which the build-time generator has not.</summary>
    private static JsonObject Comparable(JsonNode document)
    {
        var copy = document.DeepClone().AsObject();
        copy.Remove("servers");
        return copy;
    }

    /// <summary>Where two documents differ, by JSON path; properties in any order.</summary>
    private static IEnumerable<string> Differences(string path, JsonNode? contract, JsonNode? served)
    {
        if (contract is JsonObject before && served is JsonObject after)
        {
            return before.Select(p => p.Key).Union(after.Select(p => p.Key)).Order(StringComparer.Ordinal)
                .SelectMany(key => Differences($"{path}.{key}", before[key], after[key]));
        }

        if (contract is JsonArray beforeItems && served is JsonArray afterItems && beforeItems.Count == afterItems.Count)
        {
            return beforeItems.Zip(afterItems).SelectMany((pair, i) => Differences($"{path}[{i}]", pair.First, pair.Second));
        }

        return JsonNode.DeepEquals(contract, served) ? [] : [$"{path}\n  - {Shown(contract)}\n  + {Shown(served)}"];
    }

    private static string Shown(JsonNode? node) => node?.ToJsonString() is { Length: > 200 } text ? text[..200] + "…" : node?.ToJsonString() ?? "(absent)";
}
