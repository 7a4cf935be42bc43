using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class UsedOrgPaths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "org_paths_used",
                columns: table => new
                {
                    Path = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    NodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Since = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_org_paths_used", x => x.Path);
                });

            migrationBuilder.CreateIndex(
                name: "IX_org_paths_used_NodeId",
                table: "org_paths_used",
                column: "NodeId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "org_paths_used");
        }
    }
}
