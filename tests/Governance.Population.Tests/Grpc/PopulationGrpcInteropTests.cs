using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Population.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Grpc;

public sealed class PopulationGrpcInteropTests : IAsyncLifetime
{
    private PopulationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await PopulationHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Python_grpcio_looks_a_person_up_masked_and_revealed_and_checks_health()
    {
        var id = await People.RegisterAsync(_host.GridWorker(), People.Floating());
        var (_, rooms) = await Moves.Homes.RoomsAsync(_host, 1);
        (await Moves.Homes.MoveInAsync(_host.GridWorker(), id, rooms[0])).EnsureSuccessStatusCode();
        (await _host.GridWorker().PostAsJsonAsync("/api/population/households", new { number = "H1", kind = "family", houseId = rooms[0], headId = id }, Ct))
            .EnsureSuccessStatusCode();
        var token = _host.Issuer.TokenFor("public-security-7", County, ["investigator"]);
        await _host.PublishHealthAsync();
        var r = JsonDocument.Parse(await PythonScript.RunAsync(Path.Combine(AppContext.BaseDirectory, "Grpc", "Interop", "population_client.py"),
            [$"127.0.0.1:{_host.Grpc.Port}", token, "11010519491231002x", rooms[0].ToString()], Ct)).RootElement;

        Assert.Equal((id.ToString(), "110105********002X", "097****2345", "********0123", "floating"), (r.GetProperty("id").GetString(),
            r.GetProperty("masked_number").GetString(), r.GetProperty("masked_phone").GetString(), r.GetProperty("masked_permit").GetString(), r.GetProperty("status").GetString()));
        Assert.Equal((People.LiId, "QH2026000123", "1949-12-31"), (r.GetProperty("revealed_number").GetString(), r.GetProperty("revealed_permit").GetString(),
            r.GetProperty("birth_date").GetString()));
        Assert.Equal("INVALID_ARGUMENT", r.GetProperty("no_purpose")[0].GetString());
        Assert.Equal("NOT_FOUND", r.GetProperty("unknown")[0].GetString());
        Assert.Equal("UNAUTHENTICATED", r.GetProperty("anonymous")[0].GetString());
        Assert.Equal("0801", r.GetProperty("health").GetString()); // status 1: SERVING
        var household = r.GetProperty("household");
        var head = Assert.Single(household[1].EnumerateArray());
        Assert.Equal(("H1", "head", "110105********002X"), (household[0].GetString(), head[0].GetString(), head[1].GetString()));
        var residents = r.GetProperty("residents");
        Assert.Equal((1, 1, "110105********002X"), (residents[0].GetInt32(), residents[1].GetInt32(), Assert.Single(residents[2].EnumerateArray()).GetString()));
        Assert.Equal("INVALID_ARGUMENT", r.GetProperty("residents_no_purpose")[0].GetString());
        // Both look-ups, the household's look-up and member read, the resident listed, then the miss: each with the caller and the purpose the script stated.
        var reads = await _host.QueryAsync(db => db.PersonReads.Where(x => x.Reader != "gw-1").OrderBy(x => x.Id).ToListAsync(Ct));
        Assert.Equal(["lookup", "lookup", "lookup", "household", "residents", "lookup_miss"], reads.Select(x => x.Action));
        Assert.All(reads, x => Assert.Equal(("public-security-7", "grpc", "law_enforcement_request"), (x.Reader, x.Channel, x.Purpose)));
    }
    [Fact]
    public async Task Python_grpcio_reads_the_floating_figures_of_a_grid_by_its_code()
    {
        var today = DateOnly.FromDateTime(_host.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        var id = await People.RegisterAsync(_host.GridWorker(), People.Floating());
        await _host.QueryAsync(db => db.Persons.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.PermitValidUntil, today.AddDays(10)), Ct));
        using var arrived = await _host.GridWorker().PostAsJsonAsync("/api/population/floating/arrivals",
            new { personId = id, arrivedOn = today, reason = "work" }, Ct);
        Assert.Equal(HttpStatusCode.Created, arrived.StatusCode);
        var token = _host.Issuer.TokenFor("statistics-1", Community, ["grid_worker"]);
        var r = JsonDocument.Parse(await PythonScript.RunAsync(Path.Combine(AppContext.BaseDirectory, "Grpc", "Interop", "floating_figures_client.py"),
            [$"127.0.0.1:{_host.Grpc.Port}", token, "632801001002001", $"{today.AddDays(-7):yyyy-MM-dd}", $"{today:yyyy-MM-dd}"], Ct)).RootElement;

        Assert.Equal((Grid1, 1, 1, 1), (r.GetProperty("org_path").GetString(), r.GetProperty("current").GetInt32(), r.GetProperty("arrived").GetInt32(),
            r.GetProperty("expiring_soon").GetInt32()));
        Assert.Equal([Grid1], r.GetProperty("rows").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal("INVALID_ARGUMENT", r.GetProperty("bad_grid")[0].GetString());
        Assert.Equal("UNAUTHENTICATED", r.GetProperty("anonymous")[0].GetString());
    }
}
