using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Strata.Infrastructure.Hosting;

/// <summary>
/// Checks a settings class by its DataAnnotations, each property under its full key (<c>Strata:Trash:Retention</c>)
/// so that attribute messages written as <c>"{0} must …"</c> name it (only properties carrying an attribute are
/// read: a derived one such as <c>FullDataPath</c> may not even compute from invalid values); then, once every property is valid, its
/// <see cref="IValidatableObject"/> rules, whose context's display name is the section.
/// </summary>
internal sealed class SettingsValidator<T>(string section) : IValidateOptions<T>
    where T : class
{
    public string Section { get; } = section;

    /// <summary>
    /// Binds the section onto <paramref name="settings"/>. A value that does not convert (<c>Provider=Oracle</c>,
    /// <c>Retention=soon</c>) fails as validation does, with the binder's message naming the key and the value.
    /// </summary>
    public void Bind(IConfiguration configuration, T settings)
    {
        try
        {
            configuration.GetSection(Section).Bind(settings);
        }
        catch (InvalidOperationException e)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(T), [e.Message]);
        }
    }

    public ValidateOptionsResult Validate(string? name, T options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<ValidationResult>();
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.IsDefined(typeof(ValidationAttribute), inherit: true)))
        {
            var context = new ValidationContext(options) { MemberName = property.Name, DisplayName = $"{Section}:{property.Name}" };
            Validator.TryValidateProperty(property.GetValue(options), context, failures);
        }

        if (failures.Count == 0 && options is IValidatableObject validatable)
        {
            failures.AddRange(validatable.Validate(new ValidationContext(options) { DisplayName = Section }));
        }

        return failures.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(failures.Select(f => f.ErrorMessage ?? $"{Section} is invalid."));
    }
}
