using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Net;

namespace Strata.Infrastructure.Hosting;

/// <summary>A list of proxies, each an address (<c>10.0.0.5</c>) or a network (<c>10.0.0.0/8</c>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ProxyAddressesAttribute : ValidationAttribute
{
    /// <summary>A network when <paramref name="value"/> has a prefix length, else a single address.</summary>
    public static bool TryParse(string value, out IPAddress? address, out IPNetwork? network)
    {
        network = IPNetwork.TryParse(value, out var parsed) ? parsed : null;
        address = network is null && IPAddress.TryParse(value, out var single) ? single : null;
        return address is not null || network is not null;
    }

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        var entries = value as IEnumerable<string> ?? [];
        var bad = entries.Select((entry, index) => (entry, index)).FirstOrDefault(e => !TryParse(e.entry, out _, out _));
        return bad.entry is null
            ? ValidationResult.Success
            : new ValidationResult(
                string.Create(CultureInfo.InvariantCulture, $"{validationContext.DisplayName}:{bad.index} ('{bad.entry}') is neither an address nor a network such as 10.0.0.0/8."),
                [validationContext.MemberName!]);
    }
}
