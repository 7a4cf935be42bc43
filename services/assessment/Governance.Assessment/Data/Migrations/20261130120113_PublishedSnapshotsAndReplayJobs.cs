using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Assessment.Data.Migrations
{
    /// <inheritdoc />
    public partial class PublishedSnapshotsAndReplayJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "assessment_published_snapshots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Period = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    PublishedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Ranking = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_published_snapshots", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "assessment_replay_jobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    RequestedBy = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    HeartbeatAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EventsTotal = table.Column<long>(type: "bigint", nullable: false),
                    EventsDone = table.Column<long>(type: "bigint", nullable: false),
                    Failure = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Result = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_replay_jobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "assessment_published_scorecards",
                columns: table => new
                {
                    SnapshotId = table.Column<Guid>(type: "uuid", nullable: false),
                    DepartmentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Card = table.Column<string>(type: "text", nullable: false),
                    Records = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_assessment_published_scorecards", x => new { x.SnapshotId, x.DepartmentId });
                    table.ForeignKey(
                        name: "FK_assessment_published_scorecards_assessment_published_snapsh~",
                        column: x => x.SnapshotId,
                        principalTable: "assessment_published_snapshots",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_assessment_published_snapshots_OrgPath_Period_Version",
                table: "assessment_published_snapshots",
                columns: new[] { "OrgPath", "Period", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_assessment_replay_jobs_State",
                table: "assessment_replay_jobs",
                column: "State");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "assessment_published_scorecards");

            migrationBuilder.DropTable(
                name: "assessment_replay_jobs");

            migrationBuilder.DropTable(
                name: "assessment_published_snapshots");
        }
    }
}
