using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Strata.Infrastructure.Persistence.Providers.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RenditionPages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Renditions_SourceHash_Kind_Size",
                table: "Renditions");

            migrationBuilder.AddColumn<int>(
                name: "Page",
                table: "Renditions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "PageCount",
                table: "Renditions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Renditions_SourceHash_Kind_Page_Size",
                table: "Renditions",
                columns: new[] { "SourceHash", "Kind", "Page", "Size" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Renditions_SourceHash_Kind_Page_Size",
                table: "Renditions");

            migrationBuilder.DropColumn(
                name: "Page",
                table: "Renditions");

            migrationBuilder.DropColumn(
                name: "PageCount",
                table: "Renditions");

            migrationBuilder.CreateIndex(
                name: "IX_Renditions_SourceHash_Kind_Size",
                table: "Renditions",
                columns: new[] { "SourceHash", "Kind", "Size" },
                unique: true);
        }
    }
}
