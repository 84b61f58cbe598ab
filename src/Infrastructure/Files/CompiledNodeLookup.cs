using Microsoft.EntityFrameworkCore;
using Strata.Domain.Files;
using Strata.Infrastructure.Persistence;

namespace Strata.Infrastructure.Files;

/// <summary>Any provider: one compiled EF Core query on a pooled context.</summary>
internal sealed class CompiledNodeLookup(IDbContextFactory<StrataDbContext> dbFactory) : INodeLookup
{
    private static readonly CompiledPerModel<Func<StrataDbContext, string, CancellationToken, Task<NodeInfo?>>> LiveByPathHash = new(() =>
        EF.CompileAsyncQuery((StrataDbContext db, string pathHash, CancellationToken _) =>
            db.Nodes.Where(n => n.PathHash == pathHash && n.TrashedAt == null).Select(NodeInfo.Projection).FirstOrDefault()));

    public async Task<NodeInfo?> FindLiveAsync(string pathHash, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await LiveByPathHash.For(db)(db, pathHash, cancellationToken);
    }
}
