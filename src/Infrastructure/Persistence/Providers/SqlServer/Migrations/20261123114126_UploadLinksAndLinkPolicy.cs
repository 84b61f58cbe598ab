using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Strata.Infrastructure.Persistence.Providers.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class UploadLinksAndLinkPolicy : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "LinkId",
                table: "Uploads",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UploaderEmail",
                table: "Uploads",
                type: "nvarchar(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UploaderName",
                table: "Uploads",
                type: "nvarchar(254)",
                maxLength: 254,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "PublicLinks",
                type: "varchar(16)",
                unicode: false,
                maxLength: 16,
                nullable: false,
                defaultValue: "Download"); // Every link made before this migration is a download link.

            migrationBuilder.AddColumn<string>(
                name: "Details",
                table: "Journal",
                type: "nvarchar(1024)",
                maxLength: 1024,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "LinkId",
                table: "Journal",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LinkPolicies",
                columns: table => new
                {
                    Kind = table.Column<string>(type: "varchar(16)", unicode: false, maxLength: 16, nullable: false),
                    MaxExpiryDays = table.Column<int>(type: "int", nullable: true),
                    RequirePassword = table.Column<bool>(type: "bit", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "datetimeoffset", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LinkPolicies", x => x.Kind);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Journal_LinkId",
                table: "Journal",
                column: "LinkId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LinkPolicies");

            migrationBuilder.DropIndex(
                name: "IX_Journal_LinkId",
                table: "Journal");

            migrationBuilder.DropColumn(
                name: "LinkId",
                table: "Uploads");

            migrationBuilder.DropColumn(
                name: "UploaderEmail",
                table: "Uploads");

            migrationBuilder.DropColumn(
                name: "UploaderName",
                table: "Uploads");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "PublicLinks");

            migrationBuilder.DropColumn(
                name: "Details",
                table: "Journal");

            migrationBuilder.DropColumn(
                name: "LinkId",
                table: "Journal");
        }
    }
}
