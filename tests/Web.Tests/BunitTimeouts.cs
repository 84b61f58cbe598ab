using System.Runtime.CompilerServices;
using Bunit;

namespace Strata.Web.Tests;

internal static class BunitTimeouts
{
    /// <summary>
    /// bUnit waits one second by default for a render to show what a test expects; a CI machine running five test
    /// hosts on two cores misses that now and then. A wait ends as soon as the assertion holds, so a longer bound
    /// costs a passing test nothing.
    /// </summary>
    [ModuleInitializer]
    internal static void Lengthen() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(10);
}
