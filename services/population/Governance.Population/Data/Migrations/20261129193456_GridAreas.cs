using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Population.Data.Migrations
{
    /// <inheritdoc />
    public partial class GridAreas : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "GridAreaId",
                table: "houses",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "GridSyncedAt",
                table: "houses",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "pending_grid_areas",
                columns: table => new
                {
                    AreaId = table.Column<Guid>(type: "uuid", nullable: false),
                    ParentAreaId = table.Column<Guid>(type: "uuid", nullable: false),
                    GridCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Code = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_pending_grid_areas", x => x.AreaId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_houses_GridAreaId",
                table: "houses",
                column: "GridAreaId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_pending_grid_areas_ParentAreaId",
                table: "pending_grid_areas",
                column: "ParentAreaId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "pending_grid_areas");

            migrationBuilder.DropIndex(
                name: "IX_houses_GridAreaId",
                table: "houses");

            migrationBuilder.DropColumn(
                name: "GridAreaId",
                table: "houses");

            migrationBuilder.DropColumn(
                name: "GridSyncedAt",
                table: "houses");
        }
    }
}
