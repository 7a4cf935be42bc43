using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.VideoAlert.Data.Migrations
{
    /// <inheritdoc />
    public partial class Alarms : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alarms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CameraId = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SenderId = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Sn = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    Method = table.Column<int>(type: "integer", nullable: false),
                    AlarmType = table.Column<int>(type: "integer", nullable: true),
                    DeviceTime = table.Column<DateTime>(type: "timestamp without time zone", nullable: false),
                    Description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    GridCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: true),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alarms", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_alarms_CameraId_ReceivedAt",
                table: "alarms",
                columns: new[] { "CameraId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_alarms_OrgPath_ReceivedAt",
                table: "alarms",
                columns: new[] { "OrgPath", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_alarms_SenderId_CameraId_Sn_DeviceTime",
                table: "alarms",
                columns: new[] { "SenderId", "CameraId", "Sn", "DeviceTime" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alarms");
        }
    }
}
