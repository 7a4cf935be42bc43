using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Mediation.Data.Migrations
{
    /// <inheritdoc />
    public partial class DisputeLoopConfirmations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Method",
                table: "party_confirmations",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                // Confirmations recorded before the method was asked for were taken by the mediator at the outcome, before them.
                defaultValue: "InPerson");

            migrationBuilder.AddColumn<string>(
                name: "RecordedBy",
                table: "party_confirmations",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "unknown");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Method",
                table: "party_confirmations");

            migrationBuilder.DropColumn(
                name: "RecordedBy",
                table: "party_confirmations");
        }
    }
}
