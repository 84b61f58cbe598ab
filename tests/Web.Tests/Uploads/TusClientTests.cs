using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text.Json;
using Strata.Web.Tests.Files;

namespace Strata.Web.Tests.Uploads;

/// <summary>The browser's client, tus-js-client, run by Node against the host on a real Kestrel port.</summary>
public sealed class TusClientTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Tus_js_client_uploads_5_MB_in_1_MB_chunks_and_the_content_is_identical()
    {
        using var app = StartOnKestrel(out var server);
        using var admin = await AdminWithFolderAsync(app, server, "/Shared/Builds");
        var file = Path.Combine(app.DataPath, "build-5mb.bin");
        await File.WriteAllBytesAsync(file, RandomNumberGenerator.GetBytes(5 * 1024 * 1024 + 123), Ct);
        var endpoint = new Uri(server, TusClient.Endpoint).ToString();

        await InstallClientOnceAsync();
        var output = await RunAsync("node", ["upload.mjs", endpoint, $"{StrataAppFactory.AdminEmail}:{StrataAppFactory.Password}", file]);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].ShouldStartWith(endpoint + "/");
        lines[1].ShouldBe("/Shared/Builds/build-5mb.bin");
        using var download = await admin.GetAsync(FsClient.Content("/Shared/Builds/build-5mb.bin"), HttpCompletionOption.ResponseHeadersRead, Ct);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var body = await download.Content.ReadAsStreamAsync(Ct);
        await using var original = File.OpenRead(file);
        (await SHA256.HashDataAsync(body, Ct)).ShouldBe(await SHA256.HashDataAsync(original, Ct));
    }

    [Fact]
    public async Task Tus_js_client_uploads_through_an_upload_link_without_an_account()
    {
        using var app = StartOnKestrel(out var server);
        using var admin = await AdminWithFolderAsync(app, server, "/Shared/Inbox");
        using var created = await admin.PostAsJsonAsync(new Uri("/api/v1/links", UriKind.Relative), new { path = "/Shared/Inbox", kind = "upload" }, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("token").GetString()!;
        var file = Path.Combine(app.DataPath, "dump-3mb.bin");
        await File.WriteAllBytesAsync(file, RandomNumberGenerator.GetBytes(3 * 1024 * 1024 + 7), Ct);

        await InstallClientOnceAsync();
        var output = await RunAsync("node", ["upload.mjs", new Uri(server, TusClient.Endpoint).ToString(), $"link:{token}", file, "/Private/admin"]);

        output.ShouldNotContain("/Shared/Inbox");
        using var download = await admin.GetAsync(FsClient.Content("/Shared/Inbox/dump-3mb.bin"), HttpCompletionOption.ResponseHeadersRead, Ct);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var body = await download.Content.ReadAsStreamAsync(Ct);
        await using var original = File.OpenRead(file);
        (await SHA256.HashDataAsync(body, Ct)).ShouldBe(await SHA256.HashDataAsync(original, Ct));
    }

    /// <summary><c>npm ci</c> when node_modules is missing or older than the lock file; from the cache when it can.</summary>
    private static async Task InstallClientOnceAsync()
    {
        var installed = new FileInfo(Path.Combine(ClientFolder(), "node_modules", ".package-lock.json"));
        if (!installed.Exists || installed.LastWriteTimeUtc < File.GetLastWriteTimeUtc(Path.Combine(ClientFolder(), "package-lock.json")))
        {
            await RunAsync("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund"]);
        }
    }

    /// <summary>The host on a real port, which Node can reach.</summary>
    private static StrataAppFactory StartOnKestrel(out Uri server)
    {
        var app = new StrataAppFactory();
        server = app.StartOnKestrel();
        return app;
    }

    private static async Task<HttpClient> AdminWithFolderAsync(StrataAppFactory app, Uri server, string folder)
    {
        var admin = await app.CreateAdminClientAsync();
        admin.BaseAddress = server;
        (await admin.MkdirAsync(folder)).StatusCode.ShouldBe(HttpStatusCode.Created);
        return admin;
    }

    /// <summary>Runs a tool in the client folder and returns its output; a missing tool fails the test with a clear reason.</summary>
    private static async Task<string> RunAsync(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = ClientFolder(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"'{tool}' could not be started ({e.Message}). Node.js and npm must be installed to run the tus-js-client test.", e);
        }

        using (process)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
            timeout.CancelAfter(TimeSpan.FromMinutes(3));
            var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
            var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException e)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{tool} {string.Join(' ', arguments)} did not finish in time.", e);
            }

            process.ExitCode.ShouldBe(0, $"{tool} {string.Join(' ', arguments)} failed:\n{await stderr}\n{await stdout}");
            return await stdout;
        }
    }

    private static string ClientFolder([CallerFilePath] string source = "") =>
        Path.Combine(Path.GetDirectoryName(source)!, "tus-client");
}
