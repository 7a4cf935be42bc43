using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Search.Data.Migrations
{
    /// <inheritdoc />
    public partial class IncidentDetails : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Details",
                table: "search_documents",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<bool>(
                name: "DetailsWanted",
                table: "search_documents",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_search_documents_DetailsWanted",
                table: "search_documents",
                column: "DetailsWanted",
                filter: "\"DetailsWanted\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_search_documents_DetailsWanted",
                table: "search_documents");

            migrationBuilder.DropColumn(
                name: "Details",
                table: "search_documents");

            migrationBuilder.DropColumn(
                name: "DetailsWanted",
                table: "search_documents");
        }
    }
}
