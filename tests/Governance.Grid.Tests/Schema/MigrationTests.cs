using Governance.Grid.Data;
using Governance.ServiceDefaults.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Grid.Tests.Schema;

public sealed class MigrationTests
{
    [Fact]
    public async Task The_migrations_describe_the_whole_model()
    {
        await using var db = new DesignTimeGridDb().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a migration: dotnet ef migrations add <Name> --project services/grid/Governance.Grid --output-dir Data/Migrations");
    }

    [Fact]
    public async Task The_migrate_command_builds_the_schema_on_an_empty_PostgreSQL_database_with_the_categories_seeded()
    {
        await using var pg = await TestPostgres.CreateAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:grid"] = pg.ConnectionString });
        builder.AddGridService();
        await using var app = builder.Build();

        await SchemaCommands.MigrateAllAsync(app.Services, TestContext.Current.CancellationToken);

        Assert.True(await pg.TableExistsAsync("incidents"));
        Assert.True(await pg.TableExistsAsync("grid_cells"));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<GridDb>();
        Assert.True(await db.CategoryDeadlines.AnyAsync(d => d.Category == "dispute" && d.Step == "handle", TestContext.Current.CancellationToken));
        Assert.True(await db.EscalationRules.AnyAsync(TestContext.Current.CancellationToken));
    }
}
