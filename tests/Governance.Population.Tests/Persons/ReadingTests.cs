using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Population.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Persons;

/// <summary>Every read is within the reader's org scope, masked unless revealed with a purpose, and leaves its access-log row.</summary>
public sealed class ReadingTests : IAsyncLifetime
{
    private PopulationHost _host = null!;
    private Guid _zhang, _li, _wang;

    public async ValueTask InitializeAsync()
    {
        _host = await PopulationHost.StartAsync();
        _zhang = await People.RegisterAsync(_host.GridWorker(), People.Registered());
        _li = await People.RegisterAsync(_host.GridWorker(), People.Floating());
        _wang = await People.RegisterAsync(_host.GridWorker(OtherCommunity), People.Registered(number: "440304201001010046", name: "王五", org: OtherCommunity + "/001"));
    }

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<List<Governance.Population.Access.PersonRead>> ReadsAsync() =>
        _host.QueryAsync(db => db.PersonReads.AsNoTracking().OrderBy(r => r.Id).ToListAsync(Ct));

    [Fact]
    public async Task Reading_a_person_answers_masked_and_logs_who_which_fields_and_why()
    {
        var person = await _host.GridWorker().GetFromJsonAsync<JsonElement>($"/api/population/persons/{_zhang}?purpose=service_delivery&purposeNote=入户走访", Ct);
        Assert.Equal(("632801********1235", "138****5678"), (person.GetProperty("documentNumber").GetString(), person.GetProperty("phone").GetString()));
        var read = Assert.Single(await ReadsAsync());
        Assert.Equal((_zhang, "gw-1", "get", "service_delivery", "入户走访", "rest", Grid1), (read.PersonId, read.Reader, read.Action, read.Purpose, read.PurposeNote, read.Channel, read.OrgPath));
        Assert.Contains("documentNumber:masked", read.Fields);
    }

