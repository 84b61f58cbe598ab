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
        using var body = new XmlBody();
        var xml = body.Xml;
        xml.WriteStartDocument();
        xml.WriteStartElement("D", "error", DavXml.Dav);
        xml.WriteAttributeString("xmlns", "s", null, StrataNamespace);
        if (condition is not null)
        {
            xml.WriteStartElement("D", condition, DavXml.Dav);
            if (conditionHref is not null)
            {
                xml.WriteElementString("D", "href", DavXml.Dav, conditionHref);
            }

            xml.WriteEndElement();
        }

        if (detail is not null)
        {
            xml.WriteElementString("s", "message", StrataNamespace, detail);
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
        await body.SendAsync(response);
    }

    private const string StrataNamespace = "urn:strata:dav";
}
