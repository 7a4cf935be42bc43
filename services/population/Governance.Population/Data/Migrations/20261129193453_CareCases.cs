using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Governance.Population.Data.Migrations
{
    /// <inheritdoc />
    public partial class CareCases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "care_case_reads",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Reader = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReaderClient = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Fields = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Purpose = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    PurposeNote = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_care_case_reads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "care_cases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OpenedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    OpenedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ClosingReason = table.Column<byte[]>(type: "bytea", nullable: true),
                    WorkerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    VisitIntervalDays = table.Column<int>(type: "integer", nullable: false),
                    NextVisitDue = table.Column<DateOnly>(type: "date", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_care_cases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_care_cases_persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "care_assignments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AssignedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AssignedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Reason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_care_assignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_care_assignments_care_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "care_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "care_visits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    RequestId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    VisitedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Findings = table.Column<byte[]>(type: "bytea", nullable: false),
                    NextStep = table.Column<byte[]>(type: "bytea", nullable: true),
                    RecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_care_visits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_care_visits_care_cases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "care_cases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_care_assignments_CaseId",
                table: "care_assignments",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_care_case_reads_CaseId",
                table: "care_case_reads",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_care_case_reads_OrgPath_At",
                table: "care_case_reads",
                columns: new[] { "OrgPath", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_care_cases_OrgPath",
                table: "care_cases",
                column: "OrgPath");

            migrationBuilder.CreateIndex(
                name: "IX_care_cases_PersonId_Category",
                table: "care_cases",
                columns: new[] { "PersonId", "Category" },
                unique: true,
                filter: "\"ClosedOn\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_care_cases_WorkerId_NextVisitDue",
                table: "care_cases",
                columns: new[] { "WorkerId", "NextVisitDue" });

            migrationBuilder.CreateIndex(
                name: "IX_care_visits_CaseId_RequestId",
                table: "care_visits",
                columns: new[] { "CaseId", "RequestId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "care_assignments");

            migrationBuilder.DropTable(
                name: "care_case_reads");

            migrationBuilder.DropTable(
                name: "care_visits");

            migrationBuilder.DropTable(
                name: "care_cases");
        }
    }
}
