using System.ComponentModel.DataAnnotations;

namespace Strata.Infrastructure.Hosting;

/// <summary>An optional text setting: unset (null) falls back to its default, but set it must hold something.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotBlankAttribute : ValidationAttribute
{
    public NotBlankAttribute()
        : base("{0} must not be empty when set.")
    {
    }

    public override bool IsValid(object? value) => value is not string text || !string.IsNullOrWhiteSpace(text);
}
