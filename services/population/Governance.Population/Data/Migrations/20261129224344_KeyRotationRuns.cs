using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Governance.Population.Data.Migrations
{
    /// <inheritdoc />
    public partial class KeyRotationRuns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "key_rotation_runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RunBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CurrentKey = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Moved = table.Column<int>(type: "integer", nullable: false),
                    LeftEdited = table.Column<int>(type: "integer", nullable: false),
                    Unreadable = table.Column<int>(type: "integer", nullable: false),
                    Failed = table.Column<int>(type: "integer", nullable: false),
                    Detail = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_key_rotation_runs", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_key_rotation_runs_StartedAt",
                table: "key_rotation_runs",
                column: "StartedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "key_rotation_runs");
        }
    }
}
