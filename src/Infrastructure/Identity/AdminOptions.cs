using System.ComponentModel.DataAnnotations;

namespace Strata.Infrastructure.Identity;

/// <summary><c>Strata:Admin</c>: seeds the first administrator on an empty database; otherwise the first visit offers setup.</summary>
public sealed class AdminOptions : IValidatableObject
{
    public const string Section = "Strata:Admin";

    [EmailAddress(ErrorMessage = "{0} must be an email address.")]
    public string? Email { get; set; }

    public string? Password { get; set; }

    /// <summary>One without the other would silently seed nobody.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (string.IsNullOrEmpty(Email) != string.IsNullOrEmpty(Password))
        {
            var section = validationContext.DisplayName;
            yield return new ValidationResult(
                $"{section}:Email and {section}:Password are set together or not at all.", [nameof(Email), nameof(Password)]);
        }
    }
}
