using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.VideoAlert.Data.Migrations
{
    /// <inheritdoc />
    public partial class AlertGroupingAndFlapping : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Flips",
                table: "cameras",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "FlipsSince",
                table: "cameras",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "GroupedPublishedAt",
                table: "alerts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "GroupedPublishedCount",
                table: "alerts",
                type: "integer",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Flips",
                table: "cameras");

            migrationBuilder.DropColumn(
                name: "FlipsSince",
                table: "cameras");

            migrationBuilder.DropColumn(
                name: "GroupedPublishedAt",
                table: "alerts");

            migrationBuilder.DropColumn(
                name: "GroupedPublishedCount",
                table: "alerts");
        }
    }
}
