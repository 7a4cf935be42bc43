using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Governance.Mediation.Cases;
using Governance.Mediation.Completion;
using Governance.Mediation.Tests.Infrastructure;
using Governance.Mediation.Tests.Work;
using Microsoft.EntityFrameworkCore;
using static Governance.Mediation.Tests.Cases.CaseTestKit;
using static Governance.Mediation.Tests.Completion.HandOverCompletion;
using static Governance.Mediation.Tests.Infrastructure.MediationHost;

namespace Governance.Mediation.Tests.Completion;

public sealed class CaseCompletionTests : IAsyncLifetime
{
    private MediationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await MediationHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private HttpClient Mediator => _host.ClientAs("m-community", Community, "mediator");

    private async Task<PartyAddedView> AddPartyAsync(Guid id, object party)
    {
        var response = await Mediator.PostAsJsonAsync($"/api/mediation/cases/{id}/parties", party, Ct);
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<PartyAddedView>(Ct))!;
    }

    private async Task<(HttpStatusCode Status, JsonElement Problem)> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        var response = await Mediator.SendAsync(request, Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);
        return (response.StatusCode, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement);
    }

    [Fact]
    public async Task A_handed_over_case_is_completed_with_data_and_parties_then_fixed_once_mediation_starts()
    {
        var (_, handed) = await HandedOverCaseAsync(_host);
        Assert.Empty(await _host.QueryAsync(db => db.Parties.Where(p => p.CaseId == handed.Id).ToListAsync(Ct)));

        var (status, body) = await SendAsync(HttpMethod.Patch, $"/api/mediation/cases/{handed.Id}", HandOverCompletion.Data);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(("楼上漏水纠纷", "neighbour", 2, 3000m), (body.GetProperty("name").GetString(), body.GetProperty("category").GetString(),
            body.GetProperty("peopleInvolved").GetInt32(), body.GetProperty("amountAtStake").GetDecimal()));

        var applicant = await AddPartyAsync(handed.Id, new { kind = "person", role = "applicant", name = "张三", contact = "13900139000" });
        var respondent = await AddPartyAsync(handed.Id, new { kind = "person", role = "respondent", name = "李四" });
        var stray = await AddPartyAsync(handed.Id, new { kind = "organisation", role = "other", name = "某物业公司" });
        Assert.True(applicant.HasContact);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(HttpMethod.Delete, $"/api/mediation/cases/{handed.Id}/parties/{stray.Id}")).Status);

        // The contact is encrypted at rest, as at intake, masked in the audited single read, and revealed for a purpose.
        var stored = await _host.QueryAsync(db => db.Parties.AsNoTracking().SingleAsync(p => p.Id == applicant.Id, Ct));
        Assert.DoesNotContain("13900139000", Encoding.UTF8.GetString(stored.EncryptedContact!), StringComparison.Ordinal);
        var detail = (await Mediator.GetFromJsonAsync<CaseDetailView>($"/api/mediation/cases/{handed.Id}", Ct))!;
        Assert.Equal(["applicant 张三 139****9000", "respondent 李四 "], detail.Parties.OrderBy(p => p.Role).Select(p => $"{p.Role} {p.Name} {p.MaskedContact}"));
        var reveal = await Mediator.PostAsJsonAsync($"/api/mediation/cases/{handed.Id}/parties/{applicant.Id}/reveal-contact", new { purpose = "arrange_session" }, Ct);
        Assert.Equal("13900139000", (await reveal.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("contact").GetString());

        // The history names what changed, never the values.
        var history = (await Mediator.GetFromJsonAsync<List<StepView>>($"/api/mediation/cases/{handed.Id}/history", Ct))!;
        Assert.Equal(["register", "data_changed", "party_added", "party_added", "party_added", "party_removed"], history.Select(s => s.Action));
        Assert.Equal("name, place, summary, category, occurredOn, peopleInvolved, amountAtStake", history[1].Note);
        Assert.DoesNotContain(history, s => s.Note?.Contains("张三") == true || s.Note?.Contains("13900139000") == true);

        // Mediation starts: the data items and parties are fixed.
        var (body1, mediator1) = await CaseSeed.BodyAsync(_host, MediationLevel.Grid, Grid1);
        await Mediator.StepAsync(handed.Id, "assign", new { bodyId = body1.Id, mediatorId = mediator1.Id });
        var patch = await SendAsync(HttpMethod.Patch, $"/api/mediation/cases/{handed.Id}", new { summary = "改" });
        var add = await SendAsync(HttpMethod.Post, $"/api/mediation/cases/{handed.Id}/parties", new { kind = "person", role = "other", name = "王五" });
        var remove = await SendAsync(HttpMethod.Delete, $"/api/mediation/cases/{handed.Id}/parties/{respondent.Id}");
        Assert.Equal([HttpStatusCode.Conflict, HttpStatusCode.Conflict, HttpStatusCode.Conflict], new[] { patch.Status, add.Status, remove.Status });
        Assert.Equal(["CaseDataFixedOnceMediationStarts", "PartiesFixedOnceMediationStarts", "PartiesFixedOnceMediationStarts"],
            new[] { patch, add, remove }.Select(r => r.Problem.GetProperty("rule").GetString()));
        Assert.Equal(2, await _host.QueryAsync(db => db.Parties.CountAsync(p => p.CaseId == handed.Id, Ct)));
    }

    [Fact]
    public async Task Mediation_cannot_start_before_the_case_names_two_parties()
    {
        var (_, handed) = await HandedOverCaseAsync(_host);
        var (body, mediator) = await CaseSeed.BodyAsync(_host, MediationLevel.Grid, Grid1);
        var assign = new { bodyId = body.Id, mediatorId = mediator.Id };
        await Mediator.RefusedAsync(handed.Id, "assign", assign, "MediationNeedsTwoParties");
        await AddPartyAsync(handed.Id, new { kind = "person", role = "applicant", name = "张三" });
        await Mediator.RefusedAsync(handed.Id, "assign", assign, "MediationNeedsTwoParties");
        await AddPartyAsync(handed.Id, new { kind = "person", role = "respondent", name = "李四" });
        Assert.Equal("in_mediation", (await Mediator.StepAsync(handed.Id, "assign", assign)).State);
    }

    [Theory]
    [InlineData("category", "noise")]
    [InlineData("risk", "urgent")]
    [InlineData("summary", "2001")]
    [InlineData("peopleInvolved", "0")]
    [InlineData("amountAtStake", "-1")]
    [InlineData("occurredOn", "future")]
    [InlineData("name", "same")]
    public async Task A_bad_data_item_is_400_naming_it_and_changes_nothing(string field, string value)
    {
        var (_, handed) = await HandedOverCaseAsync(_host);
        object patch = field switch
        {
            "category" => new { name = "改名", category = value },
            "risk" => new { name = "改名", risk = value },
            "summary" => new { name = "改名", summary = new string('争', 2001) },
            "peopleInvolved" => new { name = "改名", peopleInvolved = 0 },
            "amountAtStake" => new { name = "改名", amountAtStake = -1m },
            "occurredOn" => new { name = "改名", occurredOn = DateOnly.FromDateTime(_host.Clock.GetUtcNow().UtcDateTime.AddDays(3)) },
            _ => new { name = handed.Name },
        };
        var (status, problem) = await SendAsync(HttpMethod.Patch, $"/api/mediation/cases/{handed.Id}", patch);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        var unchanged = await _host.QueryAsync(db => db.Cases.AsNoTracking().SingleAsync(c => c.Id == handed.Id, Ct));
        Assert.Equal((handed.Name, handed.Version), (unchanged.Name, unchanged.Version));
    }

    [Fact]
    public async Task Parties_are_checked_and_only_a_mediator_within_reach_completes_a_case()
    {
        var (_, handed) = await HandedOverCaseAsync(_host);
        var badRole = await SendAsync(HttpMethod.Post, $"/api/mediation/cases/{handed.Id}/parties", new { kind = "person", role = "judge", name = "王五" });
        var noName = await SendAsync(HttpMethod.Post, $"/api/mediation/cases/{handed.Id}/parties", new { kind = "person", role = "applicant", name = " " });
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (badRole.Status, noName.Status));
        Assert.True(badRole.Problem.GetProperty("errors").TryGetProperty("role", out _));
        Assert.True(noName.Problem.GetProperty("errors").TryGetProperty("name", out _));
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(HttpMethod.Delete, $"/api/mediation/cases/{handed.Id}/parties/{Guid.NewGuid()}")).Status);

        using var otherCommunity = _host.ClientAs("m-other", OtherCommunity, "mediator");
        using var window = _host.ClientAs("op-1", Community, "centre_operator");
        Assert.Equal(HttpStatusCode.NotFound, (await otherCommunity.PatchAsJsonAsync($"/api/mediation/cases/{handed.Id}", new { name = "x" }, Ct)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await window.PostAsJsonAsync($"/api/mediation/cases/{handed.Id}/parties",
            new { kind = "person", role = "applicant", name = "张三" }, Ct)).StatusCode);
        Assert.Equal(0, await _host.QueryAsync(db => db.Parties.CountAsync(p => p.CaseId == handed.Id, Ct)));
    }
}
