using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Grid.Data.Migrations
{
    /// <inheritdoc />
    public partial class AreaCodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Code",
                table: "grid_areas",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            // Areas drawn before codes existed get their id (32 hex digits) as their code: unique at any place. They were
            // never announced to population (no event existed), so population holds no house for them.
            migrationBuilder.Sql("UPDATE grid_areas SET \"Code\" = replace(\"Id\"::text, '-', '') WHERE \"Code\" = '';");

            migrationBuilder.CreateIndex(
                name: "IX_grid_areas_GridCode_Code",
                table: "grid_areas",
                columns: new[] { "GridCode", "Code" },
                unique: true,
                filter: "\"ParentId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_grid_areas_GridCode_ParentId_Code",
                table: "grid_areas",
                columns: new[] { "GridCode", "ParentId", "Code" },
                unique: true,
                filter: "\"ParentId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_grid_areas_GridCode_Code",
                table: "grid_areas");

            migrationBuilder.DropIndex(
                name: "IX_grid_areas_GridCode_ParentId_Code",
                table: "grid_areas");

            migrationBuilder.DropColumn(
                name: "Code",
                table: "grid_areas");
        }
    }
}