    [Fact]
    public async Task A_person_outside_the_readers_subtree_reads_as_absent_and_nothing_is_logged()
    {
        using var response = await _host.GridWorker().GetAsync($"/api/population/persons/{_wang}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await ReadsAsync());
    }

    [Fact]
    public async Task The_list_holds_only_the_readers_subtree_and_logs_each_person_listed()
    {
        var list = await _host.GridWorker(Community).GetFromJsonAsync<JsonElement[]>("/api/population/persons", Ct);
        Assert.Equal(["张三", "李四"], list!.Select(p => p.GetProperty("name").GetString()).Order());
        Assert.Equal(new[] { _li, _zhang }.Order(), (await ReadsAsync()).Select(r => r.PersonId!.Value).Order());
        var narrowed = await _host.Investigator().GetFromJsonAsync<JsonElement[]>($"/api/population/persons?org={OtherCommunity}", Ct);
        Assert.Equal("王五", Assert.Single(narrowed!).GetProperty("name").GetString());
        using var badPurpose = await _host.GridWorker().GetAsync("/api/population/persons?purpose=curiosity", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badPurpose.StatusCode);
    }

    [Fact]
    public async Task An_investigator_looks_a_number_up_with_a_purpose_and_the_look_up_is_logged()
    {
        using var noPurpose = await _host.Investigator().PostAsJsonAsync("/api/population/persons/lookup", new { documentNumber = People.ZhangId }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noPurpose.StatusCode);
        Assert.True((await noPurpose.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors").TryGetProperty("purpose", out _));

        using var found = await _host.Investigator().PostAsJsonAsync("/api/population/persons/lookup",
            new { documentNumber = "632801 19900307 1235", purpose = "law_enforcement_request", purposeNote = "格公协字〔2026〕12号" }, Ct);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        var person = Assert.Single((await found.Content.ReadFromJsonAsync<JsonElement[]>(Ct))!);
        Assert.Equal((_zhang.ToString(), "632801********1235"), (person.GetProperty("id").GetString(), person.GetProperty("documentNumber").GetString()));

        using var missing = await _host.Investigator().PostAsJsonAsync("/api/population/persons/lookup",
            new { documentType = "hk_macao_taiwan_residence_permit", documentNumber = "830000200002290031", purpose = "law_enforcement_request" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var reads = await ReadsAsync();
        Assert.Equal(["lookup", "lookup_miss"], reads.Select(r => r.Action));
        Assert.Equal(("law_enforcement_request", "格公协字〔2026〕12号", (Guid?)_zhang), (reads[0].Purpose, reads[0].PurposeNote, reads[0].PersonId));
        Assert.Null(reads[1].PersonId);

        // An investigator of another community holds the number as absent, and the probe is logged within their reach.
        using var elsewhere = await _host.Investigator(OtherCommunity).PostAsJsonAsync("/api/population/persons/lookup",
            new { documentNumber = People.ZhangId, purpose = "case_handling" }, Ct);
        Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
        var probe = (await ReadsAsync())[^1];
        Assert.Equal(("lookup_miss", (Guid?)null, OtherCommunity, "case_handling", "rest"), (probe.Action, probe.PersonId, probe.OrgPath, probe.Purpose, probe.Channel));
    }

    [Fact]
    public async Task A_grid_worker_may_not_look_numbers_up()
    {
        using var response = await _host.GridWorker().PostAsJsonAsync("/api/population/persons/lookup",
            new { documentNumber = People.ZhangId, purpose = "service_delivery" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Empty(await ReadsAsync());
    }

    [Fact]
    public async Task Revealing_needs_the_reveal_permission_and_a_purpose_and_shows_only_the_fields_asked()
    {
        using var gridWorker = await _host.GridWorker().PostAsJsonAsync($"/api/population/persons/{_li}/reveal", new { purpose = "service_delivery" }, Ct);
        Assert.Equal(HttpStatusCode.Forbidden, gridWorker.StatusCode);
        Assert.Contains("population.reveal", await gridWorker.Content.ReadAsStringAsync(Ct));
        using var noPurpose = await _host.Investigator().PostAsJsonAsync($"/api/population/persons/{_li}/reveal", new { fields = new[] { "phone" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, noPurpose.StatusCode);
        using var badField = await _host.Investigator().PostAsJsonAsync($"/api/population/persons/{_li}/reveal", new { purpose = "case_handling", fields = new[] { "religion" } }, Ct);
        Assert.Equal(HttpStatusCode.BadRequest, badField.StatusCode);
        Assert.Empty(await ReadsAsync());

        using var revealed = await _host.Investigator().PostAsJsonAsync($"/api/population/persons/{_li}/reveal",
            new { purpose = "case_handling", purposeNote = "调解案件当事人核实", fields = new[] { "documentNumber", "permitNumber" } }, Ct);
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        var view = await revealed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal((People.LiId, "QH2026000123", JsonValueKind.Null, JsonValueKind.Null), (view.GetProperty("documentNumber").GetString(),
            view.GetProperty("permitNumber").GetString(), view.GetProperty("phone").ValueKind, view.GetProperty("birthDate").ValueKind));
        var read = Assert.Single(await ReadsAsync());
        Assert.Equal(("reveal", "documentNumber,permitNumber", "case_handling", "inv-1"), (read.Action, read.Fields, read.Purpose, read.Reader));
    }

    [Fact]
    public async Task An_auditor_reads_the_access_log_of_their_subtree_only()
    {
        await _host.GridWorker().GetAsync($"/api/population/persons/{_zhang}", Ct);
        await _host.Investigator().GetAsync($"/api/population/persons/{_wang}?purpose=case_handling", Ct);

        var mine = await _host.Auditor(Community).GetFromJsonAsync<JsonElement[]>("/api/population/access-log", Ct);
        var row = Assert.Single(mine!);
        Assert.Equal((_zhang.ToString(), "gw-1", "get"), (row.GetProperty("personId").GetString(), row.GetProperty("reader").GetString(), row.GetProperty("action").GetString()));
        var county = await _host.Auditor(County).GetFromJsonAsync<JsonElement[]>($"/api/population/access-log?reader=inv-1", Ct);
        Assert.Equal("case_handling", Assert.Single(county!).GetProperty("purpose").GetString());
        using var notAuditor = await _host.GridWorker().GetAsync("/api/population/access-log", Ct);
        Assert.Equal(HttpStatusCode.Forbidden, notAuditor.StatusCode);
    }

    [Fact]
    public async Task The_one_statement_look_up_reads_every_column_of_a_person_as_EF_maps_it()
    {
        // Every mapped column, no more: a property added to Person must be read by the hand-written reader too.
        var mapped = await _host.QueryAsync(db => Task.FromResult(db.Model.FindEntityType(typeof(Governance.Population.Persons.Person))!
            .GetProperties().Select(p => p.GetColumnName()).Order().ToList()));
        Assert.Equal(mapped, Governance.Population.Persons.LookupInOneStatement.Columns.Order());

        // The floating resident fills the permit's columns; what the statement reads equals what EF loads.
        var ef = await _host.QueryAsync(db => db.Persons.AsNoTracking().SingleAsync(p => p.Id == _li, Ct));
        var read = new Governance.Population.Access.PersonRead
        {
            OrgPath = Community, Reader = "test", At = DateTime.UtcNow, Action = "lookup", Fields = "", Channel = "test", Purpose = "service_delivery",
        };
        var found = Assert.Single(await _host.QueryAsync(db => Governance.Population.Persons.LookupInOneStatement.FindAndLogAsync(
            db, [ef.DocumentHash], ["632801"], read, "masked", "632801", Ct)));
        Assert.NotNull(ef.PermitValidUntil);
        foreach (var property in typeof(Governance.Population.Persons.Person).GetProperties())
        {
            var (expected, actual) = (property.GetValue(ef), property.GetValue(found));
            if (expected is byte[] bytes) Assert.Equal(bytes, (byte[])actual!);
            else Assert.True(Equals(expected, actual), $"{property.Name}: {expected} read as {actual}");
        }
    }
}
