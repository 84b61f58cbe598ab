namespace Strata.Web.Tests.Dav;

/// <summary>The team scenario of the WebDAV method tests, which work in alice's own folder unless they need the team's.</summary>
public abstract class DavScenario : TeamScenario
{
    protected const string Home = "/Private/alice";
}
