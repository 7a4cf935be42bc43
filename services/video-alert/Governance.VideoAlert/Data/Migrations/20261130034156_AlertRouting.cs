using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Governance.VideoAlert.Data.Migrations
{
    /// <inheritdoc />
    public partial class AlertRouting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "NextRouteAt",
                table: "alerts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RouteAttempts",
                table: "alerts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "maintenance_tasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AlertId = table.Column<Guid>(type: "uuid", nullable: false),
                    CameraId = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    Owner = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Department = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_maintenance_tasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "routing_rule_sets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ChangedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_rule_sets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "routing_rules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    PriorityFrom = table.Column<int>(type: "integer", nullable: false),
                    PriorityTo = table.Column<int>(type: "integer", nullable: false),
                    Area = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Category = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Urgency = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Department = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_routing_rules", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "routing_rule_sets",
                columns: new[] { "Id", "ChangedAt", "ChangedBy", "Version" },
                values: new object[] { 1, null, null, 1 });

            migrationBuilder.InsertData(
                table: "routing_rules",
                columns: new[] { "Id", "Action", "Area", "Category", "Department", "Kind", "PriorityFrom", "PriorityTo", "Urgency" },
                values: new object[,]
                {
                    { 1, "incident", "", "safety_hazard", null, "fire_smoke", 1, 2, "critical" },
                    { 2, "incident", "", "safety_hazard", null, "fire_smoke", 3, 4, "urgent" },
                    { 3, "incident", "", "safety_hazard", null, "flooding", 1, 2, "urgent" },
                    { 4, "incident", "", "safety_hazard", null, "flooding", 3, 4, "normal" },
                    { 5, "incident", "", "safety_hazard", null, "intrusion", 1, 2, "urgent" },
                    { 6, "incident", "", "safety_hazard", null, "intrusion", 3, 4, "normal" },
                    { 7, "incident", "", "safety_hazard", null, "abandoned_object", 1, 2, "urgent" },
                    { 8, "incident", "", "safety_hazard", null, "abandoned_object", 3, 4, "normal" },
                    { 9, "incident", "", "street_order", null, "road_blocked", 1, 2, "urgent" },
                    { 10, "incident", "", "street_order", null, "road_blocked", 3, 4, "normal" },
                    { 11, "incident", "", "street_order", null, "crowd_density", 1, 2, "urgent" },
                    { 12, "incident", "", "street_order", null, "crowd_density", 3, 4, "normal" },
                    { 13, "maintenance", "", null, null, "video_loss", 1, 4, null },
                    { 14, "maintenance", "", null, null, "tampering", 1, 4, null },
                    { 15, "maintenance", "", null, null, "storage_fault", 1, 4, null },
                    { 16, "maintenance", "", null, null, "device_flapping", 1, 4, null },
                    { 17, "none", "", null, null, null, 1, 4, null }
                });

            migrationBuilder.CreateIndex(
                name: "IX_alerts_Status_NextRouteAt",
                table: "alerts",
                columns: new[] { "Status", "NextRouteAt" });

            migrationBuilder.CreateIndex(
                name: "IX_maintenance_tasks_AlertId",
                table: "maintenance_tasks",
                column: "AlertId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_maintenance_tasks_OrgPath_CreatedAt",
                table: "maintenance_tasks",
                columns: new[] { "OrgPath", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "maintenance_tasks");

            migrationBuilder.DropTable(
                name: "routing_rule_sets");

            migrationBuilder.DropTable(
                name: "routing_rules");

            migrationBuilder.DropIndex(
                name: "IX_alerts_Status_NextRouteAt",
                table: "alerts");

            migrationBuilder.DropColumn(
                name: "NextRouteAt",
                table: "alerts");

            migrationBuilder.DropColumn(
                name: "RouteAttempts",
                table: "alerts");
        }
    }
}
