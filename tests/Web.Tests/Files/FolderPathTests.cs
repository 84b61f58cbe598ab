using Strata.Web.Files;

namespace Strata.Web.Tests.Files;

public sealed class FolderPathTests
{
    [Fact]
    public void One_file_downloads_directly()
    {
        FolderPath.DownloadSelectionHref([("/Shared/a b.txt", false)]).ShouldBe("/api/v1/fs-content/Shared/a%20b.txt");
    }

    [Fact]
    public void A_folder_or_several_items_download_as_one_zip_with_every_path_escaped()
    {
        FolderPath.DownloadSelectionHref([("/Shared/Builds", true)]).ShouldBe("/api/v1/zip?path=%2FShared%2FBuilds");
        FolderPath.DownloadSelectionHref([("/Shared/a&b.txt", false), ("/Shared/c#.txt", false)])
            .ShouldBe("/api/v1/zip?path=%2FShared%2Fa%26b.txt&path=%2FShared%2Fc%23.txt");
    }

    [Fact]
    public void Version_links_name_the_version()
    {
        FolderPath.DownloadHref("/Private/alice/plan.txt", 3).ShouldBe("/api/v1/fs-content/Private/alice/plan.txt?version=3");
    }

    [Theory]
    [InlineData(390, 2)]
    [InlineData(800, 5)]
    [InlineData(1280, 7)]
    [InlineData(5000, 12)]
    public void Grid_columns_follow_the_window_width(int width, int columns)
    {
        ListingLayout.GridColumns(width).ShouldBe(columns);
    }
}
