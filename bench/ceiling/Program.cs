using System.IO.Pipelines;
using System.Net.Http.Headers;

// The least a WebDAV server does for dav-bench.sh's PUT, GET and Range figures, on this runtime and machine:
// files straight on disk under CEILING_ROOT, no accounts (any credentials pass), no database, no locks, no
// versions. With CEILING_DURABLE=1 each PUT's file is fsynced before the answer, as Strata's rule that
// nothing uploaded is lost asks; Apache and rclone do not. bench/ceiling.sh runs it beside Strata and the
// peers in one compare.sh run, to show what no amount of work inside Strata can pass.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = null);
var app = builder.Build();

var root = Path.GetFullPath(Environment.GetEnvironmentVariable("CEILING_ROOT") ?? "/tmp/ceiling-root");
var durable = Environment.GetEnvironmentVariable("CEILING_DURABLE") == "1";
Directory.CreateDirectory(root);

app.MapMethods("/{**path}", ["OPTIONS"], (HttpResponse response) =>
{
    response.Headers["DAV"] = "1";
    return Results.Ok();
});

app.MapMethods("/{**path}", ["MKCOL"], (string? path) =>
{
    Directory.CreateDirectory(Resolve(path));
    return Results.StatusCode(StatusCodes.Status201Created);
});

app.MapMethods("/{**path}", ["PUT"], async (string? path, HttpRequest request) =>
{
    var target = Resolve(path);
    var existed = File.Exists(target);
    var staging = Path.Combine(Path.GetDirectoryName(target)!, "." + Guid.NewGuid().ToString("N"));
    await using (var file = new FileStream(staging, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0))
    {
        await request.Body.CopyToAsync(file, request.HttpContext.RequestAborted);
        if (durable)
        {
            file.Flush(flushToDisk: true);
        }
    }

    File.Move(staging, target, overwrite: true);
    return Results.StatusCode(existed ? StatusCodes.Status204NoContent : StatusCodes.Status201Created);
});

app.MapMethods("/{**path}", ["GET", "HEAD"], async (string? path, HttpContext context) =>
{
    var target = Resolve(path);
    if (!File.Exists(target))
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return;
    }

    await using var file = new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
    var (from, to) = (0L, file.Length - 1);
    if (RangeHeaderValue.TryParse(context.Request.Headers.Range, out var range) && range.Ranges.Count == 1
        && range.Ranges.First() is { From: { } start } single)
    {
        (from, to) = (start, Math.Min(single.To ?? to, to));
        context.Response.StatusCode = StatusCodes.Status206PartialContent;
        context.Response.Headers.ContentRange = $"bytes {from}-{to}/{file.Length}";
    }

    context.Response.ContentLength = to - from + 1;
    context.Response.ContentType = "application/octet-stream";
    if (HttpMethods.IsGet(context.Request.Method))
    {
        file.Seek(from, SeekOrigin.Begin);
        await CopyAsync(file, context.Response.BodyWriter, to - from + 1, context.RequestAborted);
    }
});

app.MapMethods("/{**path}", ["DELETE"], (string? path) =>
{
    var target = Resolve(path);
    if (Directory.Exists(target))
    {
        Directory.Delete(target, recursive: true);
    }
    else
    {
        File.Delete(target);
    }

    return Results.NoContent();
});

await app.RunAsync();

string Resolve(string? path)
{
    var full = Path.GetFullPath(Path.Combine(root, path ?? string.Empty));
    return full == root || full.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        ? full.TrimEnd(Path.DirectorySeparatorChar)
        : throw new BadHttpRequestException("The path leaves the root.");
}

// As Strata serves content: read straight into the response pipe, 256 KiB at a time.
static async Task CopyAsync(Stream source, PipeWriter destination, long count, CancellationToken cancellationToken)
{
    while (count > 0)
    {
        var memory = destination.GetMemory((int)Math.Min(256 * 1024, count));
        var read = await source.ReadAsync(memory[..(int)Math.Min(memory.Length, count)], cancellationToken);
        if (read == 0)
        {
            return;
        }

        destination.Advance(read);
        count -= read;
        await destination.FlushAsync(cancellationToken);
    }
}
