using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Strata.Web.Tests.Identity;

/// <summary><c>POST /api/v1/admin/users</c>: creating accounts.</summary>
public sealed class AdminUsersApiTests : TeamScenario
{
    private static readonly Uri Users = new("/api/v1/admin/users", UriKind.Relative);
    private readonly SqlCommandCounter _counter;

    public AdminUsersApiTests() => _counter = SqlCommandCounter.AttachTo(App);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Create_answers_with_the_new_account_without_reading_it_back(bool isAdmin)
    {
        using var admin = await App.CreateAdminClientAsync();
        HttpResponseMessage? created = null;

        var commands = await _counter.DuringAsync(async () =>
            created = await admin.PostAsJsonAsync(Users, new { email = "dora@strata.test", password = StrataAppFactory.Password, isAdmin, displayName = "Dora" }, Ct));

        using var response = created!;
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = summary.GetProperty("id").GetString();
        response.Headers.Location!.ToString().ShouldBe($"/api/v1/admin/users/{id}");
        summary.GetProperty("userName").GetString().ShouldBe("dora");
        summary.GetProperty("displayName").GetString().ShouldBe("Dora");
        summary.GetProperty("email").GetString().ShouldBe("dora@strata.test");
        summary.GetProperty("isAdmin").GetBoolean().ShouldBe(isAdmin);
        summary.GetProperty("disabled").GetBoolean().ShouldBeFalse();

        // After the account is written come the admin role (Identity's own checks) and the private folder, not the account again.
        var lastAccountWrite = commands.ToList().FindLastIndex(c => c.Contains("INTO \"AspNetUser", StringComparison.Ordinal) || c.Contains("UPDATE \"AspNetUsers\"", StringComparison.Ordinal));
        commands.Skip(lastAccountWrite + 1).Where(c => c.Contains("\"AspNetUser", StringComparison.Ordinal)).ShouldBeEmpty();
    }
}
