using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class VideoAlertRouting : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "role_permissions",
                columns: new[] { "Permission", "Role" },
                values: new object[] { "alert.rules.manage", "admin" });

            migrationBuilder.InsertData(
                table: "roles",
                columns: new[] { "Name", "Description", "RequiresSecondFactor" },
                values: new object[] { "video_alert_service", "视频告警服务账号: reports video alerts to grid as incidents", false });

            migrationBuilder.InsertData(
                table: "role_permissions",
                columns: new[] { "Permission", "Role" },
                values: new object[] { "incident.report", "video_alert_service" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "role_permissions",
                keyColumns: new[] { "Permission", "Role" },
                keyValues: new object[] { "alert.rules.manage", "admin" });

            migrationBuilder.DeleteData(
                table: "role_permissions",
                keyColumns: new[] { "Permission", "Role" },
                keyValues: new object[] { "incident.report", "video_alert_service" });

            migrationBuilder.DeleteData(
                table: "roles",
                keyColumn: "Name",
                keyValue: "video_alert_service");
        }
    }
}
