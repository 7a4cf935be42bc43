using System.Net.Http.Json;
using Governance.Contracts.Population.V1;
using Governance.Population.Tests.Infrastructure;
using Governance.Population.Tests.Moves;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Households;

/// <summary><c>GetHouseholdOfPerson</c> and <c>ListResidents</c> with the generated typed client, as a department's system calls them.</summary>
public sealed class HouseholdGrpcTests : IAsyncLifetime
{
    private const string GridCode = "632801001002001";
    private PopulationHost _host = null!;
    private GrpcChannel _channel = null!;
    private Guid _zhang, _li, _household, _unit;
    private Guid[] _rooms = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await PopulationHost.StartAsync();
        _channel = GrpcChannel.ForAddress(_host.Grpc);
        (_unit, _rooms) = await Homes.RoomsAsync(_host, 2);
        _zhang = await People.RegisterAsync(_host.GridWorker(), People.Registered());
        _li = await People.RegisterAsync(_host.GridWorker(), People.Floating());
        using var registered = await _host.GridWorker().PostAsJsonAsync("/api/population/households",
            new { number = "H0101", kind = "family", houseId = _rooms[0], headId = _zhang }, Ct);
        _household = (await registered.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>(Ct)).GetProperty("id").GetGuid();
        (await _host.GridWorker().PostAsJsonAsync($"/api/population/households/{_household}/members", new { personId = _li, relation = "spouse" }, Ct)).EnsureSuccessStatusCode();
        (await Homes.MoveInAsync(_host.GridWorker(), _zhang, _rooms[0])).EnsureSuccessStatusCode();
        (await Homes.MoveInAsync(_host.GridWorker(), _li, _rooms[1])).EnsureSuccessStatusCode();
        // Setup: the compound placed in a grid, as the grid service's LocateGrid would have placed its point.
        await _host.QueryAsync(db => db.Houses.Where(h => h.ParentId == null).ExecuteUpdateAsync(set => set.SetProperty(h => h.GridCode, GridCode), Ct));
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _host.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private PopulationService.PopulationServiceClient Client => new(_channel);

    private CallOptions As(string subject, string org, string role) => new(
        headers: new Metadata { { "authorization", "Bearer " + _host.Issuer.TokenFor(subject, org, [role]) } },
        deadline: DateTime.UtcNow.AddSeconds(30), cancellationToken: Ct);

    [Fact]
    public async Task The_household_of_a_person_by_id_or_document_is_masked_and_each_member_read_logged()
    {
        var byId = await Client.GetHouseholdOfPersonAsync(new GetHouseholdOfPersonRequest { PersonId = _li.ToString(), Purpose = "service_delivery" },
            As("gw-9", Grid1, "grid_worker"));
        Assert.Equal(("H0101", "family", _rooms[0].ToString()), (byId.Number, byId.Kind, byId.HouseId));
        Assert.Equal([("head", "632801********1235"), ("spouse", "110105********002X")],
            byId.Members.Select(m => (m.Relation, m.Person.DocumentNumber)));

        var byDocument = await Client.GetHouseholdOfPersonAsync(new GetHouseholdOfPersonRequest
        {
            DocumentNumber = People.ZhangId, Purpose = "law_enforcement_request", PurposeNote = "协查函 7",
        }, As("dept-1", County, "investigator"));
        Assert.Equal(_household.ToString(), byDocument.Id);
        var reads = await _host.QueryAsync(db => db.PersonReads.Where(r => r.Reader == "dept-1").ToListAsync(Ct));
        Assert.Equal(["household", "household", "lookup"], reads.Select(r => r.Action).Order());
        Assert.All(reads, r => Assert.Equal(("grpc", "law_enforcement_request"), (r.Channel, r.Purpose)));
    }

    [Fact]
    public async Task Household_refusals_carry_their_status_and_field()
    {
        var noPurpose = await Assert.ThrowsAsync<RpcException>(() => Client.GetHouseholdOfPersonAsync(
            new GetHouseholdOfPersonRequest { PersonId = _zhang.ToString() }, As("gw-9", Grid1, "grid_worker")).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, noPurpose.StatusCode);
        var outside = await Assert.ThrowsAsync<RpcException>(() => Client.GetHouseholdOfPersonAsync(
            new GetHouseholdOfPersonRequest { PersonId = _zhang.ToString(), Purpose = "service_delivery" }, As("gw-9", OtherCommunity, "grid_worker")).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, outside.StatusCode);
        // A grid worker may not look a number up.
        var lookup = await Assert.ThrowsAsync<RpcException>(() => Client.GetHouseholdOfPersonAsync(
            new GetHouseholdOfPersonRequest { DocumentNumber = People.ZhangId, Purpose = "service_delivery" }, As("gw-9", Grid1, "grid_worker")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, lookup.StatusCode);
        // A person in no household: NOT_FOUND.
        var loner = await People.RegisterAsync(_host.GridWorker(), People.Registered(number: Homes.ResidentId(41), name: "孤", phone: null));
        var none = await Assert.ThrowsAsync<RpcException>(() => Client.GetHouseholdOfPersonAsync(
            new GetHouseholdOfPersonRequest { PersonId = loner.ToString(), Purpose = "service_delivery" }, As("gw-9", Grid1, "grid_worker")).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, none.StatusCode);
    }

    [Fact]
    public async Task Residents_of_a_house_or_a_grid_come_with_counts_and_pages()
    {
        var unit = await Client.ListResidentsAsync(new ListResidentsRequest { HouseId = _unit.ToString(), Purpose = "service_delivery", PageSize = 1 },
            As("gw-9", Grid1, "grid_worker"));
        Assert.Equal((1, 1, 2), (unit.Counts.Registered, unit.Counts.Floating, unit.Counts.Total));
        var first = Assert.Single(unit.Residents);
        Assert.NotEmpty(unit.NextPageToken);
        var next = await Client.ListResidentsAsync(new ListResidentsRequest
        {
            HouseId = _unit.ToString(), Purpose = "service_delivery", PageSize = 1, PageToken = unit.NextPageToken,
        }, As("gw-9", Grid1, "grid_worker"));
        Assert.NotEqual(first.Person.Id, Assert.Single(next.Residents).Person.Id);

        var grid = await Client.ListResidentsAsync(new ListResidentsRequest { GridCode = GridCode, Purpose = "service_delivery" }, As("gw-9", Grid1, "grid_worker"));
        Assert.Equal(2, grid.Counts.Total);
        Assert.Equal(["张三", "李四"], grid.Residents.Select(r => r.Person.Name).Order(StringComparer.Ordinal));
        Assert.Empty(grid.NextPageToken);
        Assert.Equal(4, await _host.QueryAsync(db => db.PersonReads.CountAsync(r => r.Action == "residents" && r.Channel == "grpc", Ct)));

        var badToken = await Assert.ThrowsAsync<RpcException>(() => Client.ListResidentsAsync(
            new ListResidentsRequest { GridCode = GridCode, Purpose = "service_delivery", PageToken = "nope" }, As("gw-9", Grid1, "grid_worker")).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, badToken.StatusCode);
        var elsewhere = await Assert.ThrowsAsync<RpcException>(() => Client.ListResidentsAsync(
            new ListResidentsRequest { GridCode = GridCode, Purpose = "service_delivery" }, As("gw-9", OtherCommunity, "grid_worker")).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, elsewhere.StatusCode);
    }
}
