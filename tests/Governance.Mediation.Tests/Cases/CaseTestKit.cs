using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Contracts.Grid;
using Governance.Mediation.Bodies;
using Governance.Mediation.Cases;
using Governance.Mediation.Tests.Infrastructure;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Governance.Mediation.Tests.Cases;

/// <summary>Helpers the case tests share: requests, hand-overs through the host's bus, bodies, refusals.</summary>
internal static class CaseTestKit
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static CaseRequest Request(string orgPath, string category = "neighbour", string risk = "ordinary", int people = 2, decimal? amount = null,
        string? contact = "13800138000", string? summary = null) => new(
        "centre_window", null, "Wall between two yards", new DateOnly(2026, 11, 20), "No. 3 Lane", null, orgPath, category, people, amount,
        summary ?? "A neighbour built a wall on the shared path.", risk,
        [new PartyRequest("person", "applicant", "Zhang San", contact), new PartyRequest("person", "respondent", "Li Si", null)]);

    public static async Task<CaseView> RegisterAsync(HttpClient client, CaseRequest request)
    {
        var response = await client.PostAsJsonAsync("/api/mediation/cases", request, Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<CaseView>(Ct))!;
    }

    public static async Task<CaseView> PostAsync(HttpClient client, string path, object body)
    {
        var response = await client.PostAsJsonAsync(path, body, Ct);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        return (await response.Content.ReadFromJsonAsync<CaseView>(Ct))!;
    }

    /// <summary>Posts a step that must be refused with 409 and the named rule.</summary>
    public static async Task RefusedAsync(HttpClient client, string path, object body, string rule)
    {
        var response = await client.PostAsJsonAsync(path, body, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Conflict, $"{path}: {(int)response.StatusCode} {text}");
        Assert.Equal(rule, JsonDocument.Parse(text).RootElement.GetProperty("rule").GetString());
    }

    public static async Task PublishHandOverAsync(MediationHost host, DisputeHandedOver e, Guid messageId)
    {
        var publish = host.Services.GetRequiredService<IBus>();
        await publish.Publish(e, ctx => ctx.MessageId = messageId, Ct);
    }

    public static async Task<List<DisputeCase>> WaitForCasesAsync(MediationHost host, string reference, int atLeast = 1)
    {
        for (var i = 0; i < 100; i++)
        {
            var found = await host.QueryAsync(db => db.Cases.AsNoTracking().Where(c => c.SourceReference == reference).ToListAsync(Ct));
            if (found.Count >= atLeast) return found;
            await Task.Delay(100, Ct);
        }
        return [];
    }

    public static async Task<MediationBody> AddBodyAsync(MediationHost host, string name, BodyKind kind, MediationLevel level, string orgPath)
    {
        var body = new MediationBody { Name = name, Kind = kind, Specialty = "general", Level = level, OrgPath = orgPath };
        await host.QueryAsync(async db => { db.Bodies.Add(body); return await db.SaveChangesAsync(Ct); });
        return body;
    }
}
