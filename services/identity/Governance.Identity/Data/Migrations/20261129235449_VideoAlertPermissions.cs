using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Governance.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class VideoAlertPermissions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "role_permissions",
                columns: new[] { "Permission", "Role" },
                values: new object[,]
                {
                    { "camera.manage", "admin" },
                    { "camera.read", "admin" },
                    { "alert.acknowledge", "centre_operator" },
                    { "alert.read", "centre_operator" },
                    { "camera.read", "centre_operator" },
                    { "alert.read", "grid_leader" },
                    { "camera.read", "grid_leader" }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "role_permissions",
                keyColumns: new[] { "Permission", "Role" },
                keyValues: new object[] { "camera.manage", "admin" });

            migrationBuilder.DeleteData(
                table: "role_permissions",
                keyColumns: new[] { "Permission", "Role" },
                keyValues: new object[] { "camera.read", "admin" });

            migrationBuilder.DeleteData(
                table: "role_permissions",
                keyColumns: new[] { "Permission", "Role" },
                keyValues: new object[] { "alert.acknowledge", "centre_operator" });

            migrationBuilder.DeleteData(
                table: "role_permissions",
                keyColumns: new[] { "Permission", "Role" },
                keyValues: new object[] { "alert.read", "centre_operator" });

            migrationBuilder.DeleteData(
                table: "role_permissions",
                keyColumns: new[] { "Permission", "Role" },
                keyValues: new object[] { "camera.read", "centre_operator" });

            migrationBuilder.DeleteData(
                table: "role_permissions",
                keyColumns: new[] { "Permission", "Role" },
                keyValues: new object[] { "alert.read", "grid_leader" });

            migrationBuilder.DeleteData(
                table: "role_permissions",
                keyColumns: new[] { "Permission", "Role" },
                keyValues: new object[] { "camera.read", "grid_leader" });
        }
    }
}
