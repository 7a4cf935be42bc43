using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Governance.Population.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Governance.Population.Tests.Infrastructure.PopulationHost;

namespace Governance.Population.Tests.Persons;

public sealed class RegistrationTests : IAsyncLifetime
{
    private PopulationHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await PopulationHost.StartAsync();

    public async ValueTask DisposeAsync() => await _host.DisposeAsync();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_grid_worker_registers_a_person_and_the_answer_is_masked()
    {
        using var response = await _host.GridWorker().PostAsJsonAsync("/api/population/persons", People.Floating(), Ct);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var person = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal("110105********002X", person.GetProperty("documentNumber").GetString());
        Assert.Equal("097****2345", person.GetProperty("phone").GetString());
        var today = Governance.Population.Persons.PersonNames.Today(_host.Clock);
        var age = today.Year - 1949 - (today < new DateOnly(today.Year, 12, 31) ? 1 : 0);
        Assert.Equal(("female", age, "floating", "********0123"), (person.GetProperty("sex").GetString(), person.GetProperty("age").GetInt32(),
            person.GetProperty("residence").GetProperty("status").GetString(), person.GetProperty("residence").GetProperty("permitNumber").GetString()));
        Assert.Equal("2027-01-01", person.GetProperty("residence").GetProperty("validUntil").GetString());
        Assert.False(person.TryGetProperty("birthDate", out _));
        Assert.Equal($"/api/population/persons/{person.GetProperty("id").GetGuid()}", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task The_same_document_twice_is_refused_however_it_is_typed()
    {
        await People.RegisterAsync(_host.GridWorker(), People.Floating(number: "11010519491231002X"));
        using var again = await _host.GridWorker(Community).PostAsJsonAsync("/api/population/persons",
            People.Registered(number: " 110105 19491231 002x ", name: "李四"), Ct);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1, await _host.QueryAsync(db => db.Persons.CountAsync(Ct)));
    }

    public static TheoryData<string, string> BadFields => new()
    {
        { """{"name":"张三","documentType":"resident_id","documentNumber":"632801199003071234","residence":{"status":"registered"},"orgPath":"632801/001/002/001"}""", "documentNumber" },
        { """{"name":"张三","documentType":"id_card","documentNumber":"632801199003071235","residence":{"status":"registered"},"orgPath":"632801/001/002/001"}""", "documentType" },
        { """{"name":" ","documentType":"resident_id","documentNumber":"632801199003071235","residence":{"status":"registered"},"orgPath":"632801/001/002/001"}""", "name" },
        { """{"name":"张三","documentType":"resident_id","documentNumber":"632801199003071235","phone":"12345","residence":{"status":"registered"},"orgPath":"632801/001/002/001"}""", "phone" },
        { """{"name":"张三","documentType":"resident_id","documentNumber":"632801199003071235","residence":{"status":"foreign"},"orgPath":"632801/001/002/001"}""", "residence.status" },
        { """{"name":"张三","documentType":"resident_id","documentNumber":"632801199003071235","residence":{"status":"floating","validFrom":"2026-01-01","validUntil":"2027-01-01"},"orgPath":"632801/001/002/001"}""", "residence.permitNumber" },
        { """{"name":"张三","documentType":"resident_id","documentNumber":"632801199003071235","residence":{"status":"floating","permitNumber":"QH1","validFrom":"2026-01-01","validUntil":"2025-01-01"},"orgPath":"632801/001/002/001"}""", "residence.validUntil" },
        { """{"name":"张三","documentType":"resident_id","documentNumber":"632801199003071235","residence":{"status":"registered","permitNumber":"QH1"},"orgPath":"632801/001/002/001"}""", "residence.permitNumber" },
        { """{"name":"张三","documentType":"resident_id","documentNumber":"632801199003071235","residence":{"status":"registered"},"orgPath":"632801//001"}""", "orgPath" },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task Bad_input_is_answered_naming_the_field_and_nothing_is_written(string body, string field)
    {
        using var response = await _host.GridWorker().PostAsync("/api/population/persons", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        Assert.Equal(0, await _host.QueryAsync(db => db.Persons.CountAsync(Ct)));
    }

    [Fact]
    public async Task Registering_outside_ones_grid_or_without_the_permission_is_forbidden()
    {
        using var outside = await _host.GridWorker().PostAsJsonAsync("/api/population/persons", People.Registered(org: OtherCommunity), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, outside.StatusCode);
        using var investigator = await _host.Investigator().PostAsJsonAsync("/api/population/persons", People.Registered(), Ct);
        Assert.Equal(HttpStatusCode.Forbidden, investigator.StatusCode);
        Assert.Contains("population.register", await investigator.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, await _host.QueryAsync(db => db.Persons.CountAsync(Ct)));
    }

    [Fact]
    public async Task A_foreign_resident_registers_with_a_passport_and_a_floating_one_with_a_residence_permit()
    {
        var foreign = new
        {
            name = "John Smith", documentType = "passport", documentNumber = "E12345678", residence = new { status = "foreign" }, orgPath = Grid1,
        };
        using var passport = await _host.GridWorker().PostAsJsonAsync("/api/population/persons", foreign, Ct);
        Assert.Equal(HttpStatusCode.Created, passport.StatusCode);
        var view = await passport.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(("E******78", "unknown", JsonValueKind.Null), (view.GetProperty("documentNumber").GetString(), view.GetProperty("sex").GetString(), view.GetProperty("age").ValueKind));
        var hongKong = new
        {
            name = "陈大文", documentType = "hk_macao_taiwan_residence_permit", documentNumber = "810000198501010010",
            residence = new { status = "floating", permitNumber = "810000198501010010", validFrom = "2025-03-01", validUntil = "2030-03-01" }, orgPath = Grid1,
        };
        using var permit = await _host.GridWorker().PostAsJsonAsync("/api/population/persons", hongKong, Ct);
        Assert.Equal(HttpStatusCode.Created, permit.StatusCode);
    }
}
