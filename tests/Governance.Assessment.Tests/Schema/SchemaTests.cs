using Governance.Assessment.Data;
using Governance.Assessment.Tests.Infrastructure;
using Governance.ServiceDefaults.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Assessment.Tests.Schema;

public sealed class SchemaTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_migrations_describe_the_whole_model()
    {
        await using var db = new DesignTimeAssessmentDb().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a migration: dotnet ef migrations add <Name> --project services/assessment/Governance.Assessment --output-dir Data/Migrations");
    }

    [Fact]
    public async Task The_migrate_command_builds_the_schema_with_the_indicator_library_seeded_and_the_event_log_append_only()
    {
        await using var pg = await TestPostgres.CreateWithRolesAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:assessment"] = pg.RuntimeConnectionString,
            ["ConnectionStrings:assessment-owner"] = pg.OwnerConnectionString,
        });
        builder.AddAssessmentService();
        await using var app = builder.Build();

        await SchemaCommands.MigrateAllAsync(app.Services, Ct);

        Assert.True(await pg.TableExistsAsync("assessment_events"));
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AssessmentDb>();
        Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM indicator_library_versions").SingleAsync(Ct));
        Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM assessment_leases").SingleAsync(Ct));
        // The runtime role may add to the log and read it, never change or remove what it holds.
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO assessment_events (\"MessageId\", \"Type\", \"OccurredAt\", \"RecordKind\", \"RecordId\", \"OrgPath\", \"Body\", \"ReceivedAt\") VALUES (gen_random_uuid(), 'IncidentClosed', now(), 'incident', 'x', '632801', '{{}}', now())", Ct);
        await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM assessment_events", Ct));
    }
}
