using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Strata.Infrastructure.Persistence.Providers.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class JournalNodeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Journal_NodeId_Sequence",
                table: "Journal",
                columns: new[] { "NodeId", "Sequence" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Journal_NodeId_Sequence",
                table: "Journal");
        }
    }
}
