using System.Net;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Strata.Domain.Files;
using Strata.Infrastructure.Dav;
using Strata.Web.Tests.Files;
using static Strata.Web.Tests.Dav.DavClient;

namespace Strata.Web.Tests.Dav;

public sealed class DeadPropertyStoreTests : TeamScenario
{
    private const string Home = "/Private/alice";
    private static readonly XName Color = XName.Get("color", "urn:test");
    private readonly SqlCommandCounter _counter;

    public DeadPropertyStoreTests() => _counter = SqlCommandCounter.AttachTo(App);

    [Fact]
    public async Task Copying_the_properties_of_a_tree_reads_twice_whatever_its_size()
    {
        string[] items = ["tree", "tree/a.txt", "tree/sub", "tree/sub/b.txt", "tree/sub/c.txt"];
        (await Alice.SendAsync("MKCOL", $"{Home}/tree")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await Alice.SendAsync("MKCOL", $"{Home}/tree/sub")).StatusCode.ShouldBe(HttpStatusCode.Created);
        foreach (var file in items.Where(i => i.EndsWith(".txt", StringComparison.Ordinal)))
        {
            (await Alice.PutAsync($"{Home}/{file}", file)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }

        foreach (var item in items)
        {
            (await Alice.SendAsync("PROPPATCH", $"{Home}/{item}", PropPatchBody(Color, item))).StatusCode.ShouldBe((HttpStatusCode)207);
        }

        // A copy through the REST API copies the nodes only, which leaves the properties to the store.
        (await Alice.ActAsync($"{Home}/tree", new { action = "copy", destination = $"{Home}/copy" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var store = App.Services.GetRequiredService<DeadPropertyStore>();

        var commands = await _counter.DuringAsync(() => store.CopyTreeAsync(NodePath.Parse($"{Home}/tree"), NodePath.Parse($"{Home}/copy"), Ct));

        // The rows go in with one SaveChanges; SQLite runs an INSERT per row within it, other providers batch them.
        // Thumbnail jobs of the uploaded files may write their renditions meanwhile; they are not the copy's.
        var reads = commands.Where(c => !c.TrimStart().StartsWith("INSERT", StringComparison.Ordinal) && !c.Contains("\"Renditions\"", StringComparison.Ordinal)).ToList();
        reads.Count.ShouldBe(2, string.Join("\n---\n", reads));
        foreach (var item in items)
        {
            var copy = $"{Home}/{item.Replace("tree", "copy", StringComparison.Ordinal)}";
            var xml = await Alice.PropfindXmlAsync(copy, "0", NamedPropBody(Color));
            xml.Property("/dav" + copy + (item.EndsWith(".txt", StringComparison.Ordinal) ? "" : "/"), Color)!.Value.ShouldBe(item);
        }
    }
}
