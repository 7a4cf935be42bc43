using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Mediation.Bodies;
using Governance.Mediation.Cases;
using Governance.Mediation.Tests.Infrastructure;
using Governance.Mediation.Tests.Work;
using static Governance.Mediation.Tests.Infrastructure.MediationHost;

namespace Governance.Mediation.Tests.Bodies;

public sealed class BodiesTests : IAsyncLifetime
{
    private MediationHost _host = null!;
    private HttpClient _admin = null!;

    public async ValueTask InitializeAsync()
    {
        _host = await MediationHost.StartAsync();
        _admin = _host.ClientAs("admin-1", County, "admin");
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<BodyView> BodyAsync(string name, string kind, string specialty, string level, string org)
    {
        var response = await _admin.PostAsJsonAsync("/api/mediation/bodies", new { name, kind, specialty, level, orgPath = org }, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<BodyView>(Ct))!;
    }

    private async Task<MediatorView> MediatorAsync(Guid body, string name, string[] specialties, bool expert = false)
    {
        var response = await _admin.PostAsJsonAsync($"/api/mediation/bodies/{body}/mediators", new { name, specialties, isExpert = expert }, Ct);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<MediatorView>(Ct))!;
    }

    [Fact]
    public async Task Suggestions_put_a_specialist_first_then_the_least_loaded()
    {
        var committee = await BodyAsync("金峰社区人民调解委员会", "peoples_committee", "general", "community", Community);
        var busy = await MediatorAsync(committee.Id, "王忙", ["neighbour"]);
        var free = await MediatorAsync(committee.Id, "李闲", ["neighbour"]);
        var other = await MediatorAsync(committee.Id, "赵婚", ["family_and_marriage"]);
        // 王忙 already carries a case.
        var carried = await CaseSeed.CaseAsync(_host);
        using var mediator = _host.ClientAs("mediator-1", Community, "mediator");
        await mediator.StepAsync(carried.Id, "assign", new { bodyId = committee.Id, mediatorId = busy.Id });

        var fresh = await CaseSeed.CaseAsync(_host, category: DisputeCategory.Neighbour);
        var suggestions = (await mediator.GetFromJsonAsync<List<SuggestionView>>($"/api/mediation/cases/{fresh.Id}/suggested-mediators", Ct))!;

        Assert.Equal([free.Id, busy.Id, other.Id], suggestions.Select(s => s.Mediator.Id));
        Assert.Equal([true, true, false], suggestions.Select(s => s.SpecialtyMatch));
        Assert.Equal(1, suggestions[1].Mediator.Load);
    }

    [Fact]
    public async Task Bodies_are_managed_only_inside_the_admins_subtree_and_a_busy_mediator_stays_active()
    {
        var street = await BodyAsync("昆仑路街道联合调解中心", "joint_centre", "general", "street", Street);
        var outside = _host.ClientAs("admin-2", OtherCommunity, "admin");
        var refused = await outside.PostAsJsonAsync("/api/mediation/bodies", new { name = "越权", kind = "peoples_committee", specialty = "general", level = "community", orgPath = Community }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var badKind = await _admin.PostAsJsonAsync("/api/mediation/bodies", new { name = "x", kind = "tribunal", specialty = "general", level = "street", orgPath = Street }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);

        var m = await MediatorAsync(street.Id, "孙调解", ["labour_and_wages"], expert: true);
        var c = await CaseSeed.CaseAsync(_host, MediationLevel.Street, Street);
        using var mediator = _host.ClientAs("mediator-2", Street, "mediator");
        await mediator.StepAsync(c.Id, "assign", new { bodyId = street.Id, mediatorId = m.Id });
        var deactivate = await _admin.PostAsync($"/api/mediation/bodies/{street.Id}/mediators/{m.Id}/deactivate", null, Ct);
        Assert.Equal(HttpStatusCode.Conflict, deactivate.StatusCode);
        Assert.Equal("MediatorWithOpenCasesStaysActive", (await deactivate.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("rule").GetString());

        var experts = await mediator.GetFromJsonAsync<List<JsonElement>>("/api/mediation/experts", Ct);
        Assert.Contains(experts!, e => e.ToString().Contains("孙调解"));
    }
}
