using System.Net.Http.Json;
using System.Text.Json;
using Governance.Population.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Governance.Population.Tests.Care;

/// <summary>On the runtime role, as the cluster runs: a case's whole work goes through, and its read log cannot be changed or emptied.</summary>
public sealed class CareReadLogTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task On_the_runtime_role_the_care_work_goes_through_and_its_read_log_cannot_be_changed_or_removed()
    {
        await using var host = await PopulationHost.StartAsync(runtimeRole: true);
        var id = await host.OpenAsync(await host.PersonAsync(41), "left_behind_child");
        await host.Worker1().VisitAsync(id, "v-1", CareClients.Today);
        var read = await host.Worker1().GetFromJsonAsync<JsonElement>($"/api/population/care/cases/{id}?{CareClients.Purpose}", Ct);
        Assert.Single(read.GetProperty("visits").EnumerateArray());

        await using var connection = new NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync(Ct);
        foreach (var statement in new[] { "UPDATE care_case_reads SET \"Purpose\" = 'x'", "DELETE FROM care_case_reads", "TRUNCATE care_case_reads" })
        {
            await using var command = new NpgsqlCommand(statement, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync(Ct));
            Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        }
        Assert.Equal(1, await host.QueryAsync(db => db.CareCaseReads.CountAsync(Ct)));
    }
}
