using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Governance.Population.Data.Migrations
{
    /// <inheritdoc />
    public partial class RentalAndFloating : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "floating_stays",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ArrivedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DepartedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Destination = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    RegisteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RegisteredBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DepartureRecordedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_floating_stays", x => x.Id);
                    table.ForeignKey(
                        name: "FK_floating_stays_persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "permit_reminders",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ValidUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_permit_reminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_permit_reminders_persons_PersonId",
                        column: x => x.PersonId,
                        principalTable: "persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rental_houses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    LandlordId = table.Column<Guid>(type: "uuid", nullable: false),
                    PermittedOccupants = table.Column<int>(type: "integer", nullable: false),
                    AgreementSignedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    AgreementValidUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    Grade = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    GradeRule = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RulesVersion = table.Column<int>(type: "integer", nullable: true),
                    LastInspectedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ReinspectBy = table.Column<DateOnly>(type: "date", nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RegisteredBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rental_houses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_rental_houses_houses_HouseId",
                        column: x => x.HouseId,
                        principalTable: "houses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_rental_houses_persons_LandlordId",
                        column: x => x.LandlordId,
                        principalTable: "persons",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rental_rule_versions",
                columns: table => new
                {
                    Version = table.Column<int>(type: "integer", nullable: false),
                    EffectiveFrom = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Document = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rental_rule_versions", x => x.Version);
                });

            migrationBuilder.CreateTable(
                name: "rental_inspections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RentalId = table.Column<Guid>(type: "uuid", nullable: false),
                    InspectedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Inspector = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Agreement = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Occupants = table.Column<int>(type: "integer", nullable: false),
                    PermittedOccupants = table.Column<int>(type: "integer", nullable: false),
                    Grade = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    GradeRule = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RulesVersion = table.Column<int>(type: "integer", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rental_inspections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_rental_inspections_rental_houses_RentalId",
                        column: x => x.RentalId,
                        principalTable: "rental_houses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "rental_findings",
                columns: table => new
                {
                    InspectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rental_findings", x => new { x.InspectionId, x.Code });
                    table.ForeignKey(
                        name: "FK_rental_findings_rental_inspections_InspectionId",
                        column: x => x.InspectionId,
                        principalTable: "rental_inspections",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "rental_rule_versions",
                columns: new[] { "Version", "CreatedAt", "CreatedBy", "Document", "EffectiveFrom", "Note", "Summary" },
                values: new object[] { 1, new DateTime(2000, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "seed", "{\"gradeRules\":[{\"code\":\"fire_exits_and_gas\",\"priority\":10,\"allOf\":[\"fire_exits_blocked\",\"gas_unsafe\"],\"atLeast\":null,\"agreement\":null,\"grade\":\"prohibited\",\"matchesAll\":false},{\"code\":\"three_or_more_hazards\",\"priority\":20,\"allOf\":null,\"atLeast\":3,\"agreement\":null,\"grade\":\"prohibited\",\"matchesAll\":false},{\"code\":\"fire_exits_blocked\",\"priority\":30,\"allOf\":[\"fire_exits_blocked\"],\"atLeast\":null,\"agreement\":null,\"grade\":\"strict\",\"matchesAll\":false},{\"code\":\"gas_unsafe\",\"priority\":30,\"allOf\":[\"gas_unsafe\"],\"atLeast\":null,\"agreement\":null,\"grade\":\"strict\",\"matchesAll\":false},{\"code\":\"crowding_without_agreement\",\"priority\":40,\"allOf\":[\"crowding\"],\"atLeast\":null,\"agreement\":[\"none\",\"expired\"],\"grade\":\"strict\",\"matchesAll\":false},{\"code\":\"two_hazards\",\"priority\":50,\"allOf\":null,\"atLeast\":2,\"agreement\":null,\"grade\":\"strict\",\"matchesAll\":false},{\"code\":\"a_hazard\",\"priority\":60,\"allOf\":null,\"atLeast\":1,\"agreement\":null,\"grade\":\"watched\",\"matchesAll\":false},{\"code\":\"no_valid_agreement\",\"priority\":70,\"allOf\":null,\"atLeast\":null,\"agreement\":[\"none\",\"expired\"],\"grade\":\"watched\",\"matchesAll\":false},{\"code\":\"no_findings\",\"priority\":1000,\"allOf\":null,\"atLeast\":null,\"agreement\":null,\"grade\":\"assured\",\"matchesAll\":true}],\"reinspectionDays\":[{\"grade\":\"assured\",\"days\":365},{\"grade\":\"watched\",\"days\":90},{\"grade\":\"strict\",\"days\":30},{\"grade\":\"prohibited\",\"days\":7}]}", new DateTime(2000, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "The seeded rental grading rules", "first version" });

            migrationBuilder.CreateIndex(
                name: "IX_floating_stays_OrgPath_ArrivedOn",
                table: "floating_stays",
                columns: new[] { "OrgPath", "ArrivedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_floating_stays_PersonId",
                table: "floating_stays",
                column: "PersonId",
                unique: true,
                filter: "\"DepartedOn\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_permit_reminders_OrgPath_ValidUntil",
                table: "permit_reminders",
                columns: new[] { "OrgPath", "ValidUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_permit_reminders_PersonId_ValidUntil",
                table: "permit_reminders",
                columns: new[] { "PersonId", "ValidUntil" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_rental_houses_HouseId",
                table: "rental_houses",
                column: "HouseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_rental_houses_LandlordId",
                table: "rental_houses",
                column: "LandlordId");

            migrationBuilder.CreateIndex(
                name: "IX_rental_houses_OrgPath_ReinspectBy",
                table: "rental_houses",
                columns: new[] { "OrgPath", "ReinspectBy" });

            migrationBuilder.CreateIndex(
                name: "IX_rental_inspections_RentalId_InspectedOn",
                table: "rental_inspections",
                columns: new[] { "RentalId", "InspectedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_rental_rule_versions_EffectiveFrom",
                table: "rental_rule_versions",
                column: "EffectiveFrom");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "floating_stays");

            migrationBuilder.DropTable(
                name: "permit_reminders");

            migrationBuilder.DropTable(
                name: "rental_findings");

            migrationBuilder.DropTable(
                name: "rental_rule_versions");

            migrationBuilder.DropTable(
                name: "rental_inspections");

            migrationBuilder.DropTable(
                name: "rental_houses");
        }
    }
}
