using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Strata.Infrastructure.Hosting;

/// <summary>
/// A <see cref="TimeSpan"/> setting between one second and a hundred years: zero or less would make a retention or
/// grace period purge at once, and past a century date arithmetic nears <see cref="DateTimeOffset.MinValue"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class DurationAttribute : ValidationAttribute
{
    public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan Maximum = TimeSpan.FromDays(36_500);

    public DurationAttribute()
        : base("{0} must be between {1} and {2}.")
    {
    }

    public override bool IsValid(object? value) => value is not TimeSpan duration || (duration >= Minimum && duration <= Maximum);

    public override string FormatErrorMessage(string name) =>
        string.Format(CultureInfo.InvariantCulture, ErrorMessageString, name, Minimum.ToString("c", CultureInfo.InvariantCulture), Maximum.ToString("c", CultureInfo.InvariantCulture));
}
