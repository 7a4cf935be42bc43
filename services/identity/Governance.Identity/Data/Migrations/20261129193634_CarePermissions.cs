using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Governance.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class CarePermissions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "role_permissions",
                columns: new[] { "Permission", "Role" },
                values: new object[] { "care-case.audit", "auditor" });

            migrationBuilder.InsertData(
                table: "roles",
                columns: new[] { "Name", "Description", "RequiresSecondFactor" },
                values: new object[] { "centre_leader", "综治中心负责人: leads a centre; opens care cases and assigns their workers, reads care figures", false });

            migrationBuilder.InsertData(
                table: "role_permissions",
                columns: new[] { "Permission", "Role" },
                values: new object[,]
                {
                    { "care-case.assign", "centre_leader" },
                    { "care-case.figures", "centre_leader" }
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "role_permissions",
                keyColumns: new[] { "Permission", "Role" },
                keyValues: new object[] { "care-case.audit", "auditor" });

            migrationBuilder.DeleteData(
                table: "role_permissions",
                keyColumns: new[] { "Permission", "Role" },
                keyValues: new object[] { "care-case.assign", "centre_leader" });

            migrationBuilder.DeleteData(
                table: "role_permissions",
                keyColumns: new[] { "Permission", "Role" },
                keyValues: new object[] { "care-case.figures", "centre_leader" });

            migrationBuilder.DeleteData(
                table: "roles",
                keyColumn: "Name",
                keyValue: "centre_leader");
        }
    }
}
