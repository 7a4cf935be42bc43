using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Population.Documents;
using Governance.Population.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Governance.Population.Tests.Rental;

/// <summary>Set-up for rental tests: rooms registered over REST, persons with made-up valid numbers, occupants placed straight in the database.</summary>
public static class Rentals
{
    private static int _sequence;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A valid resident ID number, new on every call.</summary>
    public static string NewResidentId()
    {
        var body = $"63280119900307{Interlocked.Increment(ref _sequence) % 1000:D3}";
        return body + Gb11643.CheckCharacter(body);
    }

    public static async Task<JsonElement> PostAsync(HttpClient client, string url, object body, HttpStatusCode expected = HttpStatusCode.Created)
    {
        using var response = await client.PostAsJsonAsync(url, body, Ct);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync(Ct)}");
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>A building on its own in <paramref name="org"/>, and a room in it.</summary>
    public static async Task<Guid> RoomAsync(PopulationHost host, string org = PopulationHost.Grid1)
    {
        var worker = host.GridWorker(org);
        var code = $"B{Interlocked.Increment(ref _sequence)}";
        var building = (await PostAsync(worker, "/api/population/houses", new { kind = "building", code, name = code, orgPath = org, use = "rental" })).GetProperty("id").GetGuid();
        return (await PostAsync(worker, "/api/population/houses", new { kind = "room", code = "101", name = "101室", parentId = building, use = "rental", occupancy = "occupied" }))
            .GetProperty("id").GetGuid();
    }

    public static Task<Guid> PersonAsync(PopulationHost host, string name = "王房东", string org = PopulationHost.Grid1) =>
        People.RegisterAsync(host.GridWorker(org), People.Registered(NewResidentId(), name, org: org));

    /// <summary>Places <paramref name="count"/> new persons in <paramref name="house"/> (the households' move API is not this test's subject).</summary>
    public static async Task<List<Guid>> OccupantsAsync(PopulationHost host, Guid house, int count)
    {
        var ids = new List<Guid>();
        for (var i = 0; i < count; i++) ids.Add(await PersonAsync(host, $"租户{i + 1}"));
        await host.QueryAsync(db => db.Persons.Where(p => ids.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.HouseId, house), Ct));
        return ids;
    }

    /// <summary>A rental of a new room with a new landlord; with an agreement signed a month ago for a year unless <paramref name="agreement"/> is false.</summary>
    public static async Task<(Guid Rental, Guid House, Guid Landlord)> RentalAsync(PopulationHost host, int permitted = 2, bool agreement = true, string org = PopulationHost.Grid1)
    {
        var house = await RoomAsync(host, org);
        var landlord = await PersonAsync(host, org: org);
        var today = DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime.AddHours(8));
        object? signed = agreement ? new { signedOn = today.AddMonths(-1), validUntil = today.AddMonths(11) } : null;
        var rental = await PostAsync(host.GridWorker(org), "/api/population/rentals", new { houseId = house, landlordId = landlord, permittedOccupants = permitted, agreement = signed });
        return (rental.GetProperty("id").GetGuid(), house, landlord);
    }

    public static Task<JsonElement> InspectAsync(PopulationHost host, Guid rental, params string[] findings) =>
        PostAsync(host.GridWorker(), $"/api/population/rentals/{rental}/inspections", new { findings = findings.Select(f => new { code = f, note = $"{f} 现场所见" }) });

    public static (string Grade, string Rule, int Version) GradeOf(JsonElement inspected)
    {
        var grade = inspected.GetProperty("inspection").GetProperty("grade");
        return (grade.GetProperty("grade").GetString()!, grade.GetProperty("rule").GetString()!, grade.GetProperty("rulesVersion").GetInt32());
    }

    public static DateOnly Today(PopulationHost host) => DateOnly.FromDateTime(host.Clock.GetUtcNow().UtcDateTime.AddHours(8));
}
