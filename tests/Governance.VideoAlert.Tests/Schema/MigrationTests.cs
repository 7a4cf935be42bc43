using Governance.Messaging.Bus;
using Governance.ServiceDefaults.Data;
using Governance.VideoAlert.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Governance.VideoAlert.Tests.Schema;

public sealed class MigrationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void The_migrations_describe_the_whole_model()
    {
        using var db = new DesignTimeVideoAlertDb().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(),
            "The model changed without a migration: dotnet ef migrations add <Name> --project services/video-alert/Governance.VideoAlert --output-dir Data/Migrations");
    }

    [Fact]
    public async Task The_migrate_command_builds_the_schema_on_an_empty_PostgreSQL_database_without_any_key()
    {
        await using var pg = await TestPostgres.CreateAsync();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:videoalert"] = pg.ConnectionString });
        builder.AddVideoAlertService();
        await using var app = builder.Build();

        await SchemaCommands.MigrateAllAsync(app.Services, Ct);

        Assert.True(await pg.TableExistsAsync("cameras"));
        Assert.True(await pg.TableExistsAsync("platforms"));
        Assert.True(await pg.TableExistsAsync("alarms"));
    }

    [Fact]
    public async Task A_host_without_its_SIP_key_does_not_start()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Directory"] = Path.Combine(Path.GetTempPath(), "governance-tests", Guid.NewGuid().ToString("n")),
            ["VideoAlert:Sip:Port"] = "0",
        });
        builder.AddVideoAlertService();
        builder.AddMessaging();
        await using var app = builder.Build();

        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync(Ct));
        Assert.Contains("VideoAlert:SipKeyEncryptionKey", refused.Message);
    }
}
