using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Grid.Data.Migrations
{
    /// <inheritdoc />
    public partial class IncidentReportRequestId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ReportRequestId",
                table: "incidents",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_incidents_ReportedBy_ReportRequestId",
                table: "incidents",
                columns: new[] { "ReportedBy", "ReportRequestId" },
                unique: true,
                filter: "\"ReportRequestId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_incidents_ReportedBy_ReportRequestId",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "ReportRequestId",
                table: "incidents");
        }
    }
}
