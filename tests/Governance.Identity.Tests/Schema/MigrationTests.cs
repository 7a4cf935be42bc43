using Governance.Identity.Data;
using Governance.ServiceDefaults.Data;
using Governance.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Identity.Tests.Schema;

public sealed class MigrationTests
{
    [Fact]
    public async Task The_migrations_describe_the_whole_model()
    {
        await using var db = new DesignTimeIdentityDb().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a migration: dotnet ef migrations add <Name> --project services/identity/Governance.Identity --output-dir Data/Migrations");
    }

    [Fact]
    public async Task The_migrate_command_builds_the_schema_on_an_empty_PostgreSQL_database_with_the_roles_seeded()
    {
        await using var pg = await TestPostgres.CreateAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:identity"] = pg.ConnectionString,
            ["Identity:KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]),
        });
        builder.AddIdentityService();
        await using var app = builder.Build();

        await SchemaCommands.MigrateAllAsync(app.Services, TestContext.Current.CancellationToken);

        Assert.True(await pg.TableExistsAsync("org_nodes"));
        Assert.True(await pg.TableExistsAsync("outbox_messages"));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IdentityDb>();
        Assert.Contains("incident.dispatch", await db.RolePermissions.Where(p => p.Role == "centre_operator").Select(p => p.Permission).ToListAsync(TestContext.Current.CancellationToken));
        // The migration also made the audit trail append-only.
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("TRUNCATE audit_entries", TestContext.Current.CancellationToken));
        Assert.Contains("append-only", refused.Message);
    }

    [Fact]
    public async Task The_posts_migration_makes_every_role_a_post_without_end_at_its_holders_own_node()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var pg = await TestPostgres.CreateAsync();
        await using var db = new IdentityDb(new DbContextOptionsBuilder<IdentityDb>().UseNpgsql(pg.ConnectionString).Options);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("20261129070245_AdminReadsGrids", ct);
        var (node, user, granted) = (Guid.NewGuid(), Guid.NewGuid(), new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc));
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO org_nodes ("Id", "Code", "Path", "Name", "Level", "CreatedAt", "UpdatedAt", "Version") VALUES ({node}, '632801', '632801', '格尔木市', 'County', {granted}, {granted}, {Guid.NewGuid()});
            INSERT INTO users ("Id", "UserName", "DisplayName", "OrgNodeId", "Status", "FailedSignIns", "Lockouts", "CreatedAt", "UpdatedAt", "Version")
                VALUES ({user}, 'li.si', '李四', {node}, 'Active', 0, 0, {granted}, {granted}, {Guid.NewGuid()});
            INSERT INTO user_roles ("UserId", "Role", "GrantedAt", "GrantedBy") VALUES ({user}, 'grid_worker', {granted}, 'admin-1'), ({user}, 'mediator', {granted}, 'admin-2');
            """, ct);

        await migrator.MigrateAsync(cancellationToken: ct);

        var posts = await db.UserPosts.AsNoTracking().OrderBy(p => p.Role).ToListAsync(ct);
        Assert.Equal([("grid_worker", "admin-1"), ("mediator", "admin-2")], posts.Select(p => (p.Role, p.GrantedBy)));
        Assert.All(posts, p => Assert.Equal((user, node, (DateTime?)null, granted), (p.UserId, p.OrgNodeId, p.Until, p.GrantedAt)));
        Assert.False(await pg.TableExistsAsync("user_roles"));
    }
}
