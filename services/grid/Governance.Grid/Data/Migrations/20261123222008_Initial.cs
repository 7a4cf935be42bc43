using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Governance.Grid.Data.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "categories",
                columns: table => new
                {
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    OwningDepartmentKind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    IsDispute = table.Column<bool>(type: "boolean", nullable: false),
                    OfferedToCitizens = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_categories", x => x.Code);
                });

            migrationBuilder.CreateTable(
                name: "escalation_rules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrgLevel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Urgency = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    Step = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_escalation_rules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "grid_areas",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GridCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ParentId = table.Column<Guid>(type: "uuid", nullable: true),
                    Households = table.Column<int>(type: "integer", nullable: true),
                    Latitude = table.Column<double>(type: "double precision", nullable: true),
                    Longitude = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_grid_areas", x => x.Id);
                    table.ForeignKey(
                        name: "FK_grid_areas_grid_areas_ParentId",
                        column: x => x.ParentId,
                        principalTable: "grid_areas",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "grid_cells",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    CommunityPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Sequence = table.Column<string>(type: "character varying(3)", maxLength: 3, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Geometry = table.Column<string>(type: "text", nullable: false),
                    Households = table.Column<int>(type: "integer", nullable: true),
                    Population = table.Column<int>(type: "integer", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RetiredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_grid_cells", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "grid_posts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    GridCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    Post = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    UserId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    From = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    To = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AssignedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    EndedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_grid_posts", x => x.Id);
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
                name: "incident_counters",
                columns: table => new
                {
                    Day = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Last = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incident_counters", x => x.Day);
                });

            migrationBuilder.CreateTable(
                name: "incidents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Number = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Category = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Urgency = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Latitude = table.Column<double>(type: "double precision", nullable: false),
                    Longitude = table.Column<double>(type: "double precision", nullable: false),
                    Address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    GridCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ResponsibleOrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    State = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ReportedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DepartmentId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    HandlerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Step = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    StepDueAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    StepWarnAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Warning = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    WasOverdue = table.Column<bool>(type: "boolean", nullable: false),
                    Reworks = table.Column<int>(type: "integer", nullable: false),
                    Extensions = table.Column<int>(type: "integer", nullable: false),
                    ExtensionRequestedUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    MergedInto = table.Column<Guid>(type: "uuid", nullable: true),
                    Satisfaction = table.Column<int>(type: "integer", nullable: true),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incidents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "open311_clients",
                columns: table => new
                {
                    KeyId = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    KeyHash = table.Column<byte[]>(type: "bytea", maxLength: 32, nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    Jurisdiction = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_open311_clients", x => x.KeyId);
                });

            migrationBuilder.CreateTable(
                name: "org_nodes",
                columns: table => new
                {
                    NodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Path = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Retired = table.Column<bool>(type: "boolean", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_org_nodes", x => x.NodeId);
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
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_outbox_messages", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "patrol_logs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    WorkerId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    GridCode = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    OrgPath = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_patrol_logs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "category_deadlines",
                columns: table => new
                {
                    Category = table.Column<string>(type: "character varying(32)", nullable: false),
                    Urgency = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Step = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Minutes = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_category_deadlines", x => new { x.Category, x.Urgency, x.Step });
                    table.ForeignKey(
                        name: "FK_category_deadlines_categories_Category",
                        column: x => x.Category,
                        principalTable: "categories",
                        principalColumn: "Code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "incident_steps",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IncidentId = table.Column<Guid>(type: "uuid", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    FromState = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ToState = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Attachments = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_incident_steps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_incident_steps_incidents_IncidentId",
                        column: x => x.IncidentId,
                        principalTable: "incidents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "categories",
                columns: new[] { "Code", "IsDispute", "Name", "OfferedToCitizens", "OwningDepartmentKind" },
                values: new object[,]
                {
                    { "city_appearance", false, "市容环境", true, "UrbanManagement" },
                    { "dispute", true, "矛盾纠纷", true, "Justice" },
                    { "environment", false, "生态环境", true, "Environment" },
                    { "market", false, "市场监管", true, "MarketRegulation" },
                    { "other", false, "其他", true, "GovernanceOffice" },
                    { "public_facilities", false, "公共设施", true, "UrbanManagement" },
                    { "safety_hazard", false, "安全隐患", true, "Emergency" },
                    { "service_request", false, "便民服务", true, "CivilAffairs" },
                    { "street_order", false, "街面秩序", true, "UrbanManagement" }
                });

            migrationBuilder.InsertData(
                table: "escalation_rules",
                columns: new[] { "Id", "Category", "OrgLevel", "Step", "Urgency" },
                values: new object[,]
                {
                    { 1, null, "community", "accept", "Urgent" },
                    { 2, null, "community", "handle", "Urgent" },
                    { 3, null, "community", "accept", "Critical" },
                    { 4, null, "community", "handle", "Critical" },
                    { 5, null, "street", "handle", "Critical" },
                    { 6, "safety_hazard", "community", "handle", null }
                });

            migrationBuilder.InsertData(
                table: "category_deadlines",
                columns: new[] { "Category", "Step", "Urgency", "Minutes" },
                values: new object[,]
                {
                    { "city_appearance", "accept", "Critical", 5 },
                    { "city_appearance", "dispatch", "Critical", 5 },
                    { "city_appearance", "handle", "Critical", 240 },
                    { "city_appearance", "register", "Critical", 5 },
                    { "city_appearance", "verify", "Critical", 10 },
                    { "city_appearance", "accept", "Normal", 60 },
                    { "city_appearance", "dispatch", "Normal", 30 },
                    { "city_appearance", "handle", "Normal", 2880 },
                    { "city_appearance", "register", "Normal", 30 },
                    { "city_appearance", "verify", "Normal", 120 },
                    { "city_appearance", "accept", "Urgent", 15 },
                    { "city_appearance", "dispatch", "Urgent", 7 },
                    { "city_appearance", "handle", "Urgent", 720 },
                    { "city_appearance", "register", "Urgent", 7 },
                    { "city_appearance", "verify", "Urgent", 30 },
                    { "dispute", "accept", "Critical", 5 },
                    { "dispute", "dispatch", "Critical", 5 },
                    { "dispute", "handle", "Critical", 360 },
                    { "dispute", "register", "Critical", 5 },
                    { "dispute", "verify", "Critical", 10 },
                    { "dispute", "accept", "Normal", 60 },
                    { "dispute", "dispatch", "Normal", 30 },
                    { "dispute", "handle", "Normal", 4320 },
                    { "dispute", "register", "Normal", 30 },
                    { "dispute", "verify", "Normal", 120 },
                    { "dispute", "accept", "Urgent", 15 },
                    { "dispute", "dispatch", "Urgent", 7 },
                    { "dispute", "handle", "Urgent", 1080 },
                    { "dispute", "register", "Urgent", 7 },
                    { "dispute", "verify", "Urgent", 30 },
                    { "environment", "accept", "Critical", 5 },
                    { "environment", "dispatch", "Critical", 5 },
                    { "environment", "handle", "Critical", 240 },
                    { "environment", "register", "Critical", 5 },
                    { "environment", "verify", "Critical", 10 },
                    { "environment", "accept", "Normal", 60 },
                    { "environment", "dispatch", "Normal", 30 },
                    { "environment", "handle", "Normal", 2880 },
                    { "environment", "register", "Normal", 30 },
                    { "environment", "verify", "Normal", 120 },
                    { "environment", "accept", "Urgent", 15 },
                    { "environment", "dispatch", "Urgent", 7 },
                    { "environment", "handle", "Urgent", 720 },
                    { "environment", "register", "Urgent", 7 },
                    { "environment", "verify", "Urgent", 30 },
                    { "market", "accept", "Critical", 5 },
                    { "market", "dispatch", "Critical", 5 },
                    { "market", "handle", "Critical", 360 },
                    { "market", "register", "Critical", 5 },
                    { "market", "verify", "Critical", 10 },
                    { "market", "accept", "Normal", 60 },
                    { "market", "dispatch", "Normal", 30 },
                    { "market", "handle", "Normal", 4320 },
                    { "market", "register", "Normal", 30 },
                    { "market", "verify", "Normal", 120 },
                    { "market", "accept", "Urgent", 15 },
                    { "market", "dispatch", "Urgent", 7 },
                    { "market", "handle", "Urgent", 1080 },
                    { "market", "register", "Urgent", 7 },
                    { "market", "verify", "Urgent", 30 },
                    { "other", "accept", "Critical", 5 },
                    { "other", "dispatch", "Critical", 5 },
                    { "other", "handle", "Critical", 360 },
                    { "other", "register", "Critical", 5 },
                    { "other", "verify", "Critical", 10 },
                    { "other", "accept", "Normal", 60 },
                    { "other", "dispatch", "Normal", 30 },
                    { "other", "handle", "Normal", 4320 },
                    { "other", "register", "Normal", 30 },
                    { "other", "verify", "Normal", 120 },
                    { "other", "accept", "Urgent", 15 },
                    { "other", "dispatch", "Urgent", 7 },
                    { "other", "handle", "Urgent", 1080 },
                    { "other", "register", "Urgent", 7 },
                    { "other", "verify", "Urgent", 30 },
                    { "public_facilities", "accept", "Critical", 5 },
                    { "public_facilities", "dispatch", "Critical", 5 },
                    { "public_facilities", "handle", "Critical", 360 },
                    { "public_facilities", "register", "Critical", 5 },
                    { "public_facilities", "verify", "Critical", 10 },
                    { "public_facilities", "accept", "Normal", 60 },
                    { "public_facilities", "dispatch", "Normal", 30 },
                    { "public_facilities", "handle", "Normal", 4320 },
                    { "public_facilities", "register", "Normal", 30 },
                    { "public_facilities", "verify", "Normal", 120 },
                    { "public_facilities", "accept", "Urgent", 15 },
                    { "public_facilities", "dispatch", "Urgent", 7 },
                    { "public_facilities", "handle", "Urgent", 1080 },
                    { "public_facilities", "register", "Urgent", 7 },
                    { "public_facilities", "verify", "Urgent", 30 },
                    { "safety_hazard", "accept", "Critical", 5 },
                    { "safety_hazard", "dispatch", "Critical", 5 },
                    { "safety_hazard", "handle", "Critical", 120 },
                    { "safety_hazard", "register", "Critical", 5 },
                    { "safety_hazard", "verify", "Critical", 10 },
                    { "safety_hazard", "accept", "Normal", 60 },
                    { "safety_hazard", "dispatch", "Normal", 30 },
                    { "safety_hazard", "handle", "Normal", 1440 },
                    { "safety_hazard", "register", "Normal", 30 },
                    { "safety_hazard", "verify", "Normal", 120 },
                    { "safety_hazard", "accept", "Urgent", 15 },
                    { "safety_hazard", "dispatch", "Urgent", 7 },
                    { "safety_hazard", "handle", "Urgent", 360 },
                    { "safety_hazard", "register", "Urgent", 7 },
                    { "safety_hazard", "verify", "Urgent", 30 },
                    { "service_request", "accept", "Critical", 5 },
                    { "service_request", "dispatch", "Critical", 5 },
                    { "service_request", "handle", "Critical", 600 },
                    { "service_request", "register", "Critical", 5 },
                    { "service_request", "verify", "Critical", 10 },
                    { "service_request", "accept", "Normal", 60 },
                    { "service_request", "dispatch", "Normal", 30 },
                    { "service_request", "handle", "Normal", 7200 },
                    { "service_request", "register", "Normal", 30 },
                    { "service_request", "verify", "Normal", 120 },
                    { "service_request", "accept", "Urgent", 15 },
                    { "service_request", "dispatch", "Urgent", 7 },
                    { "service_request", "handle", "Urgent", 1800 },
                    { "service_request", "register", "Urgent", 7 },
                    { "service_request", "verify", "Urgent", 30 },
                    { "street_order", "accept", "Critical", 5 },
                    { "street_order", "dispatch", "Critical", 5 },
                    { "street_order", "handle", "Critical", 120 },
                    { "street_order", "register", "Critical", 5 },
                    { "street_order", "verify", "Critical", 10 },
                    { "street_order", "accept", "Normal", 60 },
                    { "street_order", "dispatch", "Normal", 30 },
                    { "street_order", "handle", "Normal", 1440 },
                    { "street_order", "register", "Normal", 30 },
                    { "street_order", "verify", "Normal", 120 },
                    { "street_order", "accept", "Urgent", 15 },
                    { "street_order", "dispatch", "Urgent", 7 },
                    { "street_order", "handle", "Urgent", 360 },
                    { "street_order", "register", "Urgent", 7 },
                    { "street_order", "verify", "Urgent", 30 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_grid_areas_GridCode_ParentId_Name",
                table: "grid_areas",
                columns: new[] { "GridCode", "ParentId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_grid_areas_ParentId",
                table: "grid_areas",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_grid_cells_Code",
                table: "grid_cells",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_grid_cells_CommunityPath",
                table: "grid_cells",
                column: "CommunityPath");

            migrationBuilder.CreateIndex(
                name: "IX_grid_posts_GridCode_To",
                table: "grid_posts",
                columns: new[] { "GridCode", "To" });

            migrationBuilder.CreateIndex(
                name: "ix_grid_posts_one_leader",
                table: "grid_posts",
                column: "GridCode",
                unique: true,
                filter: "\"Post\" = 'leader' AND \"To\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_grid_posts_UserId",
                table: "grid_posts",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_inbox_messages_ProcessedAt",
                table: "inbox_messages",
                column: "ProcessedAt");

            migrationBuilder.CreateIndex(
                name: "IX_incident_steps_IncidentId",
                table: "incident_steps",
                column: "IncidentId");

            migrationBuilder.CreateIndex(
                name: "IX_incidents_Category_ReportedAt",
                table: "incidents",
                columns: new[] { "Category", "ReportedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_incidents_DepartmentId_State",
                table: "incidents",
                columns: new[] { "DepartmentId", "State" });

            migrationBuilder.CreateIndex(
                name: "IX_incidents_Number",
                table: "incidents",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_incidents_OrgPath",
                table: "incidents",
                column: "OrgPath");

            migrationBuilder.CreateIndex(
                name: "IX_incidents_StepWarnAt",
                table: "incidents",
                column: "StepWarnAt");

            migrationBuilder.CreateIndex(
                name: "IX_org_nodes_Path",
                table: "org_nodes",
                column: "Path");

            migrationBuilder.CreateIndex(
                name: "IX_patrol_logs_OrgPath_Day",
                table: "patrol_logs",
                columns: new[] { "OrgPath", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_patrol_logs_WorkerId_Day",
                table: "patrol_logs",
                columns: new[] { "WorkerId", "Day" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "category_deadlines");

            migrationBuilder.DropTable(
                name: "escalation_rules");

            migrationBuilder.DropTable(
                name: "grid_areas");

            migrationBuilder.DropTable(
                name: "grid_cells");

            migrationBuilder.DropTable(
                name: "grid_posts");

            migrationBuilder.DropTable(
                name: "inbox_messages");

            migrationBuilder.DropTable(
                name: "incident_counters");

            migrationBuilder.DropTable(
                name: "incident_steps");

            migrationBuilder.DropTable(
                name: "open311_clients");

            migrationBuilder.DropTable(
                name: "org_nodes");

            migrationBuilder.DropTable(
                name: "outbox_messages");

            migrationBuilder.DropTable(
                name: "patrol_logs");

            migrationBuilder.DropTable(
                name: "categories");

            migrationBuilder.DropTable(
                name: "incidents");
        }
    }
}
