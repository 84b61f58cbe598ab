using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Strata.Infrastructure.Hosting;

/// <summary>
/// The one way a settings class is bound and checked (decision 0013): bound from its configuration section, validated
/// by its DataAnnotations (and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/> for rules across
/// fields) with messages naming the full key, at start. A bad setting stops the host before it serves anything.
/// </summary>
public static class SettingsRegistration
{
    /// <summary>
    /// Registers <typeparamref name="T"/> bound from <paramref name="section"/>, validated now and again on start. Every
    /// registration that reads a settings class declares it; a second call for the same class and section changes nothing.
    /// </summary>
    /// <remarks>
    /// Now as well as on start: a host that fails while starting is disposed on its own thread, and the test host that
    /// waits for it may then meet a disposed container instead of the reason (seen in CI); failing here, before the host
    /// exists, always gives the reason. On start still, for configuration that changes after registration.
    /// </remarks>
    /// <exception cref="InvalidOperationException">The class is already bound to another section.</exception>
    /// <exception cref="OptionsValidationException">A setting is invalid; the message names its key.</exception>
    public static IHostApplicationBuilder AddSettings<T>(this IHostApplicationBuilder builder, string section)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        var existing = builder.Services
            .Select(d => d.ImplementationInstance)
            .OfType<SettingsValidator<T>>()
            .FirstOrDefault();
        if (existing is not null)
        {
            return existing.Section == section
                ? builder
                : throw new InvalidOperationException($"{typeof(T).Name} is bound to {existing.Section}, not {section}.");
        }

        builder.GetSettings<T>(section);
        var validator = new SettingsValidator<T>(section);
        builder.Services.AddOptions<T>()
            .Configure<IConfiguration>((settings, configuration) => validator.Bind(configuration, settings))
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<T>>(validator);
        builder.Services.AddSingleton<IOptionsChangeTokenSource<T>>(sp =>
            new ConfigurationChangeTokenSource<T>(sp.GetRequiredService<IConfiguration>()));
        return builder;
    }

    /// <summary>
    /// The validated settings now, for a registration that must choose services by them before the container exists
    /// (the database provider). Binds and validates exactly as <see cref="AddSettings{T}"/> does.
    /// </summary>
    /// <exception cref="OptionsValidationException">A setting is invalid; the message names its key.</exception>
    public static T GetSettings<T>(this IHostApplicationBuilder builder, string section)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        var validator = new SettingsValidator<T>(section);
        var settings = new T();
        validator.Bind(builder.Configuration, settings);
        var result = validator.Validate(Options.DefaultName, settings);
        return result.Failed
            ? throw new OptionsValidationException(Options.DefaultName, typeof(T), result.Failures)
            : settings;
    }
}
