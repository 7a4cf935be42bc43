using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Governance.Assessment.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "alert_facts",
                columns: table => new
                {
                    AlertId = table.Column<Guid>(type: "uuid", nullable: false),
                    DeviceId = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OrgAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OrgMessage = table.Column<Guid>(type: "uuid", nullable: true),
                    RaisedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AckDeadline = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RoutedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    RoutedMessage = table.Column<Guid>(type: "uuid", nullable: true),
                    AcknowledgedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AcknowledgedMessage = table.Column<Guid>(type: "uuid", nullable: true),
                    Late = table.Column<bool>(type: "boolean", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_alert_facts", x => x.AlertId);
                });

            migrationBuilder.CreateTable(
                name: "assessment_events",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Type = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RecordId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    DepartmentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Body = table.Column<string>(type: "text", nullable: false),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_events", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "assessment_leases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Holder = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Until = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_leases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "departments",
                columns: table => new
                {
                    DepartmentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Retired = table.Column<bool>(type: "boolean", nullable: false),
                    Known = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_departments", x => x.DepartmentId);
                });

            migrationBuilder.CreateTable(
                name: "dispute_facts",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OrgAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OrgMessage = table.Column<Guid>(type: "uuid", nullable: true),
                    RegisteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    StartLevel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    LevelAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LevelMessage = table.Column<Guid>(type: "uuid", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    OutcomeLevel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    OutcomeAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OutcomeMessage = table.Column<Guid>(type: "uuid", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_dispute_facts", x => x.CaseId);
                });

            migrationBuilder.CreateTable(
                name: "inbox_messages",
                columns: table => new
                {
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Consumer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inbox_messages", x => new { x.MessageId, x.Consumer });
                });

            migrationBuilder.CreateTable(
                name: "incident_facts",
                columns: table => new
                {
                    IncidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OrgAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    OrgMessage = table.Column<Guid>(type: "uuid", nullable: true),
                    DepartmentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    DepartmentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DepartmentMessage = table.Column<Guid>(type: "uuid", nullable: true),
                    FirstDispatchedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Dispatches = table.Column<int>(type: "integer", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedMessage = table.Column<Guid>(type: "uuid", nullable: true),
                    OnTime = table.Column<bool>(type: "boolean", nullable: false),
                    Reworks = table.Column<int>(type: "integer", nullable: false),
                    Extensions = table.Column<int>(type: "integer", nullable: false),
                    Satisfaction = table.Column<int>(type: "integer", nullable: true),
                    EvaluatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EvaluatedMessage = table.Column<Guid>(type: "uuid", nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incident_facts", x => x.IncidentId);
                });

            migrationBuilder.CreateTable(
                name: "indicator_library_versions",
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
                    table.PrimaryKey("PK_indicator_library_versions", x => x.Version);
                });

            migrationBuilder.CreateTable(
                name: "letters",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_letters", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "outbox_dead_letters",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageType = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    AggregateKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    Error = table.Column<string>(type: "text", nullable: false),
                    DeadLetteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_dead_letters", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "outbox_messages",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    MessageId = table.Column<Guid>(type: "uuid", nullable: false),
                    MessageType = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Body = table.Column<string>(type: "text", nullable: false),
                    AggregateKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "return_facts",
                columns: table => new
                {
                    IncidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    Round = table.Column<int>(type: "integer", nullable: false),
                    DepartmentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Number = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ReturnedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReturnedMessage = table.Column<Guid>(type: "uuid", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_return_facts", x => new { x.IncidentId, x.Round, x.DepartmentId });
                });

            migrationBuilder.CreateTable(
                name: "letter_versions",
                columns: table => new
                {
                    LetterId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Items = table.Column<string>(type: "text", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SignedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SignedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_letter_versions", x => new { x.LetterId, x.Version });
                    table.ForeignKey(
                        name: "FK_letter_versions_letters_LetterId",
                        column: x => x.LetterId,
                        principalTable: "letters",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "assessment_leases",
                columns: new[] { "Name", "Holder", "Until" },
                values: new object[] { "replay", "", new DateTime(2000, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc) });

            migrationBuilder.InsertData(
                table: "indicator_library_versions",
                columns: new[] { "Version", "CreatedAt", "CreatedBy", "Document", "EffectiveFrom", "Note", "Summary" },
                values: new object[] { 1, new DateTime(2000, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "seed", "{\"indicators\":[{\"code\":\"incident_on_time_rate\",\"name\":\"\\u6309\\u65F6\\u529E\\u7ED3\\u7387\",\"measure\":\"incident_on_time\"},{\"code\":\"incident_rework_rate\",\"name\":\"\\u8FD4\\u5DE5\\u7387\",\"measure\":\"incident_rework\"},{\"code\":\"incident_extension_rate\",\"name\":\"\\u5EF6\\u671F\\u7387\",\"measure\":\"incident_extension\"},{\"code\":\"incident_misdispatch_returns\",\"name\":\"\\u9519\\u6D3E\\u9000\\u5355\\u6570\",\"measure\":\"incident_misdispatch_returns\"},{\"code\":\"incident_satisfaction_rate\",\"name\":\"\\u7FA4\\u4F17\\u6EE1\\u610F\\u7387\",\"measure\":\"incident_satisfied\"},{\"code\":\"dispute_success_rate\",\"name\":\"\\u77DB\\u76FE\\u7EA0\\u7EB7\\u8C03\\u89E3\\u6210\\u529F\\u7387\",\"measure\":\"dispute_success\"},{\"code\":\"dispute_grassroots_share\",\"name\":\"\\u7F51\\u683C\\u3001\\u793E\\u533A\\u5C42\\u9762\\u5316\\u89E3\\u5360\\u6BD4\",\"measure\":\"dispute_settled_low_level\"},{\"code\":\"alert_ack_on_time_rate\",\"name\":\"\\u89C6\\u9891\\u544A\\u8B66\\u6309\\u65F6\\u786E\\u8BA4\\u7387\",\"measure\":\"alert_ack_on_time\"}]}", new DateTime(2000, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), "The seeded indicator library", "first version" });

            migrationBuilder.CreateIndex(
                name: "IX_alert_facts_OrgPath_AcknowledgedAt",
                table: "alert_facts",
                columns: new[] { "OrgPath", "AcknowledgedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_assessment_events_MessageId",
                table: "assessment_events",
                column: "MessageId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_assessment_events_OccurredAt_Sequence",
                table: "assessment_events",
                columns: new[] { "OccurredAt", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_assessment_events_RecordKind_RecordId",
                table: "assessment_events",
                columns: new[] { "RecordKind", "RecordId" });

            migrationBuilder.CreateIndex(
                name: "IX_dispute_facts_OrgPath_OutcomeAt",
                table: "dispute_facts",
                columns: new[] { "OrgPath", "OutcomeAt" });

            migrationBuilder.CreateIndex(
                name: "IX_inbox_messages_ProcessedAt",
                table: "inbox_messages",
                column: "ProcessedAt");

            migrationBuilder.CreateIndex(
                name: "IX_incident_facts_DepartmentId_ClosedAt",
                table: "incident_facts",
                columns: new[] { "DepartmentId", "ClosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_incident_facts_DepartmentId_EvaluatedAt",
                table: "incident_facts",
                columns: new[] { "DepartmentId", "EvaluatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_incident_facts_OrgPath_ClosedAt",
                table: "incident_facts",
                columns: new[] { "OrgPath", "ClosedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_indicator_library_versions_EffectiveFrom",
                table: "indicator_library_versions",
                column: "EffectiveFrom");

            migrationBuilder.CreateIndex(
                name: "IX_letters_DepartmentId_Year",
                table: "letters",
                columns: new[] { "DepartmentId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_letters_Year_OrgPath",
                table: "letters",
                columns: new[] { "Year", "OrgPath" });

            migrationBuilder.CreateIndex(
                name: "IX_return_facts_DepartmentId_ReturnedAt",
                table: "return_facts",
                columns: new[] { "DepartmentId", "ReturnedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "alert_facts");

            migrationBuilder.DropTable(
                name: "assessment_events");

            migrationBuilder.DropTable(
                name: "assessment_leases");

            migrationBuilder.DropTable(
                name: "departments");

            migrationBuilder.DropTable(
                name: "dispute_facts");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "incident_facts");

            migrationBuilder.DropTable(
                name: "indicator_library_versions");

            migrationBuilder.DropTable(
                name: "letter_versions");

            migrationBuilder.DropTable(
                name: "outbox_dead_letters");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "return_facts");

            migrationBuilder.DropTable(
                name: "letters");
        }
    }
}
