using System.Net;
using System.Net.Http.Json;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Identity;

public sealed class SetupApiTests : IDisposable
{
    private static readonly Uri Setup = new("/api/v1/setup", UriKind.Relative);
    private readonly StrataAppFactory _app = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task First_visit_sets_up_the_administrator_once()
    {
        using var visitor = _app.CreateAnonymousClient();
        (await visitor.GetJsonAsync(Setup)).GetProperty("required").GetBoolean().ShouldBeTrue();

        using var created = await visitor.PostAsJsonAsync(Setup, new { email = "owner@corp.test", password = "a long admin passphrase" }, Ct);
        using var again = await visitor.PostAsJsonAsync(Setup, new { email = "intruder@corp.test", password = "another long passphrase" }, Ct);

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await visitor.GetJsonAsync(Setup)).GetProperty("required").GetBoolean().ShouldBeFalse();
        using var admin = _app.CreateAnonymousClient();
        admin.DefaultRequestHeaders.Authorization = StrataAppFactory.BasicHeader("owner@corp.test", "a long admin passphrase");
        var me = await admin.GetJsonAsync(new Uri("/api/v1/me", UriKind.Relative));
        me.GetProperty("isAdmin").GetBoolean().ShouldBeTrue();
        (await admin.ListNamesAsync("/Private")).ShouldBe(["owner"]);
    }

    [Theory]
    [InlineData("owner@corp.test", "short")]
    [InlineData("not an email", "a long admin passphrase")]
    [InlineData("", "a long admin passphrase")]
    public async Task Weak_or_malformed_setup_returns_400_and_changes_nothing(string email, string password)
    {
        using var visitor = _app.CreateAnonymousClient();

        using var response = await visitor.PostAsJsonAsync(Setup, new { email, password }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.ProblemDetailAsync()).ShouldNotBeEmpty();
        (await visitor.GetJsonAsync(Setup)).GetProperty("required").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task Configured_administrator_means_no_setup()
    {
        _app.Settings["Strata:Admin:Email"] = "configured@corp.test";
        _app.Settings["Strata:Admin:Password"] = "configured passphrase";
        using var visitor = _app.CreateAnonymousClient();

        var status = await visitor.GetJsonAsync(Setup);

        status.GetProperty("required").GetBoolean().ShouldBeFalse();
    }

    public void Dispose() => _app.Dispose();
}
