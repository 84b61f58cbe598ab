using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Strata.Domain.Files;
using Strata.Web.Files;

namespace Strata.Web.Tests.Files;

public sealed class TextPreviewTests
{
    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("[click](javascript:alert(1))")]
    [InlineData("![x](https://tracker.example/pixel.png)")]
    [InlineData("<iframe src=https://evil.example></iframe>")]
    [InlineData("<a href=\"https://x.example\" onclick=\"alert(1)\">x</a>")]
    [InlineData("<svg><foreignObject><script>alert(1)</script></foreignObject></svg>")]
    public void Markdown_keeps_no_active_content(string markdown)
    {
        var html = SafeMarkdown.Render(markdown);

        using var document = new HtmlParser().ParseDocument(html);
        var elements = document.Body!.Descendants<IElement>().ToList();
        elements.Select(e => e.LocalName).Intersect(["script", "img", "iframe", "svg", "object", "embed"]).ShouldBeEmpty();
        elements.SelectMany(e => e.Attributes).Where(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)).ShouldBeEmpty();
        elements.Where(e => (e.GetAttribute("href") ?? "").Contains("javascript:", StringComparison.OrdinalIgnoreCase)).ShouldBeEmpty();
    }

    [Fact]
    public void Markdown_formatting_survives()
    {
        var html = SafeMarkdown.Render("# Title\n\n**bold** and `code`\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[docs](https://docs.example/x)");

        html.ShouldContain("<h1");
        html.ShouldContain("<strong>bold</strong>");
        html.ShouldContain("<code>code</code>");
        html.ShouldContain("<table>");
        html.ShouldContain("href=\"https://docs.example/x\"");
    }

    [Theory]
    [InlineData("photo.png", "image/png", "Image")]
    [InlineData("scan.pdf", "application/pdf", "Pdf")]
    [InlineData("song.mp3", "audio/mpeg", "Audio")]
    [InlineData("clip.mp4", "video/mp4", "Video")]
    [InlineData("README.md", "text/markdown", "Markdown")]
    [InlineData("Program.cs", null, "Text")]
    [InlineData("page.html", "text/html", "Text")]
    [InlineData("logo.svg", "image/svg+xml", "Text")]
    [InlineData("core.dmp", "application/octet-stream", "None")]
    public void Preview_kind_never_renders_active_formats(string name, string? contentType, string expected)
    {
        var item = new NodeInfo(1, name, "/Shared/" + name, false, 10, contentType, "hash", 1, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch, null);

        PreviewKinds.Of(item).ToString().ShouldBe(expected);
    }
}
