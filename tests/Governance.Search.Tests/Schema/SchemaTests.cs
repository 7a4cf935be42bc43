using Governance.Search.Data;
using Governance.ServiceDefaults.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Search.Tests.Schema;

public sealed class SchemaTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_migrations_describe_the_whole_model()
    {
        await using var db = new DesignTimeSearchDb().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a migration: dotnet ef migrations add <Name> --project services/search/Governance.Search --output-dir Data/Migrations");
    }

    [Fact]
    public async Task The_migrate_command_builds_the_schema_with_the_search_audit_append_only()
    {
        await using var pg = await TestPostgres.CreateWithRolesAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:search"] = pg.RuntimeConnectionString,
            ["ConnectionStrings:search-owner"] = pg.OwnerConnectionString,
            ["Search:LuceneDirectory"] = Path.Combine(Path.GetTempPath(), "governance-tests", "schema-" + Guid.NewGuid().ToString("n")),
        });
        builder.AddSearchService();
        await using var app = builder.Build();

        await SchemaCommands.MigrateAllAsync(app.Services, Ct);

        Assert.True(await pg.TableExistsAsync("search_documents"));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SearchDb>();
        // The runtime role may add to the audit and read it, never change or remove what it holds.
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO search_audit (\"At\", \"Subject\", \"Channel\", \"Filters\", \"ResultCount\", \"Backend\") VALUES (now(), 'u-1', 'rest', '{{}}', 0, 'lucene')", Ct);
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM search_audit", Ct));
    }
}
