using Governance.Grid.Cells;
using Governance.Grid.Data;
using Governance.Grid.Lookup;
using Governance.Grid.Org;
using Governance.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Grid.Tests.Infrastructure;

/// <summary>The grid service's database on a fresh PostgreSQL database, with its services, for tests below the HTTP surface.</summary>
public sealed class GridDatabase : IAsyncDisposable
{
    public const string Community = "632801/001/002";

    private readonly TestPostgres _pg;
    private readonly ServiceProvider _services;

    private GridDatabase(TestPostgres pg, ServiceProvider services) => (_pg, _services) = (pg, services);

    public IServiceProvider Services => _services;

    public static async Task<GridDatabase> CreateAsync()
    {
        var pg = await TestPostgres.CreateAsync();
        var services = new ServiceCollection()
            .AddSingleton(TimeProvider.System)
            .AddDbContext<GridDb>(o => o.UseNpgsql(pg.ConnectionString))
            .AddSingleton<GridLocator>()
            .AddScoped<CellImport>()
            .BuildServiceProvider();
        var database = new GridDatabase(pg, services);
        await database.WithDbAsync(async db =>
        {
            await db.Database.EnsureCreatedAsync();
            db.OrgNodes.AddRange(
                new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = "632801/001", Name = "昆仑路街道", Level = "street" },
                new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = Community, Name = "金峰社区", Level = "community" },
                new OrgNodeReplica { NodeId = Guid.NewGuid(), Path = "632801/001/003", Name = "银峰社区", Level = "community" });
            await db.SaveChangesAsync();
        });
        return database;
    }

    public async Task<T> WithDbAsync<T>(Func<GridDb, Task<T>> work)
    {
        await using var scope = _services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<GridDb>());
    }

    public Task WithDbAsync(Func<GridDb, Task> work) => WithDbAsync(async db => { await work(db); return 0; });

    public async Task<ImportOutcome> ImportAsync(string community, string featureCollection)
    {
        await using var scope = _services.CreateAsyncScope();
        using var json = System.Text.Json.JsonDocument.Parse(featureCollection);
        return await scope.ServiceProvider.GetRequiredService<CellImport>().ImportAsync(community, json.RootElement.Clone(), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _pg.DisposeAsync();
    }
}
