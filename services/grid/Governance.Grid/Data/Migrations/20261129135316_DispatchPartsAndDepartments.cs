using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Governance.Grid.Data.Migrations
{
    /// <inheritdoc />
    public partial class DispatchPartsAndDepartments : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "departments",
                columns: table => new
                {
                    DepartmentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OrgNodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Retired = table.Column<bool>(type: "boolean", nullable: false),
                    Known = table.Column<bool>(type: "boolean", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_departments", x => x.DepartmentId);
                });

            migrationBuilder.CreateTable(
                name: "incident_parts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IncidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DispatchedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AcceptedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HandledAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReturnedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HandlerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incident_parts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_incident_parts_incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_incident_parts_DepartmentId_State",
                table: "incident_parts",
                columns: new[] { "DepartmentId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_incident_parts_DispatchedAt",
                table: "incident_parts",
                column: "DispatchedAt");

            migrationBuilder.CreateIndex(
                name: "IX_incident_parts_IncidentId_Round_DepartmentId",
                table: "incident_parts",
                columns: new[] { "IncidentId", "Round", "DepartmentId" },
                unique: true);

            // Incidents dispatched before parts were kept get their lead's part, so that the department
            // still finds them (its watch, its steps) and the figures count them. The dispatch time is
            // not known any more: the incident's last change stands in for it.
            migrationBuilder.Sql("""
                INSERT INTO incident_parts ("IncidentId", "DepartmentId", "Role", "Round", "State", "DispatchedAt", "HandlerId")
                SELECT "Id", "DepartmentId", 'Lead', "Reworks" + 1,
                       CASE "State" WHEN 'Dispatched' THEN 'Dispatched' WHEN 'Accepted' THEN 'Accepted' ELSE 'Handled' END,
                       "UpdatedAt", "HandlerId"
                FROM incidents WHERE "DepartmentId" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "departments");

            migrationBuilder.DropTable(
                name: "incident_parts");
        }
    }
}
