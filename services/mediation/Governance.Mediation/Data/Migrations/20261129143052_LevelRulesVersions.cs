using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Governance.Mediation.Data.Migrations
{
    /// <inheritdoc />
    public partial class LevelRulesVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "level_deadlines");

            migrationBuilder.DropTable(
                name: "level_rules");

            migrationBuilder.DropTable(
                name: "level_scale_thresholds");

            migrationBuilder.CreateTable(
                name: "level_rule_versions",
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
                    table.PrimaryKey("PK_level_rule_versions", x => x.Version);
                });

            migrationBuilder.InsertData(
                table: "level_rule_versions",
                columns: new[] { "Version", "CreatedAt", "CreatedBy", "Document", "EffectiveFrom", "Note", "Summary" },
                values: new object[] { 1, new DateTime(2000, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "seed", "{\"levelRules\":[{\"priority\":100,\"category\":null,\"risk\":\"ordinary\",\"level\":\"grid\"},{\"priority\":100,\"category\":null,\"risk\":\"major\",\"level\":\"community\"},{\"priority\":100,\"category\":null,\"risk\":\"complex\",\"level\":\"street\"},{\"priority\":10,\"category\":\"traffic_accident\",\"risk\":\"complex\",\"level\":\"county\"},{\"priority\":10,\"category\":\"medical\",\"risk\":\"complex\",\"level\":\"county\"},{\"priority\":10,\"category\":\"labour_and_wages\",\"risk\":\"complex\",\"level\":\"county\"},{\"priority\":10,\"category\":\"property_management\",\"risk\":\"complex\",\"level\":\"county\"}],\"scaleThreshold\":{\"peopleInvolved\":5,\"amount\":100000},\"levelDeadlines\":[{\"level\":\"grid\",\"days\":3},{\"level\":\"community\",\"days\":10},{\"level\":\"street\",\"days\":15},{\"level\":\"county\",\"days\":30}]}", new DateTime(2000, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "The seeded level rules", "first version" });

            migrationBuilder.CreateIndex(
                name: "IX_level_rule_versions_EffectiveFrom",
                table: "level_rule_versions",
                column: "EffectiveFrom");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "level_rule_versions");

            migrationBuilder.CreateTable(
                name: "level_deadlines",
                columns: table => new
                {
                    Level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Days = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_level_deadlines", x => x.Level);
                });

            migrationBuilder.CreateTable(
                name: "level_rules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Category = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    Level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    Risk = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_level_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "level_scale_thresholds",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    PeopleInvolved = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_level_scale_thresholds", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "level_deadlines",
                columns: new[] { "Level", "Days" },
                values: new object[,]
                {
                    { "Community", 10 },
                    { "County", 30 },
                    { "Grid", 3 },
                    { "Street", 15 }
                });

            migrationBuilder.InsertData(
                table: "level_rules",
                columns: new[] { "Id", "Category", "Level", "Priority", "Risk" },
                values: new object[,]
                {
                    { 1, null, "Grid", 100, "Ordinary" },
                    { 2, null, "Community", 100, "Major" },
                    { 3, null, "Street", 100, "Complex" },
                    { 10, "TrafficAccident", "County", 10, "Complex" },
                    { 11, "Medical", "County", 10, "Complex" },
                    { 12, "LabourAndWages", "County", 10, "Complex" },
                    { 13, "PropertyManagement", "County", 10, "Complex" }
                });

            migrationBuilder.InsertData(
                table: "level_scale_thresholds",
                columns: new[] { "Id", "Amount", "PeopleInvolved" },
                values: new object[] { 1, 100000m, 5 });
        }
    }
}
