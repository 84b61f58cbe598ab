using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Strata.Infrastructure.Persistence.Providers.Sqlite;

namespace Strata.Web.Tests;

/// <summary>
/// Records the SQL commands a host sends through EF while a test's act runs, for tests that bound how many queries an
/// operation costs. Only commands of the act's own flow count (the test server runs requests in the caller's execution
/// context): the host's background followers (notifications, live updates) react to earlier writes whenever they get
/// to them, which is no part of what the act costs and made these counts race. Commands touching the journal or a
/// follower's cursor on it are only counted, from any flow, in <see cref="JournalCommands"/>. A counted host runs no
/// search indexer (see <see cref="StrataAppFactory.SearchIndexer"/>).
/// </summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    private readonly AsyncLocal<ConcurrentQueue<string>?> _act = new();
    private readonly AsyncLocal<ConcurrentQueue<string>?> _actJournal = new();
    private int _journalCommands;

    public int JournalCommands => Volatile.Read(ref _journalCommands);

    /// <summary>The journal commands of the last act's own flow (a follower polling meanwhile is not in it).</summary>
    public IReadOnlyList<string> ActJournalCommands { get; private set; } = [];

    /// <summary>A counter of every command <paramref name="app"/> sends; attach it before the host starts.</summary>
    public static SqlCommandCounter AttachTo(StrataAppFactory app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var counter = new SqlCommandCounter();
        var earlier = app.ConfigureTestServices;
        app.ConfigureTestServices = services =>
        {
            earlier?.Invoke(services);
            services.ConfigureDbContext<SqliteStrataDbContext>((_, o) => o.AddInterceptors(counter), ServiceLifetime.Singleton);
            services.Configure<TestServerOptions>(o => o.PreserveExecutionContext = true);
        };
        return counter;
    }

    /// <summary>The commands sent by <paramref name="act"/> and the requests it made; acts may not overlap.</summary>
    public async Task<IReadOnlyList<string>> DuringAsync(Func<Task> act)
    {
        ArgumentNullException.ThrowIfNull(act);
        var commands = new ConcurrentQueue<string>();
        var journal = new ConcurrentQueue<string>();
        (_act.Value, _actJournal.Value) = (commands, journal);
        try
        {
            await act();
        }
        finally
        {
            (_act.Value, _actJournal.Value) = (null, null);
        }

        ActJournalCommands = journal.ToList();
        return commands.ToList();
    }

    /// <summary>
    /// As <see cref="DuringAsync"/>, less the caller's account reads: Basic and Bearer re-read the account once a
    /// second (AccountStamps), whichever request comes then, so they are no part of what a request costs.
    /// </summary>
    public async Task<IReadOnlyList<string>> WorkDuringAsync(Func<Task> act) =>
        (await DuringAsync(act)).Where(c => !c.Contains("FROM \"AspNetUsers\"", StringComparison.Ordinal)).ToList();

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    private void Record(DbCommand command)
    {
        if (command.CommandText.Contains("\"Journal\"", StringComparison.Ordinal) || command.CommandText.Contains("\"JournalCursors\"", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _journalCommands);
            _actJournal.Value?.Enqueue(command.CommandText);
        }
        else
        {
            _act.Value?.Enqueue(command.CommandText);
        }
    }
}
