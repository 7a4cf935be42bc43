using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.VideoAlert.Data.Migrations
{
    /// <inheritdoc />
    public partial class Alerts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AlertId",
                table: "alarms",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Kind",
                table: "alarms",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Source",
                table: "alarms",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "SourceId",
                table: "alarms",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "alerts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CameraId = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    Method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    FirstAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Grouping = table.Column<bool>(type: "boolean", nullable: false),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    GridCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Summary = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RoutedTo = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    RouteTarget = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RoutedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Department = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    AckDeadline = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EscalationLevel = table.Column<int>(type: "integer", nullable: false),
                    EscalatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false, defaultValue: 1)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alerts", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alarms_AlertId",
                table: "alarms",
                column: "AlertId");

            migrationBuilder.CreateIndex(
                name: "IX_alerts_CameraId_Kind",
                table: "alerts",
                columns: new[] { "CameraId", "Kind" },
                unique: true,
                filter: "\"Grouping\"");

            migrationBuilder.CreateIndex(
                name: "IX_alerts_OrgPath_LastAt",
                table: "alerts",
                columns: new[] { "OrgPath", "LastAt" });

            migrationBuilder.CreateIndex(
                name: "IX_alerts_Status_AckDeadline",
                table: "alerts",
                columns: new[] { "Status", "AckDeadline" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alerts");

            migrationBuilder.DropIndex(
                name: "IX_alarms_AlertId",
                table: "alarms");

            migrationBuilder.DropColumn(
                name: "AlertId",
                table: "alarms");

            migrationBuilder.DropColumn(
                name: "Kind",
                table: "alarms");

            migrationBuilder.DropColumn(
                name: "Source",
                table: "alarms");

            migrationBuilder.DropColumn(
                name: "SourceId",
                table: "alarms");
        }
    }
}
