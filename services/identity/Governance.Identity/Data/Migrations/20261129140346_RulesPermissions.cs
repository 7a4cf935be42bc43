using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Governance.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class RulesPermissions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "role_permissions",
                columns: new[] { "Permission", "Role" },
                values: new object[,]
                {
                    { "rules.manage", "admin" },
                    { "rules.read", "admin" },
                    { "rules.read", "centre_operator" },
                    { "rules.read", "department_handler" },
                    { "rules.read", "grid_leader" },
                    { "rules.read", "grid_worker" },
                    { "rules.read", "mediator" }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "role_permissions",
                keyColumns: new[] { "Permission", "Role" },
                keyValues: new object[] { "rules.manage", "admin" });

            migrationBuilder.DeleteData(
                table: "role_permissions",
                keyColumns: new[] { "Permission", "Role" },
                keyValues: new object[] { "rules.read", "admin" });

            migrationBuilder.DeleteData(
                table: "role_permissions",
                keyColumns: new[] { "Permission", "Role" },
                keyValues: new object[] { "rules.read", "centre_operator" });

            migrationBuilder.DeleteData(
                table: "role_permissions",
                keyColumns: new[] { "Permission", "Role" },
                keyValues: new object[] { "rules.read", "department_handler" });

            migrationBuilder.DeleteData(
                table: "role_permissions",
                keyColumns: new[] { "Permission", "Role" },
                keyValues: new object[] { "rules.read", "grid_leader" });

            migrationBuilder.DeleteData(
                table: "role_permissions",
                keyColumns: new[] { "Permission", "Role" },
                keyValues: new object[] { "rules.read", "grid_worker" });

            migrationBuilder.DeleteData(
                table: "role_permissions",
                keyColumns: new[] { "Permission", "Role" },
                keyValues: new object[] { "rules.read", "mediator" });
        }
    }
}
