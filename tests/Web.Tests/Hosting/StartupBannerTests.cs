using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Strata.Web.Tests.Hosting;

public sealed class StartupBannerTests
{
    /// <summary>Tests log warnings and worse only; the banner is information.</summary>
    private const string Category = "Logging:LogLevel:Strata.Web.Hosting.StartupBanner";

    [Fact]
    public async Task The_console_names_the_data_folder_and_on_an_empty_database_the_setup_page()
    {
        var log = new Lines();
        await using var app = new StrataAppFactory { ConfigureTestServices = s => s.AddSingleton<ILoggerProvider>(log) };
        app.Settings[Category] = "Information";

        var address = app.StartOnKestrel();

        await WaitForAsync(() => log.Messages.Any(m => m.Contains("to create the administrator", StringComparison.Ordinal)));
        log.Messages.ShouldContain($"Data folder: {Path.GetFullPath(app.DataPath)}");
        log.Messages.ShouldContain($"Open {new Uri(address, "/account/setup")} to create the administrator");
    }

    [Fact]
    public async Task With_an_account_there_is_no_setup_to_offer()
    {
        var log = new Lines();
        await using (var first = new StrataAppFactory())
        {
            using (await first.CreateAdminClientAsync())
            {
                // An administrator exists.
            }

            await using var second = first.Restart();
            second.ConfigureTestServices = s => s.AddSingleton<ILoggerProvider>(log);
            second.Settings[Category] = "Information";
            await first.DisposeAsync();
            second.StartOnKestrel();
            await WaitForAsync(() => log.Messages.Any(m => m.StartsWith("Data folder: ", StringComparison.Ordinal)));
            await Task.Delay(500, TestContext.Current.CancellationToken);
        }

        log.Messages.ShouldNotContain(m => m.Contains("to create the administrator", StringComparison.Ordinal));
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var waited = 0; !condition(); waited += 50)
        {
            waited.ShouldBeLessThan(20_000, "the start-up lines were not logged");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Keeps the formatted messages of the start-up banner.</summary>
    private sealed class Lines : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => categoryName.EndsWith("StartupBanner", StringComparison.Ordinal) ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Enqueue(formatter(state, exception));

        public void Dispose()
        {
        }
    }
}
