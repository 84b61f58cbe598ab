using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace Strata.Web.Files;

/// <summary>Byte ranges of a request, and the <c>multipart/byteranges</c> answer for several of them.</summary>
internal static class MultipartRanges
{
    /// <summary>More ranges than this are answered with the whole file, as RFC 9110 allows, to bound the work.</summary>
    private const int MaxRanges = 64;

    /// <summary>
    /// The satisfiable ranges, clamped to the length; empty when none is; null when the header is not a
    /// byte range set we serve (then the whole file is sent).
    /// </summary>
    public static IReadOnlyList<(long From, long To)>? Parse(RangeHeaderValue range, long length)
    {
        ArgumentNullException.ThrowIfNull(range);
        if (!"bytes".Equals(range.Unit.Value, StringComparison.OrdinalIgnoreCase) || range.Ranges.Count is 0 or > MaxRanges)
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
            else if (item.To is > 0 and var suffix && length > 0)
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
            await BlobContentResult.CopyAsync(content, response.BodyWriter, to - from + 1, cancellationToken);
        }

        await response.WriteAsync(closing, cancellationToken);
    }

    private static string PartHeader(string boundary, string contentType, long from, long to, long length) =>
        string.Create(CultureInfo.InvariantCulture, $"\r\n--{boundary}\r\nContent-Type: {contentType}\r\nContent-Range: bytes {from}-{to}/{length}\r\n\r\n");
}
