using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Strata.Web.Files;

/// <summary>
/// <c>multipart/byteranges</c> answers for requests with several ranges, which the framework's file
/// results do not serve (they answer a single range only).
/// </summary>
internal static class MultipartRanges
{
    /// <summary>More ranges than this are answered with the whole file, as RFC 9110 allows, to bound the work.</summary>
    private const int MaxRanges = 64;

    /// <summary>The satisfiable ranges when the request asks for more than one, else null (let the framework answer).</summary>
    public static IReadOnlyList<(long From, long To)>? Parse(HttpRequest request, long length)
    {
        if (!RangeHeaderValue.TryParse(request.Headers.Range.ToString(), out var range)
            || !"bytes".Equals(range.Unit.Value, StringComparison.OrdinalIgnoreCase)
            || range.Ranges.Count is < 2 or > MaxRanges)
        {
            return null;
        }

        var satisfiable = new List<(long, long)>();
        foreach (var item in range.Ranges)
        {
            if (item.From is { } from)
            {
                if (from < length)
                {
                    satisfiable.Add((from, Math.Min(item.To ?? length - 1, length - 1)));
                }
            }
            else if (item.To is > 0 and var suffix)
            {
                satisfiable.Add((Math.Max(0, length - suffix), length - 1));
            }
        }

        return satisfiable;
    }

    public static async Task WriteAsync(HttpResponse response, Stream content, string contentType, long length, IReadOnlyList<(long From, long To)> ranges, CancellationToken cancellationToken)
    {
        var boundary = Guid.NewGuid().ToString("N");
        var parts = ranges.Select(r => (r.From, r.To, Header: PartHeader(boundary, contentType, r.From, r.To, length))).ToList();
        var closing = $"\r\n--{boundary}--\r\n";
        response.StatusCode = StatusCodes.Status206PartialContent;
        response.ContentType = $"multipart/byteranges; boundary={boundary}";
        response.ContentLength = parts.Sum(p => p.Header.Length + (p.To - p.From + 1)) + closing.Length;
        if (HttpMethods.IsHead(response.HttpContext.Request.Method))
        {
            return;
        }

        foreach (var (from, to, header) in parts)
        {
            await response.WriteAsync(header, cancellationToken);
            content.Seek(from, SeekOrigin.Begin);
            await CopyRangeAsync(content, response.Body, to - from + 1, cancellationToken);
        }

        await response.WriteAsync(closing, cancellationToken);
    }

    private static string PartHeader(string boundary, string contentType, long from, long to, long length) =>
        string.Create(CultureInfo.InvariantCulture, $"\r\n--{boundary}\r\nContent-Type: {contentType}\r\nContent-Range: bytes {from}-{to}/{length}\r\n\r\n");

    private static async Task CopyRangeAsync(Stream source, Stream destination, long count, CancellationToken cancellationToken)
    {
        var buffer = new byte[(int)Math.Min(count, 81920)];
        while (count > 0)
        {
            var read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, count)), cancellationToken);
            if (read == 0)
            {
                throw new IOException("The blob is shorter than its recorded size.");
            }

            await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            count -= read;
        }
    }
}
