using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Strata.Web.Tests;

/// <summary>
/// Strata.Web.dll from this test's folder, in a process of its own that may die at any instruction: killed by the
/// test (<see cref="Kill"/>, a SIGKILL) or by itself at a crash point (<c>STRATA_CRASH_AT</c>).
/// </summary>
internal sealed class StrataProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly string _password;

    private StrataProcess(Process process, Uri address, string password)
    {
        _process = process;
        _password = password;
        Address = address;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// Starts a host on <paramref name="data"/> whose administrator has <paramref name="password"/>, with
    /// <paramref name="settings"/> (configuration keys, as <c>Strata:Blobs:Provider</c>) on top; returns once it is ready.
    /// </summary>
    public static async Task<StrataProcess> StartAsync(string data, string password, string? crashAt, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var address = new Uri($"http://127.0.0.1:{FreePort()}");
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Strata.Web.dll"));
        start.Environment["ASPNETCORE_URLS"] = address.ToString();
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Strata__DataPath"] = data;
        start.Environment["Strata__Admin__Email"] = StrataAppFactory.AdminEmail;
        start.Environment["Strata__Admin__Password"] = password;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["STRATA_CRASH_AT"] = crashAt ?? string.Empty;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var started = new StrataProcess(Process.Start(start)!, address, password);
        await started.WaitReadyAsync();
        return started;
    }

    /// <summary>A client that signs in as the administrator, or as <paramref name="email"/> with the same password.</summary>
    public HttpClient Client(string email = StrataAppFactory.AdminEmail)
    {
        var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{email}:{_password}")));
        return client;
    }

    /// <summary>Waits for the process to end by itself, as the crash point ends it.</summary>
    public async Task<int> ExitCodeAsync()
    {
        await _process.WaitForExitAsync(Ct).WaitAsync(TimeSpan.FromSeconds(60), Ct);
        return _process.ExitCode;
    }

    /// <summary>Kills the process at once (SIGKILL: no shutdown code runs) and waits until it is gone.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private async Task WaitReadyAsync()
    {
        using var probe = Client();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            _process.HasExited.ShouldBeFalse(Output);
            try
            {
                using var response = await probe.GetAsync(new Uri("/health/ready", UriKind.Relative), Ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }

            await Task.Delay(200, Ct);
        }

        throw new TimeoutException("Strata did not become ready:\n" + Output);
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.Server.LocalEndPoint!).Port;
    }
}
