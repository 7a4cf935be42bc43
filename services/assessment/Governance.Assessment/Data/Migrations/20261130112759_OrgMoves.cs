using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Governance.Assessment.Data.Migrations
{
    /// <inheritdoc />
    public partial class OrgMoves : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "org_moves",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    NodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    OldPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    NewPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_org_moves", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_org_moves_OccurredAt",
                table: "org_moves",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_org_moves_OldPath",
                table: "org_moves",
                column: "OldPath");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "org_moves");
        }
    }
}
