using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Governance.Grid.Data.Migrations
{
    /// <inheritdoc />
    public partial class RulesAsDataAndWorkingTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RulesVersion",
                table: "incidents",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "CountsWorkingTime",
                table: "categories",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "calendar_days",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Date = table.Column<DateOnly>(type: "date", nullable: false),
                    Kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_calendar_days", x => new { x.Scope, x.Date });
                });

            migrationBuilder.CreateTable(
                name: "rule_versions",
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
                    table.PrimaryKey("PK_rule_versions", x => x.Version);
                });

            migrationBuilder.CreateTable(
                name: "rules_applied",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Stamp = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rules_applied", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "rules_changes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Subject = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_rules_changes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "work_calendars",
                columns: table => new
                {
                    Scope = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Periods = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    UtcOffsetMinutes = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_work_calendars", x => x.Scope);
                });

            migrationBuilder.InsertData(
                table: "calendar_days",
                columns: new[] { "Date", "Scope", "Kind", "Name" },
                values: new object[,]
                {
                    { new DateOnly(2026, 1, 1), "national", "holiday", "元旦" },
                    { new DateOnly(2026, 1, 2), "national", "holiday", "元旦" },
                    { new DateOnly(2026, 1, 3), "national", "holiday", "元旦" },
                    { new DateOnly(2026, 1, 4), "national", "workday", "元旦调休上班" },
                    { new DateOnly(2026, 2, 14), "national", "workday", "春节调休上班" },
                    { new DateOnly(2026, 2, 15), "national", "holiday", "春节" },
                    { new DateOnly(2026, 2, 16), "national", "holiday", "春节" },
                    { new DateOnly(2026, 2, 17), "national", "holiday", "春节" },
                    { new DateOnly(2026, 2, 18), "national", "holiday", "春节" },
                    { new DateOnly(2026, 2, 19), "national", "holiday", "春节" },
                    { new DateOnly(2026, 2, 20), "national", "holiday", "春节" },
                    { new DateOnly(2026, 2, 21), "national", "holiday", "春节" },
                    { new DateOnly(2026, 2, 22), "national", "holiday", "春节" },
                    { new DateOnly(2026, 2, 23), "national", "holiday", "春节" },
                    { new DateOnly(2026, 2, 28), "national", "workday", "春节调休上班" },
                    { new DateOnly(2026, 4, 4), "national", "holiday", "清明节" },
                    { new DateOnly(2026, 4, 5), "national", "holiday", "清明节" },
                    { new DateOnly(2026, 4, 6), "national", "holiday", "清明节" },
                    { new DateOnly(2026, 5, 1), "national", "holiday", "劳动节" },
                    { new DateOnly(2026, 5, 2), "national", "holiday", "劳动节" },
                    { new DateOnly(2026, 5, 3), "national", "holiday", "劳动节" },
                    { new DateOnly(2026, 5, 4), "national", "holiday", "劳动节" },
                    { new DateOnly(2026, 5, 5), "national", "holiday", "劳动节" },
                    { new DateOnly(2026, 5, 9), "national", "workday", "劳动节调休上班" },
                    { new DateOnly(2026, 6, 19), "national", "holiday", "端午节" },
                    { new DateOnly(2026, 6, 20), "national", "holiday", "端午节" },
                    { new DateOnly(2026, 6, 21), "national", "holiday", "端午节" },
                    { new DateOnly(2026, 9, 20), "national", "workday", "国庆节调休上班" },
                    { new DateOnly(2026, 9, 25), "national", "holiday", "中秋节" },
                    { new DateOnly(2026, 9, 26), "national", "holiday", "中秋节" },
                    { new DateOnly(2026, 9, 27), "national", "holiday", "中秋节" },
                    { new DateOnly(2026, 10, 1), "national", "holiday", "国庆节" },
                    { new DateOnly(2026, 10, 2), "national", "holiday", "国庆节" },
                    { new DateOnly(2026, 10, 3), "national", "holiday", "国庆节" },
                    { new DateOnly(2026, 10, 4), "national", "holiday", "国庆节" },
                    { new DateOnly(2026, 10, 5), "national", "holiday", "国庆节" },
                    { new DateOnly(2026, 10, 6), "national", "holiday", "国庆节" },
                    { new DateOnly(2026, 10, 7), "national", "holiday", "国庆节" },
                    { new DateOnly(2026, 10, 10), "national", "workday", "国庆节调休上班" }
                });

            migrationBuilder.UpdateData(
                table: "categories",
                keyColumn: "Code",
                keyValue: "city_appearance",
                column: "CountsWorkingTime",
                value: false);

            migrationBuilder.UpdateData(
                table: "categories",
                keyColumn: "Code",
                keyValue: "dispute",
                column: "CountsWorkingTime",
                value: false);

            migrationBuilder.UpdateData(
                table: "categories",
                keyColumn: "Code",
                keyValue: "environment",
                column: "CountsWorkingTime",
                value: false);

            migrationBuilder.UpdateData(
                table: "categories",
                keyColumn: "Code",
                keyValue: "market",
                column: "CountsWorkingTime",
                value: false);

            migrationBuilder.UpdateData(
                table: "categories",
                keyColumn: "Code",
                keyValue: "other",
                column: "CountsWorkingTime",
                value: false);

            migrationBuilder.UpdateData(
                table: "categories",
                keyColumn: "Code",
                keyValue: "public_facilities",
                column: "CountsWorkingTime",
                value: false);

            migrationBuilder.UpdateData(
                table: "categories",
                keyColumn: "Code",
                keyValue: "safety_hazard",
                column: "CountsWorkingTime",
                value: false);

            migrationBuilder.UpdateData(
                table: "categories",
                keyColumn: "Code",
                keyValue: "service_request",
                column: "CountsWorkingTime",
                value: false);

            migrationBuilder.UpdateData(
                table: "categories",
                keyColumn: "Code",
                keyValue: "street_order",
                column: "CountsWorkingTime",
                value: false);

            migrationBuilder.InsertData(
                table: "rule_versions",
                columns: new[] { "Version", "CreatedAt", "CreatedBy", "Document", "EffectiveFrom", "Note", "Summary" },
                values: new object[] { 1, new DateTime(2000, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "seed", "{\"categories\":[{\"code\":\"city_appearance\",\"name\":\"\\u5E02\\u5BB9\\u73AF\\u5883\",\"owningDepartmentKind\":\"UrbanManagement\",\"isDispute\":false,\"offeredToCitizens\":true,\"countsWorkingTime\":false,\"deadlines\":[{\"urgency\":\"normal\",\"step\":\"register\",\"minutes\":30},{\"urgency\":\"normal\",\"step\":\"dispatch\",\"minutes\":30},{\"urgency\":\"normal\",\"step\":\"accept\",\"minutes\":60},{\"urgency\":\"normal\",\"step\":\"handle\",\"minutes\":2880},{\"urgency\":\"normal\",\"step\":\"verify\",\"minutes\":120},{\"urgency\":\"urgent\",\"step\":\"register\",\"minutes\":7},{\"urgency\":\"urgent\",\"step\":\"dispatch\",\"minutes\":7},{\"urgency\":\"urgent\",\"step\":\"accept\",\"minutes\":15},{\"urgency\":\"urgent\",\"step\":\"handle\",\"minutes\":720},{\"urgency\":\"urgent\",\"step\":\"verify\",\"minutes\":30},{\"urgency\":\"critical\",\"step\":\"register\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"dispatch\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"accept\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"handle\",\"minutes\":240},{\"urgency\":\"critical\",\"step\":\"verify\",\"minutes\":10}]},{\"code\":\"public_facilities\",\"name\":\"\\u516C\\u5171\\u8BBE\\u65BD\",\"owningDepartmentKind\":\"UrbanManagement\",\"isDispute\":false,\"offeredToCitizens\":true,\"countsWorkingTime\":false,\"deadlines\":[{\"urgency\":\"normal\",\"step\":\"register\",\"minutes\":30},{\"urgency\":\"normal\",\"step\":\"dispatch\",\"minutes\":30},{\"urgency\":\"normal\",\"step\":\"accept\",\"minutes\":60},{\"urgency\":\"normal\",\"step\":\"handle\",\"minutes\":4320},{\"urgency\":\"normal\",\"step\":\"verify\",\"minutes\":120},{\"urgency\":\"urgent\",\"step\":\"register\",\"minutes\":7},{\"urgency\":\"urgent\",\"step\":\"dispatch\",\"minutes\":7},{\"urgency\":\"urgent\",\"step\":\"accept\",\"minutes\":15},{\"urgency\":\"urgent\",\"step\":\"handle\",\"minutes\":1080},{\"urgency\":\"urgent\",\"step\":\"verify\",\"minutes\":30},{\"urgency\":\"critical\",\"step\":\"register\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"dispatch\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"accept\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"handle\",\"minutes\":360},{\"urgency\":\"critical\",\"step\":\"verify\",\"minutes\":10}]},{\"code\":\"street_order\",\"name\":\"\\u8857\\u9762\\u79E9\\u5E8F\",\"owningDepartmentKind\":\"UrbanManagement\",\"isDispute\":false,\"offeredToCitizens\":true,\"countsWorkingTime\":false,\"deadlines\":[{\"urgency\":\"normal\",\"step\":\"register\",\"minutes\":30},{\"urgency\":\"normal\",\"step\":\"dispatch\",\"minutes\":30},{\"urgency\":\"normal\",\"step\":\"accept\",\"minutes\":60},{\"urgency\":\"normal\",\"step\":\"handle\",\"minutes\":1440},{\"urgency\":\"normal\",\"step\":\"verify\",\"minutes\":120},{\"urgency\":\"urgent\",\"step\":\"register\",\"minutes\":7},{\"urgency\":\"urgent\",\"step\":\"dispatch\",\"minutes\":7},{\"urgency\":\"urgent\",\"step\":\"accept\",\"minutes\":15},{\"urgency\":\"urgent\",\"step\":\"handle\",\"minutes\":360},{\"urgency\":\"urgent\",\"step\":\"verify\",\"minutes\":30},{\"urgency\":\"critical\",\"step\":\"register\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"dispatch\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"accept\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"handle\",\"minutes\":120},{\"urgency\":\"critical\",\"step\":\"verify\",\"minutes\":10}]},{\"code\":\"safety_hazard\",\"name\":\"\\u5B89\\u5168\\u9690\\u60A3\",\"owningDepartmentKind\":\"Emergency\",\"isDispute\":false,\"offeredToCitizens\":true,\"countsWorkingTime\":false,\"deadlines\":[{\"urgency\":\"normal\",\"step\":\"register\",\"minutes\":30},{\"urgency\":\"normal\",\"step\":\"dispatch\",\"minutes\":30},{\"urgency\":\"normal\",\"step\":\"accept\",\"minutes\":60},{\"urgency\":\"normal\",\"step\":\"handle\",\"minutes\":1440},{\"urgency\":\"normal\",\"step\":\"verify\",\"minutes\":120},{\"urgency\":\"urgent\",\"step\":\"register\",\"minutes\":7},{\"urgency\":\"urgent\",\"step\":\"dispatch\",\"minutes\":7},{\"urgency\":\"urgent\",\"step\":\"accept\",\"minutes\":15},{\"urgency\":\"urgent\",\"step\":\"handle\",\"minutes\":360},{\"urgency\":\"urgent\",\"step\":\"verify\",\"minutes\":30},{\"urgency\":\"critical\",\"step\":\"register\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"dispatch\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"accept\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"handle\",\"minutes\":120},{\"urgency\":\"critical\",\"step\":\"verify\",\"minutes\":10}]},{\"code\":\"environment\",\"name\":\"\\u751F\\u6001\\u73AF\\u5883\",\"owningDepartmentKind\":\"Environment\",\"isDispute\":false,\"offeredToCitizens\":true,\"countsWorkingTime\":false,\"deadlines\":[{\"urgency\":\"normal\",\"step\":\"register\",\"minutes\":30},{\"urgency\":\"normal\",\"step\":\"dispatch\",\"minutes\":30},{\"urgency\":\"normal\",\"step\":\"accept\",\"minutes\":60},{\"urgency\":\"normal\",\"step\":\"handle\",\"minutes\":2880},{\"urgency\":\"normal\",\"step\":\"verify\",\"minutes\":120},{\"urgency\":\"urgent\",\"step\":\"register\",\"minutes\":7},{\"urgency\":\"urgent\",\"step\":\"dispatch\",\"minutes\":7},{\"urgency\":\"urgent\",\"step\":\"accept\",\"minutes\":15},{\"urgency\":\"urgent\",\"step\":\"handle\",\"minutes\":720},{\"urgency\":\"urgent\",\"step\":\"verify\",\"minutes\":30},{\"urgency\":\"critical\",\"step\":\"register\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"dispatch\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"accept\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"handle\",\"minutes\":240},{\"urgency\":\"critical\",\"step\":\"verify\",\"minutes\":10}]},{\"code\":\"dispute\",\"name\":\"\\u77DB\\u76FE\\u7EA0\\u7EB7\",\"owningDepartmentKind\":\"Justice\",\"isDispute\":true,\"offeredToCitizens\":true,\"countsWorkingTime\":false,\"deadlines\":[{\"urgency\":\"normal\",\"step\":\"register\",\"minutes\":30},{\"urgency\":\"normal\",\"step\":\"dispatch\",\"minutes\":30},{\"urgency\":\"normal\",\"step\":\"accept\",\"minutes\":60},{\"urgency\":\"normal\",\"step\":\"handle\",\"minutes\":4320},{\"urgency\":\"normal\",\"step\":\"verify\",\"minutes\":120},{\"urgency\":\"urgent\",\"step\":\"register\",\"minutes\":7},{\"urgency\":\"urgent\",\"step\":\"dispatch\",\"minutes\":7},{\"urgency\":\"urgent\",\"step\":\"accept\",\"minutes\":15},{\"urgency\":\"urgent\",\"step\":\"handle\",\"minutes\":1080},{\"urgency\":\"urgent\",\"step\":\"verify\",\"minutes\":30},{\"urgency\":\"critical\",\"step\":\"register\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"dispatch\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"accept\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"handle\",\"minutes\":360},{\"urgency\":\"critical\",\"step\":\"verify\",\"minutes\":10}]},{\"code\":\"service_request\",\"name\":\"\\u4FBF\\u6C11\\u670D\\u52A1\",\"owningDepartmentKind\":\"CivilAffairs\",\"isDispute\":false,\"offeredToCitizens\":true,\"countsWorkingTime\":false,\"deadlines\":[{\"urgency\":\"normal\",\"step\":\"register\",\"minutes\":30},{\"urgency\":\"normal\",\"step\":\"dispatch\",\"minutes\":30},{\"urgency\":\"normal\",\"step\":\"accept\",\"minutes\":60},{\"urgency\":\"normal\",\"step\":\"handle\",\"minutes\":7200},{\"urgency\":\"normal\",\"step\":\"verify\",\"minutes\":120},{\"urgency\":\"urgent\",\"step\":\"register\",\"minutes\":7},{\"urgency\":\"urgent\",\"step\":\"dispatch\",\"minutes\":7},{\"urgency\":\"urgent\",\"step\":\"accept\",\"minutes\":15},{\"urgency\":\"urgent\",\"step\":\"handle\",\"minutes\":1800},{\"urgency\":\"urgent\",\"step\":\"verify\",\"minutes\":30},{\"urgency\":\"critical\",\"step\":\"register\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"dispatch\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"accept\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"handle\",\"minutes\":600},{\"urgency\":\"critical\",\"step\":\"verify\",\"minutes\":10}]},{\"code\":\"market\",\"name\":\"\\u5E02\\u573A\\u76D1\\u7BA1\",\"owningDepartmentKind\":\"MarketRegulation\",\"isDispute\":false,\"offeredToCitizens\":true,\"countsWorkingTime\":false,\"deadlines\":[{\"urgency\":\"normal\",\"step\":\"register\",\"minutes\":30},{\"urgency\":\"normal\",\"step\":\"dispatch\",\"minutes\":30},{\"urgency\":\"normal\",\"step\":\"accept\",\"minutes\":60},{\"urgency\":\"normal\",\"step\":\"handle\",\"minutes\":4320},{\"urgency\":\"normal\",\"step\":\"verify\",\"minutes\":120},{\"urgency\":\"urgent\",\"step\":\"register\",\"minutes\":7},{\"urgency\":\"urgent\",\"step\":\"dispatch\",\"minutes\":7},{\"urgency\":\"urgent\",\"step\":\"accept\",\"minutes\":15},{\"urgency\":\"urgent\",\"step\":\"handle\",\"minutes\":1080},{\"urgency\":\"urgent\",\"step\":\"verify\",\"minutes\":30},{\"urgency\":\"critical\",\"step\":\"register\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"dispatch\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"accept\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"handle\",\"minutes\":360},{\"urgency\":\"critical\",\"step\":\"verify\",\"minutes\":10}]},{\"code\":\"other\",\"name\":\"\\u5176\\u4ED6\",\"owningDepartmentKind\":\"GovernanceOffice\",\"isDispute\":false,\"offeredToCitizens\":true,\"countsWorkingTime\":false,\"deadlines\":[{\"urgency\":\"normal\",\"step\":\"register\",\"minutes\":30},{\"urgency\":\"normal\",\"step\":\"dispatch\",\"minutes\":30},{\"urgency\":\"normal\",\"step\":\"accept\",\"minutes\":60},{\"urgency\":\"normal\",\"step\":\"handle\",\"minutes\":4320},{\"urgency\":\"normal\",\"step\":\"verify\",\"minutes\":120},{\"urgency\":\"urgent\",\"step\":\"register\",\"minutes\":7},{\"urgency\":\"urgent\",\"step\":\"dispatch\",\"minutes\":7},{\"urgency\":\"urgent\",\"step\":\"accept\",\"minutes\":15},{\"urgency\":\"urgent\",\"step\":\"handle\",\"minutes\":1080},{\"urgency\":\"urgent\",\"step\":\"verify\",\"minutes\":30},{\"urgency\":\"critical\",\"step\":\"register\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"dispatch\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"accept\",\"minutes\":5},{\"urgency\":\"critical\",\"step\":\"handle\",\"minutes\":360},{\"urgency\":\"critical\",\"step\":\"verify\",\"minutes\":10}]}],\"escalationRules\":[{\"orgLevel\":\"community\",\"category\":null,\"urgency\":\"urgent\",\"step\":\"accept\"},{\"orgLevel\":\"community\",\"category\":null,\"urgency\":\"urgent\",\"step\":\"handle\"},{\"orgLevel\":\"community\",\"category\":null,\"urgency\":\"critical\",\"step\":\"accept\"},{\"orgLevel\":\"community\",\"category\":null,\"urgency\":\"critical\",\"step\":\"handle\"},{\"orgLevel\":\"street\",\"category\":null,\"urgency\":\"critical\",\"step\":\"handle\"},{\"orgLevel\":\"community\",\"category\":\"safety_hazard\",\"urgency\":null,\"step\":\"handle\"}]}", new DateTime(2000, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "The seeded catalogue", "first version" });

            migrationBuilder.InsertData(
                table: "rules_applied",
                columns: new[] { "Id", "Stamp", "Version" },
                values: new object[] { 1, new Guid("6f1c4a55-0d55-4c9e-9a36-1a7a3f4f0001"), 1 });

            migrationBuilder.InsertData(
                table: "work_calendars",
                columns: new[] { "Scope", "Periods", "UpdatedAt", "UpdatedBy", "UtcOffsetMinutes", "Version" },
                values: new object[] { "national", "08:30-12:00,14:00-17:30", new DateTime(2025, 11, 4, 0, 0, 0, 0, DateTimeKind.Utc), "seed", 480, new Guid("3a0f3a44-8c8f-4a53-9a0e-20260000000a") });

            migrationBuilder.CreateIndex(
                name: "IX_rule_versions_EffectiveFrom",
                table: "rule_versions",
                column: "EffectiveFrom");

            migrationBuilder.CreateIndex(
                name: "IX_rules_changes_At",
                table: "rules_changes",
                column: "At");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "calendar_days");

            migrationBuilder.DropTable(
                name: "rule_versions");

            migrationBuilder.DropTable(
                name: "rules_applied");

            migrationBuilder.DropTable(
                name: "rules_changes");

            migrationBuilder.DropTable(
                name: "work_calendars");

            migrationBuilder.DropColumn(
                name: "RulesVersion",
                table: "incidents");

            migrationBuilder.DropColumn(
                name: "CountsWorkingTime",
                table: "categories");
        }
    }
}
