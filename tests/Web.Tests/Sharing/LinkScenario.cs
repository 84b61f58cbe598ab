using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Strata.Web.Tests.Sharing;

/// <summary>The team host with a clock the test moves (link expiry) and a visitor without an account.</summary>
public abstract class LinkScenario : TeamScenario
{
    protected LinkScenario() => App.ConfigureTestServices = services => services.AddSingleton<TimeProvider>(Clock);

    protected FakeTimeProvider Clock { get; } = new(TimeProvider.System.GetUtcNow());

    protected HttpClient Visitor { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Visitor = App.CreateAnonymousClient();
    }

    public override ValueTask DisposeAsync()
    {
        Visitor.Dispose();
        GC.SuppressFinalize(this);
        return base.DisposeAsync();
    }
}
