namespace Strata.Infrastructure.Persistence;

/// <summary><c>Strata:Database</c>. With nothing set, a SQLite file under the data folder.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Strata:Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for SQL Server; for SQLite defaults to <c>&lt;DataPath&gt;/strata.db</c>.</summary>
    public string? ConnectionString { get; set; }
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}
