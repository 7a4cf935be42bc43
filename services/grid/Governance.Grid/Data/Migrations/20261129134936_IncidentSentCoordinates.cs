using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Grid.Data.Migrations
{
    /// <inheritdoc />
    public partial class IncidentSentCoordinates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SentCoordinateSystem",
                table: "incidents",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "SentLatitude",
                table: "incidents",
                type: "double precision",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "SentLongitude",
                table: "incidents",
                type: "double precision",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SentCoordinateSystem",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "SentLatitude",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "SentLongitude",
                table: "incidents");
        }
    }
}
