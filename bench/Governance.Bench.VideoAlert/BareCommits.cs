using Governance.Testing.Hosting;
using Governance.VideoAlert.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Governance.Bench.VideoAlert;

/// <summary>The baseline: a one-row INSERT committed on its own, in the service's database, from a pooled connection.</summary>
internal sealed class BareCommits(NpgsqlDataSource source)
{
    private long _next;

    public static async Task<BareCommits> PrepareAsync(ServiceTestHost<VideoAlertDb> host)
    {
        var connection = await host.QueryAsync(db => Task.FromResult(db.Database.GetConnectionString()!));
        var source = NpgsqlDataSource.Create(connection);
        await using var create = source.CreateCommand("CREATE TABLE IF NOT EXISTS bench_bare (id bigint PRIMARY KEY, camera text NOT NULL, received_at timestamptz NOT NULL)");
        await create.ExecuteNonQueryAsync();
        return new BareCommits(source);
    }

    public async Task InsertAsync(int _)
    {
        await using var insert = source.CreateCommand("INSERT INTO bench_bare VALUES ($1, $2, now())");
        insert.Parameters.AddWithValue(Interlocked.Increment(ref _next));
        insert.Parameters.AddWithValue("63280100001320000001");
        await insert.ExecuteNonQueryAsync();
    }
}
