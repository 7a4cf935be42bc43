using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Population.V1;
using Governance.Population.Floating;
using Governance.Population.Tests.Infrastructure;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Governance.Population.Tests.Infrastructure.PopulationHost;
using static Governance.Population.Tests.Rental.Rentals;

namespace Governance.Population.Tests.Floating;

/// <summary>New citizens on real PostgreSQL: arrival and departure, permit reminders recorded once, figures per grid and community over REST and gRPC.</summary>
public sealed class FloatingTests : IAsyncLifetime
{
    private const string Grid2 = "632801/001/002/002";
    private PopulationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await PopulationHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A new citizen whose permit runs out <paramref name="validFor"/> days from today.</summary>
    private async Task<Guid> NewCitizenAsync(int validFor, string org = Grid1)
    {
        var today = Today(_host);
        var body = new
        {
            name = "李四", documentType = "resident_id", documentNumber = NewResidentId(),
            residence = new { status = "floating", permitNumber = $"QH2026{Random.Shared.Next(100000, 999999)}", validFrom = today.AddYears(-1), validUntil = today.AddDays(validFor) },
            orgPath = org,
        };
        return await People.RegisterAsync(_host.GridWorker(org), body);
    }

    private async Task<Guid> ArriveAsync(Guid person, DateOnly on, string org = Grid1) =>
        (await PostAsync(_host.GridWorker(org), "/api/population/floating/arrivals", new { personId = person, arrivedOn = on, reason = "work" })).GetProperty("id").GetGuid();

    private async Task<int> ScanAsync()
    {
        await using var scope = _host.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PermitReminderScan>().ScanAsync(Ct);
    }

    [Fact]
    public async Task A_permit_reminder_is_recorded_once_listed_masked_to_the_org_and_each_row_is_a_logged_read()
    {
        var soon = await NewCitizenAsync(validFor: 20);
        await NewCitizenAsync(validFor: 60);
        var elsewhere = await NewCitizenAsync(validFor: 10, org: OtherCommunity);
        Assert.Equal(2, await ScanAsync());
        Assert.Equal(0, await ScanAsync());
        Assert.Equal(2, await _host.QueryAsync(db => db.Set<PermitReminder>().CountAsync(Ct)));

        var reminders = await _host.GridWorker(Community).GetFromJsonAsync<JsonElement[]>($"/api/population/floating/reminders?org={Community}", Ct);
        var reminder = Assert.Single(reminders!);
        Assert.Equal((soon, 20), (reminder.GetProperty("personId").GetGuid(), reminder.GetProperty("daysLeft").GetInt32()));
        Assert.Matches("^\\*{8}\\d{4}$", reminder.GetProperty("permitNumber").GetString());
        var read = Assert.Single(await _host.QueryAsync(db => db.PersonReads.ToListAsync(Ct)));
        Assert.Equal((soon, "list", "gw-1"), (read.PersonId!.Value, read.Action, read.Reader));
        Assert.DoesNotContain(elsewhere, (await _host.GridWorker(Community).GetFromJsonAsync<JsonElement[]>("/api/population/floating/reminders", Ct))!
            .Select(r => r.GetProperty("personId").GetGuid()));

        // Renewed: the old reminder is no longer listed, and the new expiry gets its own when it comes near.
        using var renewed = await _host.GridWorker().PostAsJsonAsync($"/api/population/floating/permits/{soon}/renewal", new { validUntil = Today(_host).AddDays(25) }, Ct);
        Assert.Equal(HttpStatusCode.NoContent, renewed.StatusCode);
        Assert.Empty((await _host.GridWorker(Community).GetFromJsonAsync<JsonElement[]>("/api/population/floating/reminders", Ct))!);
        Assert.Equal(1, await ScanAsync());
        Assert.Equal(25, Assert.Single((await _host.GridWorker(Community).GetFromJsonAsync<JsonElement[]>("/api/population/floating/reminders", Ct))!).GetProperty("daysLeft").GetInt32());
        using var shorter = await _host.GridWorker().PostAsJsonAsync($"/api/population/floating/permits/{soon}/renewal", new { validUntil = Today(_host).AddDays(5) }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, shorter.StatusCode);
    }

    [Fact]
    public async Task Figures_count_per_grid_and_community_within_the_period_and_the_callers_reach()
    {
        var today = Today(_host);
        var a = await NewCitizenAsync(validFor: 10);
        var b = await NewCitizenAsync(validFor: 200);
        var c = await NewCitizenAsync(validFor: 200, org: Grid2);
        var d = await NewCitizenAsync(validFor: 200, org: OtherCommunity);
        await ArriveAsync(a, today.AddDays(-100));
        var stayB = await ArriveAsync(b, today.AddDays(-20));
        await ArriveAsync(c, today.AddDays(-5), Grid2);
        await ArriveAsync(d, today.AddDays(-5), OtherCommunity);
        using var departed = await _host.GridWorker().PostAsJsonAsync($"/api/population/floating/arrivals/{stayB}/departure", new { departedOn = today.AddDays(-2), destination = "西宁市城东区" }, Ct);
        Assert.Equal(HttpStatusCode.OK, departed.StatusCode);
        // Expired permit of someone still here: backdate it.
        await _host.QueryAsync(db => db.Persons.Where(p => p.Id == c).ExecuteUpdateAsync(s => s.SetProperty(p => p.PermitValidUntil, today.AddDays(-1)), Ct));

        var figures = await _host.GridWorker(Community).GetFromJsonAsync<JsonElement>(
            $"/api/population/floating/figures?org={Community}&from={today.AddDays(-30):yyyy-MM-dd}&to={today:yyyy-MM-dd}", Ct);
        var total = figures.GetProperty("total");
        Assert.Equal((2, 2, 1, 1, 1), (total.GetProperty("current").GetInt32(), total.GetProperty("arrived").GetInt32(), total.GetProperty("departed").GetInt32(),
            total.GetProperty("expiringSoon").GetInt32(), total.GetProperty("expired").GetInt32()));
        var rows = figures.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("orgPath").GetString()!);
        Assert.Equal([Grid1, Grid2], rows.Keys);
        Assert.Equal((1, 1, 1), (rows[Grid1].GetProperty("current").GetInt32(), rows[Grid1].GetProperty("arrived").GetInt32(), rows[Grid1].GetProperty("expiringSoon").GetInt32()));
        Assert.Equal(30, figures.GetProperty("expiringWithinDays").GetInt32());

