using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class MediationContactsReveal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.InsertData(
                table: "role_permissions",
                columns: new[] { "Permission", "Role" },
                values: new object[] { "mediation.contacts.reveal", "mediator" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DeleteData(
                table: "role_permissions",
                keyColumns: new[] { "Permission", "Role" },
                keyValues: new object[] { "mediation.contacts.reveal", "mediator" });
        }
    }
}
