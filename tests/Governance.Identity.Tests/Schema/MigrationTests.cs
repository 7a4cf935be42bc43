using Governance.Identity.Data;
using Governance.ServiceDefaults.Data;
using Governance.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
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
}
