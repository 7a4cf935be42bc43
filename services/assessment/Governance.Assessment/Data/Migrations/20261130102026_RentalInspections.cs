using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Assessment.Data.Migrations
{
    /// <inheritdoc />
    public partial class RentalInspections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "inspection_facts",
                columns: table => new
                {
                    InspectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    HouseId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    InspectedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueBy = table.Column<DateOnly>(type: "date", nullable: false),
                    OnTime = table.Column<bool>(type: "boolean", nullable: false),
                    InspectedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_facts", x => x.InspectionId);
                });

            migrationBuilder.UpdateData(
                table: "indicator_library_versions",
                keyColumn: "Version",
                keyValue: 1,
                column: "Document",
                value: "{\"indicators\":[{\"code\":\"incident_on_time_rate\",\"name\":\"\\u6309\\u65F6\\u529E\\u7ED3\\u7387\",\"measure\":\"incident_on_time\"},{\"code\":\"incident_rework_rate\",\"name\":\"\\u8FD4\\u5DE5\\u7387\",\"measure\":\"incident_rework\"},{\"code\":\"incident_extension_rate\",\"name\":\"\\u5EF6\\u671F\\u7387\",\"measure\":\"incident_extension\"},{\"code\":\"incident_misdispatch_returns\",\"name\":\"\\u9519\\u6D3E\\u9000\\u5355\\u6570\",\"measure\":\"incident_misdispatch_returns\"},{\"code\":\"incident_satisfaction_rate\",\"name\":\"\\u7FA4\\u4F17\\u6EE1\\u610F\\u7387\",\"measure\":\"incident_satisfied\"},{\"code\":\"dispute_success_rate\",\"name\":\"\\u77DB\\u76FE\\u7EA0\\u7EB7\\u8C03\\u89E3\\u6210\\u529F\\u7387\",\"measure\":\"dispute_success\"},{\"code\":\"dispute_grassroots_share\",\"name\":\"\\u7F51\\u683C\\u3001\\u793E\\u533A\\u5C42\\u9762\\u5316\\u89E3\\u5360\\u6BD4\",\"measure\":\"dispute_settled_low_level\"},{\"code\":\"alert_ack_on_time_rate\",\"name\":\"\\u89C6\\u9891\\u544A\\u8B66\\u6309\\u65F6\\u786E\\u8BA4\\u7387\",\"measure\":\"alert_ack_on_time\"},{\"code\":\"rental_reinspection_on_time_rate\",\"name\":\"\\u51FA\\u79DF\\u623F\\u5C4B\\u6309\\u65F6\\u590D\\u67E5\\u7387\",\"measure\":\"rental_inspection_on_time\"}]}");

            migrationBuilder.CreateIndex(
                name: "IX_inspection_facts_OrgPath_InspectedAt",
                table: "inspection_facts",
                columns: new[] { "OrgPath", "InspectedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inspection_facts");

            migrationBuilder.UpdateData(
                table: "indicator_library_versions",
                keyColumn: "Version",
                keyValue: 1,
                column: "Document",
                value: "{\"indicators\":[{\"code\":\"incident_on_time_rate\",\"name\":\"\\u6309\\u65F6\\u529E\\u7ED3\\u7387\",\"measure\":\"incident_on_time\"},{\"code\":\"incident_rework_rate\",\"name\":\"\\u8FD4\\u5DE5\\u7387\",\"measure\":\"incident_rework\"},{\"code\":\"incident_extension_rate\",\"name\":\"\\u5EF6\\u671F\\u7387\",\"measure\":\"incident_extension\"},{\"code\":\"incident_misdispatch_returns\",\"name\":\"\\u9519\\u6D3E\\u9000\\u5355\\u6570\",\"measure\":\"incident_misdispatch_returns\"},{\"code\":\"incident_satisfaction_rate\",\"name\":\"\\u7FA4\\u4F17\\u6EE1\\u610F\\u7387\",\"measure\":\"incident_satisfied\"},{\"code\":\"dispute_success_rate\",\"name\":\"\\u77DB\\u76FE\\u7EA0\\u7EB7\\u8C03\\u89E3\\u6210\\u529F\\u7387\",\"measure\":\"dispute_success\"},{\"code\":\"dispute_grassroots_share\",\"name\":\"\\u7F51\\u683C\\u3001\\u793E\\u533A\\u5C42\\u9762\\u5316\\u89E3\\u5360\\u6BD4\",\"measure\":\"dispute_settled_low_level\"},{\"code\":\"alert_ack_on_time_rate\",\"name\":\"\\u89C6\\u9891\\u544A\\u8B66\\u6309\\u65F6\\u786E\\u8BA4\\u7387\",\"measure\":\"alert_ack_on_time\"}]}");
        }
    }
}
