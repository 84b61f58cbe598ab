using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Sharing;

/// <summary>Every role × every operation on a governed folder, through the REST API, with exact status codes.</summary>
public sealed class PermissionMatrixTests(SharingFixture sharing) : IClassFixture<SharingFixture>
{
    private const string Proj = SharingFixture.Proj;

    private static readonly string[] Roles = ["anonymous", "stranger", "viewer", "editor", "full", "owner", "admin"];

    private static readonly Dictionary<string, string> UserNames = new()
    {
        ["anonymous"] = "carol", ["stranger"] = "carol", ["viewer"] = "vic", ["editor"] = "eddie", ["full"] = "fred", ["owner"] = "olga", ["admin"] = "admin",
    };

    // "own" cases act on an item the role created itself where it could, else on one the administrator created.
    private static readonly (string Operation, int[] Expected)[] Table =
    [
        //              anonymous stranger viewer editor full owner admin
        ("list",        [401, 404, 200, 200, 200, 200, 200]),
        ("read",        [401, 404, 200, 200, 200, 200, 200]),
        ("write",       [401, 404, 403, 201, 201, 201, 201]),
        ("overwrite",   [401, 404, 403, 200, 200, 200, 200]),
        ("rename",      [401, 404, 403, 403, 200, 200, 200]),
        ("rename_own",  [401, 404, 403, 200, 200, 200, 200]),
        ("move_in",     [401, 404, 403, 200, 200, 200, 200]),
        ("move_out",    [401, 404, 403, 403, 200, 200, 200]),
        ("delete",      [401, 404, 403, 403, 204, 204, 204]),
        ("delete_own",  [401, 404, 403, 204, 204, 204, 204]),
        ("restore",     [401, 404, 403, 200, 200, 200, 200]),
        ("share",       [401, 404, 403, 403, 403, 201, 201]),
        ("permissions", [401, 404, 403, 403, 403, 200, 200]),
    ];

    public static TheoryData<string, string, int> Cases()
    {
        var cases = new TheoryData<string, string, int>();
        foreach (var (operation, expected) in Table)
        {
            for (var i = 0; i < Roles.Length; i++)
            {
                cases.Add(Roles[i], operation, expected[i]);
            }
        }

        return cases;
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Role_gets_the_exact_status_for_the_operation(string role, string operation, int expected)
    {
        var client = sharing.Clients[role];
        var item = $"{Proj}/{operation}-{role}.txt";
        var mine = $"/Private/{UserNames[role]}/{operation}-{role}.txt";
        await ArrangeAsync(role, operation, item, mine);

        using var response = await ActAsync(client, operation, role, item, mine);

        ((int)response.StatusCode).ShouldBe(expected, $"{role} {operation}: {await response.Content.ReadAsStringAsync(Ct)}");
    }

    private async Task ArrangeAsync(string role, string operation, string item, string mine)
    {
        var admin = sharing.Admin;
        var canWrite = role is "editor" or "full" or "owner" or "admin";
        switch (operation)
        {
            case "read" or "overwrite" or "rename" or "move_out" or "delete":
                (await admin.PutTextAsync(item, "by admin")).EnsureSuccessStatusCode();
                break;
            case "rename_own" or "delete_own":
                (await (canWrite ? sharing.Clients[role] : admin).PutTextAsync(item, "mine")).EnsureSuccessStatusCode();
                break;
            case "move_in" when role != "anonymous":
                (await sharing.Clients[role].PutTextAsync(mine, "from my space")).EnsureSuccessStatusCode();
                break;
            case "restore":
                (await admin.PutTextAsync(item, "deleted")).EnsureSuccessStatusCode();
                (await admin.DeleteAsync(FsClient.Fs(item), Ct)).EnsureSuccessStatusCode();
                break;
            case "share":
                (await admin.MkdirAsync(item)).EnsureSuccessStatusCode();
                break;
        }
    }

    private async Task<HttpResponseMessage> ActAsync(HttpClient client, string operation, string role, string item, string mine) => operation switch
    {
        "list" => await client.GetAsync(FsClient.Fs(Proj), Ct),
        "read" => await client.GetAsync(FsClient.Content(item), Ct),
        "write" or "overwrite" => await client.PutTextAsync(item, "written"),
        "rename" or "rename_own" => await client.ActAsync(item, new { action = "rename", name = $"renamed-{operation}-{role}.txt" }),
        "move_in" => await client.ActAsync(mine, new { action = "move", destination = item }),
        "move_out" => await client.ActAsync(item, new { action = "move", destination = mine }),
        "delete" or "delete_own" => await client.DeleteAsync(FsClient.Fs(item), Ct),
        "restore" => await client.PostAsync(new Uri($"/api/v1/trash/{await sharing.Admin.TrashIdAsync(item)}/restore", UriKind.Relative), null, Ct),
        "share" => await client.GrantAsync(item, "vic", null, "Viewer"),
        "permissions" => await client.GetAsync(SharingClient.Permissions(Proj), Ct),
        _ => throw new ArgumentOutOfRangeException(nameof(operation)),
    };
}
