using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Assessment.Data.Migrations
{
    /// <inheritdoc />
    public partial class DisputeDeadlines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "dispute_deadlines",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    PlacedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dispute_deadlines", x => new { x.CaseId, x.PlacedAt });
                });

            migrationBuilder.UpdateData(
                table: "indicator_library_versions",
                keyColumn: "Version",
                keyValue: 1,
                column: "Document",
                value: "{\"indicators\":[{\"code\":\"incident_on_time_rate\",\"name\":\"\\u6309\\u65F6\\u529E\\u7ED3\\u7387\",\"measure\":\"incident_on_time\"},{\"code\":\"incident_rework_rate\",\"name\":\"\\u8FD4\\u5DE5\\u7387\",\"measure\":\"incident_rework\"},{\"code\":\"incident_extension_rate\",\"name\":\"\\u5EF6\\u671F\\u7387\",\"measure\":\"incident_extension\"},{\"code\":\"incident_misdispatch_returns\",\"name\":\"\\u9519\\u6D3E\\u9000\\u5355\\u6570\",\"measure\":\"incident_misdispatch_returns\"},{\"code\":\"incident_satisfaction_rate\",\"name\":\"\\u7FA4\\u4F17\\u6EE1\\u610F\\u7387\",\"measure\":\"incident_satisfied\"},{\"code\":\"dispute_success_rate\",\"name\":\"\\u77DB\\u76FE\\u7EA0\\u7EB7\\u8C03\\u89E3\\u6210\\u529F\\u7387\",\"measure\":\"dispute_success\"},{\"code\":\"dispute_grassroots_share\",\"name\":\"\\u7F51\\u683C\\u3001\\u793E\\u533A\\u5C42\\u9762\\u5316\\u89E3\\u5360\\u6BD4\",\"measure\":\"dispute_settled_low_level\"},{\"code\":\"alert_ack_on_time_rate\",\"name\":\"\\u89C6\\u9891\\u544A\\u8B66\\u6309\\u65F6\\u786E\\u8BA4\\u7387\",\"measure\":\"alert_ack_on_time\"},{\"code\":\"rental_reinspection_on_time_rate\",\"name\":\"\\u51FA\\u79DF\\u623F\\u5C4B\\u6309\\u65F6\\u590D\\u67E5\\u7387\",\"measure\":\"rental_inspection_on_time\"},{\"code\":\"grid_worker_daily_valid_reports\",\"name\":\"\\u7F51\\u683C\\u5458\\u65E5\\u5747\\u6709\\u6548\\u4E0A\\u62A5\\u6570\",\"measure\":\"grid_worker_valid_reports_per_day\"},{\"code\":\"camera_online_rate\",\"name\":\"\\u6444\\u50CF\\u673A\\u5728\\u7EBF\\u7387\",\"measure\":\"camera_online\"},{\"code\":\"camera_networking_rate\",\"name\":\"\\u6444\\u50CF\\u673A\\u8054\\u7F51\\u7387\",\"measure\":\"camera_networked\"},{\"code\":\"care_visit_on_time_rate\",\"name\":\"\\u5173\\u7231\\u5BF9\\u8C61\\u6309\\u65F6\\u8D70\\u8BBF\\u7387\",\"measure\":\"care_visit_on_time\"},{\"code\":\"task_completion_rate\",\"name\":\"\\u6708\\u5EA6\\u4EFB\\u52A1\\u5B8C\\u6210\\u7387\",\"measure\":\"task_completion\"},{\"code\":\"dispute_overdue_cases\",\"name\":\"\\u77DB\\u76FE\\u7EA0\\u7EB7\\u8D85\\u671F\\u6848\\u4EF6\\u6570\",\"measure\":\"dispute_overdue\"}]}");

            migrationBuilder.CreateIndex(
                name: "IX_dispute_deadlines_DueAt",
                table: "dispute_deadlines",
                column: "DueAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "dispute_deadlines");

            migrationBuilder.UpdateData(
                table: "indicator_library_versions",
                keyColumn: "Version",
                keyValue: 1,
                column: "Document",
                value: "{\"indicators\":[{\"code\":\"incident_on_time_rate\",\"name\":\"\\u6309\\u65F6\\u529E\\u7ED3\\u7387\",\"measure\":\"incident_on_time\"},{\"code\":\"incident_rework_rate\",\"name\":\"\\u8FD4\\u5DE5\\u7387\",\"measure\":\"incident_rework\"},{\"code\":\"incident_extension_rate\",\"name\":\"\\u5EF6\\u671F\\u7387\",\"measure\":\"incident_extension\"},{\"code\":\"incident_misdispatch_returns\",\"name\":\"\\u9519\\u6D3E\\u9000\\u5355\\u6570\",\"measure\":\"incident_misdispatch_returns\"},{\"code\":\"incident_satisfaction_rate\",\"name\":\"\\u7FA4\\u4F17\\u6EE1\\u610F\\u7387\",\"measure\":\"incident_satisfied\"},{\"code\":\"dispute_success_rate\",\"name\":\"\\u77DB\\u76FE\\u7EA0\\u7EB7\\u8C03\\u89E3\\u6210\\u529F\\u7387\",\"measure\":\"dispute_success\"},{\"code\":\"dispute_grassroots_share\",\"name\":\"\\u7F51\\u683C\\u3001\\u793E\\u533A\\u5C42\\u9762\\u5316\\u89E3\\u5360\\u6BD4\",\"measure\":\"dispute_settled_low_level\"},{\"code\":\"alert_ack_on_time_rate\",\"name\":\"\\u89C6\\u9891\\u544A\\u8B66\\u6309\\u65F6\\u786E\\u8BA4\\u7387\",\"measure\":\"alert_ack_on_time\"},{\"code\":\"rental_reinspection_on_time_rate\",\"name\":\"\\u51FA\\u79DF\\u623F\\u5C4B\\u6309\\u65F6\\u590D\\u67E5\\u7387\",\"measure\":\"rental_inspection_on_time\"},{\"code\":\"grid_worker_daily_valid_reports\",\"name\":\"\\u7F51\\u683C\\u5458\\u65E5\\u5747\\u6709\\u6548\\u4E0A\\u62A5\\u6570\",\"measure\":\"grid_worker_valid_reports_per_day\"},{\"code\":\"camera_online_rate\",\"name\":\"\\u6444\\u50CF\\u673A\\u5728\\u7EBF\\u7387\",\"measure\":\"camera_online\"},{\"code\":\"camera_networking_rate\",\"name\":\"\\u6444\\u50CF\\u673A\\u8054\\u7F51\\u7387\",\"measure\":\"camera_networked\"},{\"code\":\"care_visit_on_time_rate\",\"name\":\"\\u5173\\u7231\\u5BF9\\u8C61\\u6309\\u65F6\\u8D70\\u8BBF\\u7387\",\"measure\":\"care_visit_on_time\"},{\"code\":\"task_completion_rate\",\"name\":\"\\u6708\\u5EA6\\u4EFB\\u52A1\\u5B8C\\u6210\\u7387\",\"measure\":\"task_completion\"}]}");
        }
    }
}
