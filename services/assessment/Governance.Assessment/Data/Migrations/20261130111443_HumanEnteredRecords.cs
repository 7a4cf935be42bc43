using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Assessment.Data.Migrations
{
    /// <inheritdoc />
    public partial class HumanEnteredRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inspection_findings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    MonthStartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Points = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Evidence = table.Column<string>(type: "text", nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ContestReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ContestedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ContestedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DecisionComment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_findings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "manual_submissions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Indicator = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DepartmentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Period = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PeriodStartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PeriodEndUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Attempt = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Evidence = table.Column<string>(type: "text", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ReviewedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReviewComment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_manual_submissions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "monthly_tasks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Month = table.Column<string>(type: "character varying(7)", maxLength: 7, nullable: false),
                    MonthStartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Quantity = table.Column<int>(type: "integer", nullable: false),
                    Unit = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    AllocatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    AllocatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_monthly_tasks", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "task_reports",
                columns: table => new
                {
                    TaskId = table.Column<Guid>(type: "uuid", nullable: false),
                    Attempt = table.Column<int>(type: "integer", nullable: false),
                    QuantityDone = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Evidence = table.Column<string>(type: "text", nullable: false),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ReviewedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReviewComment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_task_reports", x => new { x.TaskId, x.Attempt });
                    table.ForeignKey(
                        name: "FK_task_reports_monthly_tasks_TaskId",
                        column: x => x.TaskId,
                        principalTable: "monthly_tasks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.UpdateData(
                table: "indicator_library_versions",
                keyColumn: "Version",
                keyValue: 1,
                column: "Document",
                value: "{\"indicators\":[{\"code\":\"incident_on_time_rate\",\"name\":\"\\u6309\\u65F6\\u529E\\u7ED3\\u7387\",\"measure\":\"incident_on_time\"},{\"code\":\"incident_rework_rate\",\"name\":\"\\u8FD4\\u5DE5\\u7387\",\"measure\":\"incident_rework\"},{\"code\":\"incident_extension_rate\",\"name\":\"\\u5EF6\\u671F\\u7387\",\"measure\":\"incident_extension\"},{\"code\":\"incident_misdispatch_returns\",\"name\":\"\\u9519\\u6D3E\\u9000\\u5355\\u6570\",\"measure\":\"incident_misdispatch_returns\"},{\"code\":\"incident_satisfaction_rate\",\"name\":\"\\u7FA4\\u4F17\\u6EE1\\u610F\\u7387\",\"measure\":\"incident_satisfied\"},{\"code\":\"dispute_success_rate\",\"name\":\"\\u77DB\\u76FE\\u7EA0\\u7EB7\\u8C03\\u89E3\\u6210\\u529F\\u7387\",\"measure\":\"dispute_success\"},{\"code\":\"dispute_grassroots_share\",\"name\":\"\\u7F51\\u683C\\u3001\\u793E\\u533A\\u5C42\\u9762\\u5316\\u89E3\\u5360\\u6BD4\",\"measure\":\"dispute_settled_low_level\"},{\"code\":\"alert_ack_on_time_rate\",\"name\":\"\\u89C6\\u9891\\u544A\\u8B66\\u6309\\u65F6\\u786E\\u8BA4\\u7387\",\"measure\":\"alert_ack_on_time\"},{\"code\":\"rental_reinspection_on_time_rate\",\"name\":\"\\u51FA\\u79DF\\u623F\\u5C4B\\u6309\\u65F6\\u590D\\u67E5\\u7387\",\"measure\":\"rental_inspection_on_time\"},{\"code\":\"task_completion_rate\",\"name\":\"\\u6708\\u5EA6\\u4EFB\\u52A1\\u5B8C\\u6210\\u7387\",\"measure\":\"task_completion\"}]}");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_findings_DepartmentId_MonthStartUtc",
                table: "inspection_findings",
                columns: new[] { "DepartmentId", "MonthStartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_inspection_findings_OrgPath_MonthStartUtc",
                table: "inspection_findings",
                columns: new[] { "OrgPath", "MonthStartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_manual_submissions_DepartmentId_Indicator_Period_Attempt",
                table: "manual_submissions",
                columns: new[] { "DepartmentId", "Indicator", "Period", "Attempt" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_manual_submissions_Indicator_State_PeriodStartUtc",
                table: "manual_submissions",
                columns: new[] { "Indicator", "State", "PeriodStartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_monthly_tasks_DepartmentId_MonthStartUtc",
                table: "monthly_tasks",
                columns: new[] { "DepartmentId", "MonthStartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_monthly_tasks_OrgPath_MonthStartUtc",
                table: "monthly_tasks",
                columns: new[] { "OrgPath", "MonthStartUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inspection_findings");

            migrationBuilder.DropTable(
                name: "manual_submissions");

            migrationBuilder.DropTable(
                name: "task_reports");

            migrationBuilder.DropTable(
                name: "monthly_tasks");

            migrationBuilder.UpdateData(
                table: "indicator_library_versions",
                keyColumn: "Version",
                keyValue: 1,
                column: "Document",
                value: "{\"indicators\":[{\"code\":\"incident_on_time_rate\",\"name\":\"\\u6309\\u65F6\\u529E\\u7ED3\\u7387\",\"measure\":\"incident_on_time\"},{\"code\":\"incident_rework_rate\",\"name\":\"\\u8FD4\\u5DE5\\u7387\",\"measure\":\"incident_rework\"},{\"code\":\"incident_extension_rate\",\"name\":\"\\u5EF6\\u671F\\u7387\",\"measure\":\"incident_extension\"},{\"code\":\"incident_misdispatch_returns\",\"name\":\"\\u9519\\u6D3E\\u9000\\u5355\\u6570\",\"measure\":\"incident_misdispatch_returns\"},{\"code\":\"incident_satisfaction_rate\",\"name\":\"\\u7FA4\\u4F17\\u6EE1\\u610F\\u7387\",\"measure\":\"incident_satisfied\"},{\"code\":\"dispute_success_rate\",\"name\":\"\\u77DB\\u76FE\\u7EA0\\u7EB7\\u8C03\\u89E3\\u6210\\u529F\\u7387\",\"measure\":\"dispute_success\"},{\"code\":\"dispute_grassroots_share\",\"name\":\"\\u7F51\\u683C\\u3001\\u793E\\u533A\\u5C42\\u9762\\u5316\\u89E3\\u5360\\u6BD4\",\"measure\":\"dispute_settled_low_level\"},{\"code\":\"alert_ack_on_time_rate\",\"name\":\"\\u89C6\\u9891\\u544A\\u8B66\\u6309\\u65F6\\u786E\\u8BA4\\u7387\",\"measure\":\"alert_ack_on_time\"},{\"code\":\"rental_reinspection_on_time_rate\",\"name\":\"\\u51FA\\u79DF\\u623F\\u5C4B\\u6309\\u65F6\\u590D\\u67E5\\u7387\",\"measure\":\"rental_inspection_on_time\"}]}");
        }
    }
}
