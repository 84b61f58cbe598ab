using Strata.Infrastructure.Files;

namespace Strata.Infrastructure.Tests.Files;

public sealed class ContentTypesTests
{
    [Theory]
    [InlineData("Program.cs", "text/plain")]
    [InlineData("build.sh", "text/plain")]
    [InlineData("settings.yaml", "text/plain")]
    [InlineData("Main.java", "text/plain")]
    [InlineData("notes.txt", "text/plain")]
    [InlineData("README.md", "text/markdown")]
    [InlineData("table.csv", "text/csv")]
    [InlineData("clip.ts", "video/vnd.dlna.mpeg-tts")]
    [InlineData("report.odt", "application/vnd.oasis.opendocument.text")]
    [InlineData("sheet.ods", "application/vnd.oasis.opendocument.spreadsheet")]
    [InlineData("deck.odp", "application/vnd.oasis.opendocument.presentation")]
    [InlineData("deck.pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation")]
    [InlineData("core.dmp", "application/octet-stream")]
    public void Code_text_and_opendocument_get_their_types(string name, string expected) =>
        ContentTypes.Of(name).ShouldBe(expected);
}
