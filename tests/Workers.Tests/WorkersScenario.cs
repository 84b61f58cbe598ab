namespace Strata.Workers.Tests;

/// <summary>A started <see cref="WorkersHost"/> per test.</summary>
public abstract class WorkersScenario : IAsyncLifetime
{
    protected WorkersHost Host { get; } = new();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => await Host.StartAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
