using System.ComponentModel.DataAnnotations;
using Strata.Infrastructure.Hosting;

namespace Strata.Infrastructure.Persistence;

/// <summary><c>Strata:Database</c>. With nothing set, a SQLite file under the data folder.</summary>
public sealed class DatabaseOptions : IValidatableObject
{
    public const string Section = "Strata:Database";

    [EnumDataType(typeof(DatabaseProvider), ErrorMessage = "{0} must be Sqlite, SqlServer or PostgreSql.")]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for the server providers; for SQLite defaults to <c>&lt;DataPath&gt;/strata.db</c>.</summary>
    [NotBlank]
    public string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (Provider != DatabaseProvider.Sqlite && ConnectionString is null)
        {
            yield return new ValidationResult(
                $"{validationContext.DisplayName}:ConnectionString is required for {Provider}.", [nameof(ConnectionString)]);
        }
    }
}

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}
