namespace Strata.Infrastructure.Identity;

/// <summary><c>Strata:Admin</c>: seeds the first administrator on an empty database; otherwise the first visit offers setup.</summary>
public sealed class AdminOptions
{
    public const string Section = "Strata:Admin";

    public string? Email { get; set; }

    public string? Password { get; set; }
}
