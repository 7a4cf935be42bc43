using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.VideoAlert.Data.Migrations
{
    /// <inheritdoc />
    public partial class VideoAlertGaps : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "RegisteredContact",
                table: "platforms",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RegisteredFrom",
                table: "platforms",
                type: "character varying(45)",
                maxLength: 45,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RegisteredTransport",
                table: "platforms",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Status",
                table: "platforms",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "unknown");

            migrationBuilder.AddColumn<DateTime>(
                name: "CameraOnlineAt",
                table: "maintenance_tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClosedAt",
                table: "maintenance_tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ClosedBy",
                table: "maintenance_tasks",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Resolution",
                table: "maintenance_tasks",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "StartedAt",
                table: "maintenance_tasks",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "StartedBy",
                table: "maintenance_tasks",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "maintenance_tasks",
                type: "integer",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<string>(
                name: "RegisteredContact",
                table: "cameras",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RegisteredFrom",
                table: "cameras",
                type: "character varying(45)",
                maxLength: 45,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RegisteredTransport",
                table: "cameras",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_maintenance_tasks_CameraId_Status",
                table: "maintenance_tasks",
                columns: new[] { "CameraId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_maintenance_tasks_CameraId_Status",
                table: "maintenance_tasks");

            migrationBuilder.DropColumn(
                name: "RegisteredContact",
                table: "platforms");

            migrationBuilder.DropColumn(
                name: "RegisteredFrom",
                table: "platforms");

            migrationBuilder.DropColumn(
                name: "RegisteredTransport",
                table: "platforms");

            migrationBuilder.DropColumn(
                name: "Status",
                table: "platforms");

            migrationBuilder.DropColumn(
                name: "CameraOnlineAt",
                table: "maintenance_tasks");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "maintenance_tasks");

            migrationBuilder.DropColumn(
                name: "ClosedBy",
                table: "maintenance_tasks");

            migrationBuilder.DropColumn(
                name: "Resolution",
                table: "maintenance_tasks");

            migrationBuilder.DropColumn(
                name: "StartedAt",
                table: "maintenance_tasks");

            migrationBuilder.DropColumn(
                name: "StartedBy",
                table: "maintenance_tasks");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "maintenance_tasks");

            migrationBuilder.DropColumn(
                name: "RegisteredContact",
                table: "cameras");

            migrationBuilder.DropColumn(
                name: "RegisteredFrom",
                table: "cameras");

            migrationBuilder.DropColumn(
                name: "RegisteredTransport",
                table: "cameras");
        }
    }
}
