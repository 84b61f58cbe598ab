using System.ComponentModel.DataAnnotations;

namespace Strata.Infrastructure.Notifications;

/// <summary><c>Strata:Smtp</c>: where notification email goes. Without a host, notifications are in the app only.</summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string Section = "Strata:Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary>The sender address, e.g. <c>Strata &lt;strata@example.com&gt;</c>.</summary>
    public string From { get; set; } = "strata@localhost";

    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>Upgrade the connection with STARTTLS (required when true).</summary>
    public bool StartTls { get; set; } = true;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Host);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (IsConfigured && !MimeKit.MailboxAddress.TryParse(From, out _))
        {
            yield return new ValidationResult($"'{From}' is not a valid sender address.", [nameof(From)]);
        }
    }
}

/// <summary><c>Strata:PublicUrl</c>: the address users reach Strata at, for links in email.</summary>
public sealed class PublicUrlOptions
{
    public const string Section = "Strata";

    /// <summary>Absolute base address, e.g. <c>https://files.example.com</c>; defaults to <c>http://localhost:5000</c>, the default listening address.</summary>
    public Uri? PublicUrl { get; set; }

    public Uri BaseOrDefault => PublicUrl ?? new Uri("http://localhost:5000");
}
