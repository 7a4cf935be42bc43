using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Population.Data;
using Governance.Population.Tests.Infrastructure;
using Governance.ServiceDefaults.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Governance.Population.Tests.Schema;

public sealed class MigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_migrations_describe_the_whole_model()
    {
        await using var db = new DesignTimePopulationDb().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a migration: dotnet ef migrations add <Name> --project services/population/Governance.Population --output-dir Data/Migrations");
    }

    [Fact]
    public async Task The_migrate_command_builds_the_schema_on_an_empty_PostgreSQL_database_without_any_key()
    {
        await using var pg = await TestPostgres.CreateAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:population"] = pg.ConnectionString });
        builder.AddPopulationService();
        await using var app = builder.Build();

        await SchemaCommands.MigrateAllAsync(app.Services, Ct);

        Assert.True(await pg.TableExistsAsync("persons"));
        Assert.True(await pg.TableExistsAsync("person_reads"));
    }

    [Fact]
    public async Task On_the_runtime_role_the_service_works_and_cannot_change_or_remove_the_access_log()
    {
        await using var host = await PopulationHost.StartAsync(runtimeRole: true);
        var id = await People.RegisterAsync(host.GridWorker(), People.Registered());
        var read = await host.GridWorker().GetFromJsonAsync<JsonElement>($"/api/population/persons/{id}", Ct);
        Assert.Equal("632801********1235", read.GetProperty("documentNumber").GetString());

        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Ct);
        foreach (var statement in new[] { "UPDATE person_reads SET \"Purpose\" = 'x'", "DELETE FROM person_reads", "TRUNCATE person_reads" })
        {
            await using var command = new NpgsqlCommand(statement, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Ct));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }
        Assert.Equal(1, await host.QueryAsync(db => db.PersonReads.CountAsync(Ct)));
    }

    [Fact]
    public async Task On_SQLite_as_the_standalone_host_runs_a_person_registers_reads_and_refuses_a_duplicate()
    {
        await using var host = await PopulationHost.StartAsync(sqlite: true);
        var id = await People.RegisterAsync(host.GridWorker(), People.Floating());
        var list = await host.GridWorker(PopulationHost.Community).GetFromJsonAsync<JsonElement[]>("/api/population/persons", Ct);
        Assert.Equal(id, Assert.Single(list!).GetProperty("id").GetGuid());
        using var duplicate = await host.GridWorker().PostAsJsonAsync("/api/population/persons", People.Floating(), Ct);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        using var lookup = await host.Investigator().PostAsJsonAsync("/api/population/persons/lookup",
            new { documentNumber = People.LiId, purpose = "identity_verification" }, Ct);
        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        Assert.Equal(2, await host.QueryAsync(db => db.PersonReads.CountAsync(Ct)));
    }
}
