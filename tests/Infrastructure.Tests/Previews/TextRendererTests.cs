using System.Diagnostics;
using System.Text;
using Strata.Domain.Previews;
using Strata.Infrastructure.Previews;
using Strata.Tests.Previews;

namespace Strata.Infrastructure.Tests.Previews;

public sealed class TextRendererTests
{
    private static readonly TextRenderer Renderer = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_lines_render_square_crops_and_a_fit_as_webp()
    {
        var result = await RenderAsync("using System;\n\nConsole.WriteLine(\"hello\");\n", RenditionSize.All);

        result.Refusal.ShouldBeNull();
        result.Images.Select(i => (i.Size, i.Width, i.Height)).OrderBy(i => i.Size)
            .ShouldBe([(64, 64, 64), (256, 256, 256), (1024, 1024, 1024), (2048, 1024, 1024)]);
        result.Images.ShouldAllBe(i => TestImages.IsWebp(i.Webp));
    }

    [Fact]
    public async Task Only_the_first_40_lines_are_drawn()
    {
        var lines = Enumerable.Range(1, 1000).Select(i => $"line {i} of the log").ToList();

        var whole = await RenderAsync(string.Join('\n', lines), [RenditionSize.Preview]);
        var start = await RenderAsync(string.Join('\n', lines.Take(TextRenderer.MaxLines)), [RenditionSize.Preview]);
        var less = await RenderAsync(string.Join('\n', lines.Take(TextRenderer.MaxLines - 1)), [RenditionSize.Preview]);

        whole.Images[0].Webp.ShouldBe(start.Images[0].Webp);
        whole.Images[0].Webp.ShouldNotBe(less.Images[0].Webp);
    }

    [Fact]
    public async Task An_endless_source_is_read_only_up_to_8_kb()
    {
        var watch = Stopwatch.StartNew();

        var result = await Renderer.RenderAsync(new RenderSource(() => new EndlessText(), null), [RenditionSize.Grid], Ct);

        result.Refusal.ShouldBeNull();
        watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("<span foreground=\"red\" size=\"100000\">big</span>")]
    [InlineData("<b>unclosed & < > ' \"")]
    [InlineData("a\u0001b\u001Fc\u007F")]
    [InlineData("")]
    public async Task Markup_and_control_characters_are_drawn_as_text(string text)
    {
        var result = await RenderAsync(text, [RenditionSize.Grid]);

        result.Refusal.ShouldBeNull();
        result.Images.ShouldHaveSingleItem();
    }

    [Fact]
    public void Markup_is_escaped()
    {
        TextRenderer.Escape("<b a=\"1\">&'\u0007x\n").ShouldBe("&lt;b a=&quot;1&quot;&gt;&amp;&apos;\uFFFDx\n");
    }

    [Fact]
    public async Task Utf16_with_a_byte_order_mark_draws_as_its_utf8_twin()
    {
        const string text = "Grüße, 東京\nline two";

        var utf8 = await RenderAsync(Encoding.UTF8.GetBytes(text), [RenditionSize.Preview]);
        var utf16 = await RenderAsync([.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text)], [RenditionSize.Preview]);

        utf16.Images[0].Webp.ShouldBe(utf8.Images[0].Webp);
    }

    [Fact]
    public async Task Binary_content_is_refused()
    {
        var result = await RenderAsync([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00], [RenditionSize.Grid]);

        result.Refusal.ShouldBe("The content is binary, not text.");
    }

    [Theory]
    [InlineData("text/plain", true)]
    [InlineData("text/markdown", true)]
    [InlineData("text/csv", true)]
    [InlineData("application/json", true)]
    [InlineData("image/svg+xml", false)]
    [InlineData("application/pdf", false)]
    public void Text_types_are_accepted(string contentType, bool accepted) =>
        Renderer.Accepts(contentType).ShouldBe(accepted);

    private static Task<RenderResult> RenderAsync(string text, IReadOnlyList<int> sizes) => RenderAsync(Encoding.UTF8.GetBytes(text), sizes);

    private static Task<RenderResult> RenderAsync(byte[] content, IReadOnlyList<int> sizes) =>
        Renderer.RenderAsync(new RenderSource(() => new MemoryStream(content, writable: false), null), sizes, Ct);

    /// <summary>A log that never ends.</summary>
    private sealed class EndlessText : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            buffer.AsSpan(offset, count).Fill((byte)'x');
            buffer[offset] = (byte)'\n';
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
