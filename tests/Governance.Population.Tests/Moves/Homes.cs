using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Population.Tests.Infrastructure;

namespace Governance.Population.Tests.Moves;

/// <summary>Houses to live in and people to live there, registered through the REST API as the console does.</summary>
public static class Homes
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A compound with one building, one unit and <paramref name="rooms"/> vacant rooms in <paramref name="org"/>; the rooms' ids, and the unit's.</summary>
    public static async Task<(Guid Unit, Guid[] Rooms)> RoomsAsync(PopulationHost host, int rooms, string org = PopulationHost.Grid1, string code = "01")
    {
        var worker = host.GridWorker(org);
        var compound = await RegisterAsync(worker, new { kind = "compound", code, name = "幸福小区", orgPath = org, use = "residential" });
        var building = await RegisterAsync(worker, new { kind = "building", code = "3", name = "3栋", parentId = compound });
        var unit = await RegisterAsync(worker, new { kind = "unit", code = "1", name = "1单元", parentId = building });
        var ids = new Guid[rooms];
        for (var i = 0; i < rooms; i++)
            ids[i] = await RegisterAsync(worker, new { kind = "room", code = $"0{i + 1}01", name = $"{i + 1}01室", parentId = unit, use = "residential", occupancy = "vacant" });
        return (unit, ids);
    }

    public static async Task<Guid> RegisterAsync(HttpClient client, object body)
    {
        using var response = await client.PostAsJsonAsync("/api/population/houses", body, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();
    }

    /// <summary>A valid resident ID (GB 11643) born 1990-03-07 in 632801, with sequence <paramref name="sequence"/> (0–999).</summary>
    public static string ResidentId(int sequence)
    {
        var body = $"63280119900307{sequence:000}";
        int[] weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var sum = body.Select((c, i) => (c - '0') * weights[i]).Sum();
        return body + "10X98765432"[sum % 11];
    }

    /// <summary>A registered resident with a fresh number, in <paramref name="org"/>.</summary>
    public static Task<Guid> PersonAsync(PopulationHost host, int sequence, string name = "张三", string org = PopulationHost.Grid1) =>
        People.RegisterAsync(host.GridWorker(org), People.Registered(number: ResidentId(sequence), name: name, phone: null, org: org));

    public static Task<HttpResponseMessage> MoveInAsync(HttpClient client, Guid person, Guid house, string? on = null) =>
        client.PostAsJsonAsync($"/api/population/persons/{person}/move-in", new { houseId = house, on }, Ct);
}
