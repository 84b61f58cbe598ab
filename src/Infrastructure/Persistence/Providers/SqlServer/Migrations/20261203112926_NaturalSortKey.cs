using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Strata.Infrastructure.Persistence.Providers.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class NaturalSortKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SortKey",
                table: "Nodes",
                type: "nvarchar(512)",
                maxLength: 512,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Nodes_ParentId_IsFolder_SortKey",
                table: "Nodes",
                columns: new[] { "ParentId", "IsFolder", "SortKey" },
                descending: new[] { false, true, false },
                filter: "TrashedAt IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Nodes_ParentId_IsFolder_SortKey",
                table: "Nodes");

            migrationBuilder.DropColumn(
                name: "SortKey",
                table: "Nodes");
        }
    }
}
