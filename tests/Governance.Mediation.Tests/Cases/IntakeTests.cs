using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Governance.Mediation.Cases;
using Governance.Mediation.Privacy;
using Governance.Mediation.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Governance.Mediation.Tests.Cases.CaseTestKit;

namespace Governance.Mediation.Tests.Cases;

public sealed class IntakeTests
{
    [Fact]
    public async Task Contacts_are_encrypted_at_rest_and_shown_masked_in_the_audited_single_read()
    {
        await using var host = await MediationHost.StartAsync();
        using var window = host.ClientAs("w-1", MediationHost.Community, "centre_operator");
        var dispute = await RegisterAsync(window, Request(MediationHost.Grid1, contact: "13800138000"));

        var stored = await host.QueryAsync(db => db.Parties.AsNoTracking().Where(p => p.CaseId == dispute.Id && p.EncryptedContact != null)
            .Select(p => p.EncryptedContact!).SingleAsync(Ct));
        Assert.DoesNotContain("13800138000", Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", Convert.ToHexString(stored), StringComparison.Ordinal);

        var list = await window.GetStringAsync("/api/mediation/cases", Ct);
        Assert.Contains(dispute.Number, list, StringComparison.Ordinal);
        Assert.DoesNotContain("13800138000", list, StringComparison.Ordinal);
        Assert.Equal(0, await host.QueryAsync(db => db.Set<PersonalDataRead>().CountAsync(Ct)));

        var detail = await window.GetStringAsync($"/api/mediation/cases/{dispute.Id}", Ct);
        Assert.DoesNotContain("13800138000", detail, StringComparison.Ordinal);
        var parties = JsonSerializer.Deserialize<CaseDetailView>(detail, JsonSerializerOptions.Web)!.Parties;
        Assert.Equal("138****8000", parties.Single(p => p.Role == "applicant").MaskedContact);
        Assert.Null(parties.Single(p => p.Role == "respondent").MaskedContact);
        var read = await host.QueryAsync(db => db.Set<PersonalDataRead>().AsNoTracking().SingleAsync(Ct));
        Assert.Equal(("w-1", dispute.Id, ReadKind.Case, ReadChannel.Rest), (read.Reader, read.CaseId, read.What, read.Channel));
    }

    [Fact]
    public async Task Registrations_of_one_reference_racing_register_one_case_and_the_losers_take_no_number()
    {
        await using var host = await MediationHost.StartAsync();
        using var window = host.ClientAs("w-1", MediationHost.Community, "centre_operator");
        for (var round = 0; round < 4; round++)
        {
            var request = Request(MediationHost.Grid1) with { SourceReference = $"12345-{round}" };
            var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
            {
                using var response = await window.PostAsJsonAsync("/api/mediation/cases", request, Ct);
                return response.StatusCode;
            }));
            Assert.Equal(1, answers.Count(a => a == HttpStatusCode.Created));
            Assert.All(answers.Where(a => a != HttpStatusCode.Created), a => Assert.Equal(HttpStatusCode.Conflict, a));
        }
        // The day's numbers run 1, 2, 3, 4 (and 5 for a plain case after them): no loser left a gap.
        await RegisterAsync(window, Request(MediationHost.Grid1));
        var numbers = await host.QueryAsync(db => db.Cases.AsNoTracking().OrderBy(c => c.Number).Select(c => c.Number).ToListAsync(Ct));
        Assert.Equal(Enumerable.Range(1, 5), numbers.Select(n => int.Parse(n[^6..], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task A_community_mediator_cannot_see_another_communitys_case()
    {
        await using var host = await MediationHost.StartAsync();
        using var window = host.ClientAs("w-1", MediationHost.Street, "centre_operator");
        var other = await RegisterAsync(window, Request(MediationHost.OtherCommunity, risk: "major"));
        var mine = await RegisterAsync(window, Request(MediationHost.Community, risk: "major"));

        using var mediator = host.ClientAs("m-community", MediationHost.Community, "mediator");
        Assert.Equal(HttpStatusCode.NotFound, (await mediator.GetAsync($"/api/mediation/cases/{other.Id}", Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await mediator.GetAsync($"/api/mediation/cases/{other.Id}/history", Ct)).StatusCode);
        var seen = (await mediator.GetFromJsonAsync<List<CaseView>>("/api/mediation/cases", Ct))!;
        Assert.Equal([mine.Id], seen.Select(c => c.Id));
        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.PostAsJsonAsync($"/api/mediation/cases/{other.Id}/escalate", new { reason = "not mine" }, Ct)).StatusCode);
        // Nor may one register a case outside one's own subtree.
        Assert.Equal(HttpStatusCode.Forbidden, (await mediator.PostAsJsonAsync("/api/mediation/cases", Request(MediationHost.OtherCommunity), Ct)).StatusCode);
        using var grid = host.ClientAs("g-1", MediationHost.Grid1, "grid_worker");
        Assert.Equal(HttpStatusCode.Forbidden, (await grid.GetAsync("/api/mediation/cases", Ct)).StatusCode);
    }

    [Theory]
    [InlineData("traffic_accident", "complex", 2, null, "county")]
    [InlineData("neighbour", "complex", 2, null, "street")]
    [InlineData("neighbour", "ordinary", 2, null, "grid")]
    [InlineData("neighbour", "ordinary", 6, null, "community")]
    [InlineData("contract", "major", 2, 150000.0, "street")]
    public async Task The_starting_level_follows_the_rules(string category, string risk, int people, double? amount, string level)
    {
        await using var host = await MediationHost.StartAsync();
        using var window = host.ClientAs("w-1", MediationHost.County, "centre_operator");
        var dispute = await RegisterAsync(window, Request(MediationHost.Grid1, category, risk, people, (decimal?)amount));
        Assert.Equal(level, dispute.Level);
        Assert.Equal(LevelPath(level), dispute.ResponsibleOrgPath);
    }

    [Fact]
    public async Task Invalid_intake_names_the_field()
    {
        await using var host = await MediationHost.StartAsync();
        using var window = host.ClientAs("w-1", MediationHost.Community, "centre_operator");
        await Invalid(Request(MediationHost.Grid1, summary: new string('x', 2001)), "summary");
        await Invalid(Request(MediationHost.Grid1, category: "gossip"), "category");
        await Invalid(Request(MediationHost.Grid1, risk: "huge"), "risk");
        await Invalid(Request(MediationHost.Grid1) with { Source = "incident_referral" }, "source");
        await Invalid(Request(MediationHost.Grid1) with { Parties = [] }, "parties");
        await Invalid(Request(MediationHost.Grid1) with { GridCode = "12" }, "gridCode");

        async Task Invalid(CaseRequest request, string field)
        {
            var response = await window.PostAsJsonAsync("/api/mediation/cases", request, Ct);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("errors");
            Assert.True(errors.TryGetProperty(field, out _), $"expected an error on {field}: {errors}");
        }
    }

    private static string LevelPath(string level) => level switch
    {
        "grid" => MediationHost.Grid1,
        "community" => MediationHost.Community,
        "street" => MediationHost.Street,
        _ => MediationHost.County,
    };
}
