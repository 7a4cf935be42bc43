using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Assessment.Data.Migrations
{
    /// <inheritdoc />
    public partial class EventFedInputs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "camera_facts",
                columns: table => new
                {
                    DeviceId = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    GridCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OrgAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OrgMessage = table.Column<Guid>(type: "uuid", nullable: true),
                    KnownSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FirstOnlineAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_camera_facts", x => x.DeviceId);
                });

            migrationBuilder.CreateTable(
                name: "camera_status_changes",
                columns: table => new
                {
                    DeviceId = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Online = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_camera_status_changes", x => new { x.DeviceId, x.At, x.Online });
                });

            migrationBuilder.CreateTable(
                name: "care_visit_figures",
                columns: table => new
                {
                    Community = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Month = table.Column<DateOnly>(type: "date", nullable: false),
                    MonthStartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Due = table.Column<int>(type: "integer", nullable: true),
                    OnTime = table.Column<int>(type: "integer", nullable: true),
                    Late = table.Column<int>(type: "integer", nullable: true),
                    Missed = table.Column<int>(type: "integer", nullable: true),
                    Shown = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FetchedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_care_visit_figures", x => new { x.Community, x.Month });
                });

            migrationBuilder.CreateTable(
                name: "report_facts",
                columns: table => new
                {
                    IncidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OrgAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OrgMessage = table.Column<Guid>(type: "uuid", nullable: true),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    ReportedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RegisteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RejectedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    MergedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_report_facts", x => x.IncidentId);
                });

            migrationBuilder.CreateTable(
                name: "staffing_changes",
                columns: table => new
                {
                    GridCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    Post = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Change = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_staffing_changes", x => new { x.GridCode, x.Post, x.UserId, x.Change, x.At });
                });

            migrationBuilder.UpdateData(
                table: "indicator_library_versions",
                keyColumn: "Version",
                keyValue: 1,
                column: "Document",
                value: "{\"indicators\":[{\"code\":\"incident_on_time_rate\",\"name\":\"\\u6309\\u65F6\\u529E\\u7ED3\\u7387\",\"measure\":\"incident_on_time\"},{\"code\":\"incident_rework_rate\",\"name\":\"\\u8FD4\\u5DE5\\u7387\",\"measure\":\"incident_rework\"},{\"code\":\"incident_extension_rate\",\"name\":\"\\u5EF6\\u671F\\u7387\",\"measure\":\"incident_extension\"},{\"code\":\"incident_misdispatch_returns\",\"name\":\"\\u9519\\u6D3E\\u9000\\u5355\\u6570\",\"measure\":\"incident_misdispatch_returns\"},{\"code\":\"incident_satisfaction_rate\",\"name\":\"\\u7FA4\\u4F17\\u6EE1\\u610F\\u7387\",\"measure\":\"incident_satisfied\"},{\"code\":\"dispute_success_rate\",\"name\":\"\\u77DB\\u76FE\\u7EA0\\u7EB7\\u8C03\\u89E3\\u6210\\u529F\\u7387\",\"measure\":\"dispute_success\"},{\"code\":\"dispute_grassroots_share\",\"name\":\"\\u7F51\\u683C\\u3001\\u793E\\u533A\\u5C42\\u9762\\u5316\\u89E3\\u5360\\u6BD4\",\"measure\":\"dispute_settled_low_level\"},{\"code\":\"alert_ack_on_time_rate\",\"name\":\"\\u89C6\\u9891\\u544A\\u8B66\\u6309\\u65F6\\u786E\\u8BA4\\u7387\",\"measure\":\"alert_ack_on_time\"},{\"code\":\"rental_reinspection_on_time_rate\",\"name\":\"\\u51FA\\u79DF\\u623F\\u5C4B\\u6309\\u65F6\\u590D\\u67E5\\u7387\",\"measure\":\"rental_inspection_on_time\"},{\"code\":\"grid_worker_daily_valid_reports\",\"name\":\"\\u7F51\\u683C\\u5458\\u65E5\\u5747\\u6709\\u6548\\u4E0A\\u62A5\\u6570\",\"measure\":\"grid_worker_valid_reports_per_day\"},{\"code\":\"camera_online_rate\",\"name\":\"\\u6444\\u50CF\\u673A\\u5728\\u7EBF\\u7387\",\"measure\":\"camera_online\"},{\"code\":\"camera_networking_rate\",\"name\":\"\\u6444\\u50CF\\u673A\\u8054\\u7F51\\u7387\",\"measure\":\"camera_networked\"},{\"code\":\"care_visit_on_time_rate\",\"name\":\"\\u5173\\u7231\\u5BF9\\u8C61\\u6309\\u65F6\\u8D70\\u8BBF\\u7387\",\"measure\":\"care_visit_on_time\"},{\"code\":\"task_completion_rate\",\"name\":\"\\u6708\\u5EA6\\u4EFB\\u52A1\\u5B8C\\u6210\\u7387\",\"measure\":\"task_completion\"}]}");

            migrationBuilder.CreateIndex(
                name: "IX_camera_facts_OrgPath",
                table: "camera_facts",
                column: "OrgPath");

            migrationBuilder.CreateIndex(
                name: "IX_care_visit_figures_MonthStartUtc",
                table: "care_visit_figures",
                column: "MonthStartUtc");

            migrationBuilder.CreateIndex(
                name: "IX_report_facts_OrgPath_ReportedAt",
                table: "report_facts",
                columns: new[] { "OrgPath", "ReportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_staffing_changes_Post_OrgPath",
                table: "staffing_changes",
                columns: new[] { "Post", "OrgPath" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "camera_facts");

            migrationBuilder.DropTable(
                name: "camera_status_changes");

            migrationBuilder.DropTable(
                name: "care_visit_figures");

            migrationBuilder.DropTable(
                name: "report_facts");

            migrationBuilder.DropTable(
                name: "staffing_changes");

            migrationBuilder.UpdateData(
                table: "indicator_library_versions",
                keyColumn: "Version",
                keyValue: 1,
                column: "Document",
                value: "{\"indicators\":[{\"code\":\"incident_on_time_rate\",\"name\":\"\\u6309\\u65F6\\u529E\\u7ED3\\u7387\",\"measure\":\"incident_on_time\"},{\"code\":\"incident_rework_rate\",\"name\":\"\\u8FD4\\u5DE5\\u7387\",\"measure\":\"incident_rework\"},{\"code\":\"incident_extension_rate\",\"name\":\"\\u5EF6\\u671F\\u7387\",\"measure\":\"incident_extension\"},{\"code\":\"incident_misdispatch_returns\",\"name\":\"\\u9519\\u6D3E\\u9000\\u5355\\u6570\",\"measure\":\"incident_misdispatch_returns\"},{\"code\":\"incident_satisfaction_rate\",\"name\":\"\\u7FA4\\u4F17\\u6EE1\\u610F\\u7387\",\"measure\":\"incident_satisfied\"},{\"code\":\"dispute_success_rate\",\"name\":\"\\u77DB\\u76FE\\u7EA0\\u7EB7\\u8C03\\u89E3\\u6210\\u529F\\u7387\",\"measure\":\"dispute_success\"},{\"code\":\"dispute_grassroots_share\",\"name\":\"\\u7F51\\u683C\\u3001\\u793E\\u533A\\u5C42\\u9762\\u5316\\u89E3\\u5360\\u6BD4\",\"measure\":\"dispute_settled_low_level\"},{\"code\":\"alert_ack_on_time_rate\",\"name\":\"\\u89C6\\u9891\\u544A\\u8B66\\u6309\\u65F6\\u786E\\u8BA4\\u7387\",\"measure\":\"alert_ack_on_time\"},{\"code\":\"rental_reinspection_on_time_rate\",\"name\":\"\\u51FA\\u79DF\\u623F\\u5C4B\\u6309\\u65F6\\u590D\\u67E5\\u7387\",\"measure\":\"rental_inspection_on_time\"},{\"code\":\"task_completion_rate\",\"name\":\"\\u6708\\u5EA6\\u4EFB\\u52A1\\u5B8C\\u6210\\u7387\",\"measure\":\"task_completion\"}]}");
        }
    }
}
