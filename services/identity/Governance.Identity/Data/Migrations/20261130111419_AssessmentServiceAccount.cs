using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class AssessmentServiceAccount : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "roles",
                columns: new[] { "Name", "Description", "RequiresSecondFactor" },
                values: new object[] { "assessment_service", "考核服务账号: reads care-visit counts per community for assessment", false });

            migrationBuilder.InsertData(
                table: "role_permissions",
                columns: new[] { "Permission", "Role" },
                values: new object[] { "care-case.figures", "assessment_service" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "role_permissions",
                keyColumns: new[] { "Permission", "Role" },
                keyValues: new object[] { "care-case.figures", "assessment_service" });

            migrationBuilder.DeleteData(
                table: "roles",
                keyColumn: "Name",
                keyValue: "assessment_service");
        }
    }
}
