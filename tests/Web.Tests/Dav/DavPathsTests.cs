using System.Net;

namespace Strata.Web.Tests.Dav;

/// <summary>Names in WebDAV URLs that the namespace cannot hold, through the real host.</summary>
public sealed class DavPathsTests : DavScenario
{
    [Theory]
    [InlineData("/._.")]
    [InlineData("/Private/alice/._.")]
    public async Task Reading_a_name_that_cannot_exist_is_404_and_writing_it_400(string path)
    {
        using var probe = await Alice.PropfindAsync(path, "0");
        using var written = await Alice.PutAsync(path, "x");

        probe.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        written.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await written.Content.ReadAsStringAsync(Ct)).ShouldContain("cannot end with a dot");
    }

    [Theory]
    [InlineData("PUT", "/Private/alice/AUX.txt", "Windows reserves")]
    [InlineData("MKCOL", "/Private/alice/LPT1", "Windows reserves")]
    [InlineData("PUT", "/Private/alice/a%3Ab.txt", "':'")]
    [InlineData("MKCOL", "/Private/alice/why%3F", "'?'")]
    public async Task Writing_a_name_windows_cannot_hold_is_400_with_the_reason(string method, string path, string reason)
    {
        using var response = await Alice.SendAsync(method, path, method == "PUT" ? "x" : null);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain(reason);
    }
}
