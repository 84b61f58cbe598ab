using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Strata.Infrastructure.Persistence;

/// <summary>
/// A compiled EF Core query, compiled once per model: a compiled query refuses every model but the first that ran it,
/// and one process may hold several providers' models (a host holds one; the provider tests hold them all).
/// </summary>
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile)
    where TQuery : Delegate
{
    private readonly ConcurrentDictionary<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext db) => _byModel.GetOrAdd(db.Model, _ => compile());
}
