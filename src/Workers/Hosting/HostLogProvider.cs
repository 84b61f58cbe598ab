using Hangfire.AspNetCore;
using Hangfire.Logging;
using Microsoft.Extensions.Logging;

namespace Strata.Workers.Hosting;

/// <summary>
/// Hangfire's loggers from this host's <see cref="ILoggerFactory"/>, through Hangfire's process-wide log provider: in a
/// process with several hosts (the test suite) that provider is the last-built host's, and a host that starts after
/// that one was disposed must get a silent logger rather than fail to start on the disposed factory.
/// </summary>
internal sealed class HostLogProvider(ILoggerFactory loggerFactory) : ILogProvider
{
    private readonly AspNetCoreLogProvider _inner = new(loggerFactory);

    public ILog GetLogger(string name)
    {
        try
        {
            return _inner.GetLogger(name);
        }
        catch (ObjectDisposedException)
        {
            return Silent.Instance;
        }
    }

    private sealed class Silent : ILog
    {
        public static readonly Silent Instance = new();

        public bool Log(Hangfire.Logging.LogLevel logLevel, Func<string>? messageFunc, Exception? exception = null) => false;
    }
}