        using var outside = await _host.GridWorker(OtherCommunity).GetAsync($"/api/population/floating/figures?org={Community}&from=2026-01-01&to=2026-12-31", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        using var badPeriod = await _host.GridWorker(Community).GetAsync($"/api/population/floating/figures?org={Community}&from=2026-12-31&to=2026-01-01", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badPeriod.StatusCode);
        Assert.True((await badPeriod.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("to", out _));
        // Figures hold no person: nothing in the access log.
        Assert.Equal(0, await _host.QueryAsync(db => db.PersonReads.CountAsync(Ct)));

        // The same over gRPC, by the grid's code.
        using var channel = GrpcChannel.ForAddress(_host.Grpc);
        var client = new PopulationService.PopulationServiceClient(channel);
        var options = new CallOptions(new Metadata { { "authorization", "Bearer " + _host.Issuer.TokenFor("dept-1", Community, ["grid_worker"]) } }, DateTime.UtcNow.AddSeconds(30), Ct);
        var reply = await client.GetFloatingFiguresAsync(new GetFloatingFiguresRequest { GridCode = "632801001002001", From = $"{today.AddDays(-30):yyyy-MM-dd}", To = $"{today:yyyy-MM-dd}" }, options);
        Assert.Equal((Grid1, 1, 1, 1, 1, 0), (reply.OrgPath, reply.Total.Current, reply.Total.Arrived, reply.Total.Departed, reply.Total.ExpiringSoon, reply.Total.Expired));
        var both = await Assert.ThrowsAsync<RpcException>(() => client.GetFloatingFiguresAsync(
            new GetFloatingFiguresRequest { OrgPath = Community, GridCode = "632801001002001", From = "2026-01-01", To = "2026-12-31" }, options).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, both.StatusCode);
        var denied = await Assert.ThrowsAsync<RpcException>(() => client.GetFloatingFiguresAsync(
            new GetFloatingFiguresRequest { OrgPath = OtherCommunity, From = "2026-01-01", To = "2026-12-31" }, options).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
    }

    [Fact]
    public async Task Arrivals_and_departures_refuse_bad_input_naming_the_field_and_one_stay_is_open_at_a_time()
    {
        var today = Today(_host);
        var person = await NewCitizenAsync(validFor: 200);
        var resident = await PersonAsync(_host);
        await RefusedAsync("/api/population/floating/arrivals", new { personId = person, arrivedOn = today, reason = "tourism" }, "reason");
        await RefusedAsync("/api/population/floating/arrivals", new { personId = person, arrivedOn = today.AddDays(1), reason = "work" }, "arrivedOn");
        await RefusedAsync("/api/population/floating/arrivals", new { personId = resident, arrivedOn = today, reason = "work" }, "personId");
        await RefusedAsync("/api/population/floating/arrivals", new { personId = Guid.NewGuid(), arrivedOn = today, reason = "work" }, "personId");
        var stay = await ArriveAsync(person, today.AddDays(-10));
        using var twice = await _host.GridWorker().PostAsJsonAsync("/api/population/floating/arrivals", new { personId = person, arrivedOn = today, reason = "study" }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        var departure = $"/api/population/floating/arrivals/{stay}/departure";
        await RefusedAsync(departure, new { departedOn = today.AddDays(-11) }, "departedOn");
        await RefusedAsync(departure, new { departedOn = today, destination = new string('远', 101) }, "destination");
        Assert.Equal(1, await _host.QueryAsync(db => db.Set<FloatingStay>().CountAsync(s => s.DepartedOn == null, Ct)));
        using var left = await _host.GridWorker().PostAsJsonAsync(departure, new { departedOn = today }, Ct);
        Assert.Equal(HttpStatusCode.OK, left.StatusCode);
        using var again = await _host.GridWorker().PostAsJsonAsync(departure, new { departedOn = today }, Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        // Departed, the person may arrive again.
        await ArriveAsync(person, today);
    }

    private async Task RefusedAsync(string url, object body, string field)
    {
        using var response = await _host.GridWorker().PostAsJsonAsync(url, body, Ct);
        var problem = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {response.StatusCode} {problem}");
        Assert.True(JsonDocument.Parse(problem).RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem}");
    }
}
