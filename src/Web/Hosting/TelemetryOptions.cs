using System.ComponentModel.DataAnnotations;

namespace Strata.Web.Hosting;

/// <summary><c>Strata:Telemetry</c>. Unset: no traces or metrics leave the host.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Strata:Telemetry";

    /// <summary>An OpenTelemetry collector's OTLP/HTTP base address (<c>http://collector:4318/</c>).</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>How often metrics are sent.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "{0} must be between {1} and {2}.")]
    public TimeSpan MetricsInterval { get; set; } = TimeSpan.FromSeconds(30);
}
