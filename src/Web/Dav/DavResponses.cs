using System.Text;
using System.Xml;
using Microsoft.AspNetCore.WebUtilities;

namespace Strata.Web.Dav;

/// <summary>Status lines and RFC 4918 error bodies.</summary>
internal static class DavResponses
{
    public const string XmlContentType = "application/xml; charset=utf-8";

    public static readonly XmlWriterSettings WriterSettings = new()
    {
        Async = true,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        // Windows' WebClient caps a PROPFIND answer at 1 MB: no indentation, short prefixes.
        Indent = false,
        CloseOutput = false,
    };

    public static string StatusLine(int status) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {ReasonPhrases.GetReasonPhrase(status)}");

    /// <summary>
    /// An error response: <c>&lt;D:error&gt;</c> naming the precondition when there is one (§16), with the
    /// reason as a Strata message element so clients and people can tell what went wrong.
    /// </summary>
    public static async Task WriteErrorAsync(HttpResponse response, int status, string? detail, string? condition = null, string? conditionHref = null)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = status;
        if (status is StatusCodes.Status304NotModified or StatusCodes.Status204NoContent || HttpMethods.IsHead(response.HttpContext.Request.Method))
        {
            return;
        }

        response.ContentType = XmlContentType;
        await using var xml = XmlWriter.Create(response.Body, WriterSettings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync("D", "error", DavXml.Dav);
        await xml.WriteAttributeStringAsync("xmlns", "s", null, StrataNamespace);
        if (condition is not null)
        {
            await xml.WriteStartElementAsync("D", condition, DavXml.Dav);
            if (conditionHref is not null)
            {
                await xml.WriteElementStringAsync("D", "href", DavXml.Dav, conditionHref);
            }

            await xml.WriteEndElementAsync();
        }

        if (detail is not null)
        {
            await xml.WriteElementStringAsync("s", "message", StrataNamespace, detail);
        }

        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
        await xml.FlushAsync();
    }

    private const string StrataNamespace = "urn:strata:dav";
}
