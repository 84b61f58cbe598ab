using System.Net;
using System.Net.Http.Json;

namespace Strata.Web.Tests.Dav;

/// <summary>OPTIONS, authentication and the feature flag in front of every WebDAV method, through the real host.</summary>
public sealed class DavEndpointsTests : DavScenario
{
    [Theory]
    [InlineData("/")]
    [InlineData("/dav/")]
    [InlineData("/dav/Private/alice/anything")]
    public async Task Options_is_anonymous_and_advertises_class_1_and_2(string url)
    {
        using var anonymous = App.CreateAnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, new Uri(url, UriKind.Relative));

        using var response = await anonymous.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("DAV").Single().ShouldBe("1, 2");
        response.Headers.GetValues("MS-Author-Via").Single().ShouldBe("DAV");
        response.Content.Headers.Allow.ShouldContain("PROPFIND");
        response.Content.Headers.Allow.ShouldContain("LOCK");
    }

    [Fact]
    public async Task A_windows_style_domain_before_the_email_is_ignored()
    {
        using var windows = App.CreateAnonymousClient();
        windows.DefaultRequestHeaders.Authorization = StrataAppFactory.BasicHeader(@"STRATA\alice@strata.test", StrataAppFactory.Password);

        using var response = await windows.PropfindAsync(Home, "0");

        response.StatusCode.ShouldBe((HttpStatusCode)207);
    }

    [Fact]
    public async Task Anonymous_propfind_is_challenged_with_basic()
    {
        using var anonymous = App.CreateAnonymousClient();

        using var response = await anonymous.PropfindAsync("/", "0");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Basic realm=\"Strata\"");
    }

    [Fact]
    public async Task Switching_the_flag_off_closes_the_endpoint_with_503()
    {
        using var admin = await App.CreateAdminClientAsync();
        using var off = await admin.PutAsJsonAsync(new Uri("/api/v1/admin/flags/WebDav", UriKind.Relative), new { enabled = false, users = (string[]?)null, groups = (string[]?)null, rolloutPercentage = 0 }, Ct);
        off.EnsureSuccessStatusCode();

        using var response = await Alice.PropfindAsync($"{Home}/", "0");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter.ShouldNotBeNull();
    }
}
