using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Strata.Domain.Access;
using Strata.Domain.Files;
using Strata.Infrastructure.Dav;
using Strata.Infrastructure.Files;
using Strata.Infrastructure.Persistence;
using Strata.Infrastructure.Persistence.Providers.PostgreSql;
using Strata.Infrastructure.Persistence.Providers.SqlServer;

namespace Strata.Infrastructure.Tests.Persistence;

/// <summary>
/// What can be checked of the server providers without a server: SQL Server's deployment script is valid T-SQL, and
/// the queries every request runs translate for each server (a query EF Core cannot translate throws here, not in
/// production).
/// </summary>
public sealed class ServerProviderTests
{
    private static readonly NodePath Folder = NodePath.Parse("/Shared/Projects");
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> Servers => ["SqlServer", "PostgreSql"];

    [Fact]
    public async Task The_sql_server_idempotent_script_parses_as_t_sql()
    {
        await using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var script = db.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        var parsed = new TSql170Parser(initialQuotedIdentifiers: true).Parse(new StringReader(script), out var errors);

        errors.Select(e => $"line {e.Line}: {e.Message}").ShouldBeEmpty();
        var statements = ((TSqlScript)parsed).Batches.SelectMany(b => b.Statements).ToList();
        statements.Count.ShouldBeGreaterThan(50);
        script.ShouldContain("CREATE TABLE [Nodes]");
        script.ShouldContain("IF NOT EXISTS");
    }

    [Theory]
    [MemberData(nameof(Servers))]
    public async Task The_hot_queries_translate(string provider)
    {
        await using var db = Create(provider);
        var folder = Node.Create(Folder, parentId: 1, isFolder: true, "u-alice", Now);
        var access = new AccessEvaluator(new Caller("u-alice", "alice", IsAdmin: false), [], GrantTree.Empty);

        var queries = new Dictionary<string, IQueryable>
        {
            ["find"] = db.Nodes.FindLive(Folder),
            ["find many"] = db.Nodes.FindLive([Folder, Folder.Parent]),
            ["listing"] = FileService.VisibleChildren(db, access, folderId: 7, Folder, withFinderMetadata: false)
                .OrderBy(n => n.SortKey).Select(NodeInfo.Projection),
            ["subtree"] = db.Nodes.LiveSubtree(folder),
            ["tree"] = db.Nodes.LiveTree(Folder),
            ["locks covering"] = DavLockQueries.Covering(db.DavLocks, Folder, Now),
            ["locks below"] = DavLockQueries.AtOrBelow(db.DavLocks, Folder),
            ["journal tail"] = db.Journal.Where(e => e.Sequence > 41).OrderBy(e => e.Sequence).Take(500),
        };

        foreach (var (name, query) in queries)
        {
            query.ToQueryString().ShouldContain("SELECT", customMessage: name);
        }
    }

    private static StrataDbContext Create(string provider) => provider switch
    {
        "SqlServer" => new SqlServerDesignTimeFactory().CreateDbContext([]),
        _ => new PostgreSqlDesignTimeFactory().CreateDbContext([]),
    };
}
