using Governance.Mediation.Data;
using Governance.ServiceDefaults.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Mediation.Tests.Schema;

public sealed class MigrationTests
{
    [Fact]
    public async Task The_migrations_describe_the_whole_model()
    {
        await using var db = new DesignTimeMediationDb().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a migration: dotnet ef migrations add <Name> --project services/mediation/Governance.Mediation --output-dir Data/Migrations");
    }

    [Fact]
    public async Task The_migrate_command_builds_the_schema_on_an_empty_PostgreSQL_database_with_the_level_rules_seeded()
    {
        await using var pg = await TestPostgres.CreateAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:mediation"] = pg.ConnectionString,
            ["Mediation:KeyEncryptionKey"] = Convert.ToBase64String(new byte[32]),
        });
        builder.AddMediationService();
        await using var app = builder.Build();

        await SchemaCommands.MigrateAllAsync(app.Services, TestContext.Current.CancellationToken);

        Assert.True(await pg.TableExistsAsync("cases"));
        Assert.True(await pg.TableExistsAsync("level_rule_versions"));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<MediationDb>();
        Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM level_rule_versions").SingleAsync(TestContext.Current.CancellationToken));
    }
}
