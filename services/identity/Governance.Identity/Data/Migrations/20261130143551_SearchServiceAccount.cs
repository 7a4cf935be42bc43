using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class SearchServiceAccount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "roles",
                columns: new[] { "Name", "Description", "RequiresSecondFactor" },
                values: new object[] { "search_service", "检索服务账号: reads incidents' text from grid for the search index", false });

            migrationBuilder.InsertData(
                table: "role_permissions",
                columns: new[] { "Permission", "Role" },
                values: new object[] { "incident.read", "search_service" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "role_permissions",
                keyColumns: new[] { "Permission", "Role" },
                keyValues: new object[] { "incident.read", "search_service" });

            migrationBuilder.DeleteData(
                table: "roles",
                keyColumn: "Name",
                keyValue: "search_service");
        }
    }
}
