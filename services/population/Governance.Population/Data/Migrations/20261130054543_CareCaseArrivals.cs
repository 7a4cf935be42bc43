using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Population.Data.Migrations
{
    /// <inheritdoc />
    public partial class CareCaseArrivals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ArrivedFrom",
                table: "care_cases",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ArrivedOn",
                table: "care_cases",
                type: "date",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ArrivedFrom",
                table: "care_cases");

            migrationBuilder.DropColumn(
                name: "ArrivedOn",
                table: "care_cases");
        }
    }
}
