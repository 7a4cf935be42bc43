using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Governance.Identity.Data.Migrations
{
    /// <inheritdoc />
    public partial class Posts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "user_posts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OrgNodeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Until = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    GrantedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    GrantedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user_posts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_user_posts_org_nodes_OrgNodeId",
                        column: x => x.OrgNodeId,
                        principalTable: "org_nodes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_user_posts_roles_Role",
                        column: x => x.Role,
                        principalTable: "roles",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_user_posts_users_UserId",
                        column: x => x.UserId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_user_posts_OrgNodeId",
                table: "user_posts",
                column: "OrgNodeId");

            migrationBuilder.CreateIndex(
                name: "IX_user_posts_Role",
                table: "user_posts",
                column: "Role");

            migrationBuilder.CreateIndex(
                name: "IX_user_posts_UserId",
                table: "user_posts",
                column: "UserId");

            // Every role held becomes a post at its holder's own node, without end, granted when and by whom the role was.
            migrationBuilder.Sql("""
                INSERT INTO user_posts ("Id", "UserId", "Role", "OrgNodeId", "Until", "GrantedAt", "GrantedBy")
                SELECT gen_random_uuid(), r."UserId", r."Role", u."OrgNodeId", NULL, r."GrantedAt", r."GrantedBy"
                FROM user_roles r JOIN users u ON u."Id" = r."UserId";
                """);

            migrationBuilder.DropTable(
                name: "user_roles");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "user_roles",
                columns: table => new
                {
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    GrantedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    GrantedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_user_roles", x => new { x.UserId, x.Role });
                    table.ForeignKey(
                        name: "FK_user_roles_roles_Role",
                        column: x => x.Role,
                        principalTable: "roles",
                        principalColumn: "Name",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_user_roles_users_UserId",
                        column: x => x.UserId,
                        principalTable: "users",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_user_roles_Role",
                table: "user_roles",
                column: "Role");

            // Back to roles: the live posts at each holder's own node (posts held elsewhere have no place in user_roles).
            migrationBuilder.Sql("""
                INSERT INTO user_roles ("UserId", "Role", "GrantedAt", "GrantedBy")
                SELECT p."UserId", p."Role", min(p."GrantedAt"), min(p."GrantedBy")
                FROM user_posts p JOIN users u ON u."Id" = p."UserId" AND u."OrgNodeId" = p."OrgNodeId"
                WHERE p."Until" IS NULL OR p."Until" > now()
                GROUP BY p."UserId", p."Role";
                """);

            migrationBuilder.DropTable(
                name: "user_posts");
        }
    }
}
